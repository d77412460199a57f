#include "verji/core/invite_form.h"

#include <catch2/catch.hpp>

using verji::core::Field;
using verji::core::InviteForm;

TEST_CASE("a new form has the seed article's defaults", "[form]") {
  const InviteForm form;
  CHECK(form.email.empty());
  CHECK(form.user_type == verji::core::UserType::standard);
}

TEST_CASE("text fields are set and read by Field, choices are not text", "[form]") {
  InviteForm form;
  CHECK(set_text(form, Field::email, "ola@example.no"));
  CHECK(set_text(form, Field::full_name, "Ola Nordmann"));
  CHECK(set_text(form, Field::phone, "41234567"));
  CHECK(set_text(form, Field::welcome_message, "Velkommen"));
  CHECK(text_of(form, Field::email) == "ola@example.no");
  CHECK(text_of(form, Field::full_name) == "Ola Nordmann");
  CHECK(text_of(form, Field::phone) == "41234567");
  CHECK(text_of(form, Field::welcome_message) == "Velkommen");
  CHECK_FALSE(set_text(form, Field::verification, "sms"));
  CHECK(text_of(form, Field::user_type).empty());
}

TEST_CASE("field names are the invite record's JSON names", "[form]") {
  CHECK(field_name(Field::email) == "email");
  CHECK(field_name(Field::full_name) == "full_name");
  CHECK(field_name(Field::phone) == "phone");
  CHECK(field_name(Field::verification) == "verification");
  CHECK(field_name(Field::user_type) == "user_type");
  CHECK(field_name(Field::welcome_message) == "welcome_message");
}
