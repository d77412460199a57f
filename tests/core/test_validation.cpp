// validate() (validation.cpp): the per-field rules joined into one result, sendable or not, the
// normalised values, and the result's queries. Each rule has its own test_validate_<rule>.cpp.
#include "verji/core/validation.h"

#include "findings.h"

#include <catch2/catch.hpp>

#include <string>

using verji::core::Field;
using verji::core::InviteForm;
using verji::core::PhoneType;
using verji::core::Severity;
using verji::core::validate;
using verji::core::Validation;
using verji::core::ValidationOptions;
using verji::core::Verification;
using verji::test::codes;
using verji::test::good_form;

TEST_CASE("an empty form is not sendable and says what is required", "[validation]") {
  const Validation v = validate(InviteForm{}, ValidationOptions{});
  CHECK_FALSE(v.sendable());
  CHECK_FALSE(v.needs_confirmation());
  CHECK(codes(v) == "email.required,name.required");
  CHECK_FALSE(InviteForm{}.verification_chosen);
  CHECK(v.normalized.verification == Verification::email);
  REQUIRE(v.for_field(Field::email).size() == 1);
  CHECK(v.for_field(Field::email).front()->code == "email.required");
  CHECK(v.for_field(Field::phone).empty());
}

TEST_CASE("a complete form is sendable with normalised values", "[validation]") {
  InviteForm form;
  form.email = "  Ola.Nordmann@EXAMPLE.no ";
  form.full_name = " Ola  Nordmann ";
  form.phone = "0047 412 34 567";
  ValidationOptions options;
  options.server_name = "prod.verji.app";
  const Validation v = validate(form, options);
  CHECK(v.findings.empty());
  CHECK(v.sendable());
  CHECK(v.normalized.email == "Ola.Nordmann@example.no");
  CHECK(v.normalized.email_ascii == "Ola.Nordmann@example.no");
  CHECK(v.normalized.full_name == "Ola Nordmann");
  CHECK(v.normalized.phone_e164 == "+4741234567");
  CHECK(v.normalized.phone_international == "+47 412 34 567");
  CHECK(v.normalized.phone_region == "NO");
  CHECK(v.normalized.phone_type == PhoneType::mobile);
  CHECK(v.normalized.username == "olanordmann");
  CHECK(v.normalized.user_id == "@olanordmann:prod.verji.app");
}

TEST_CASE("warnings and notices do not stop sending, errors do", "[validation]") {
  InviteForm form = good_form();
  form.email = "ola@gmial.com";
  form.full_name = "Nordmann Bygg AS";
  const Validation warned = validate(form, ValidationOptions{});
  CHECK(codes(warned) == "email.typo,name.company");
  CHECK(warned.sendable());
  form.email = "ola@gmial";
  CHECK_FALSE(validate(form, ValidationOptions{}).sendable());
}

TEST_CASE("the username style and the phone region are options", "[validation]") {
  InviteForm form = good_form();
  form.phone = "070 123 45 67";
  ValidationOptions options;
  options.username_style = verji::core::UsernameStyle::dotted;
  options.phone_region = "SE";
  const Validation v = validate(form, options);
  CHECK(v.normalized.username == "ola.nordmann");
  CHECK(v.normalized.phone_e164 == "+46701234567");
  CHECK(v.normalized.phone_region == "SE");
}

TEST_CASE("Unicode input through the whole form", "[validation]") {
  InviteForm form;
  form.email =
      "\xE2\x80\x8Bola@BLA\xCC\x8A"
      "B\xC3\x86R.no";  // ZWSP first, NFD and capitals in the domain
  form.full_name =
      "A\xCC\x8Ase \xE2\x80\xAE"
      "Bj\xC3\xB8rnstad";  // NFD Å, then an RLO
  const Validation v = validate(form, ValidationOptions{});
  CHECK(codes(v) == "email.syntax,name.invisible_character");
  CHECK(v.findings[0].span == verji::core::Span{0, 3});
  CHECK(v.findings[1].span == verji::core::Span{6, 9});
  CHECK_FALSE(v.sendable());

  form.email =
      "ola@BLA\xCC\x8A"
      "B\xC3\x86R.no";
  form.full_name = "A\xCC\x8Ase Bj\xC3\xB8rnstad";
  const Validation fixed = validate(form, ValidationOptions{});
  CHECK(fixed.findings.empty());
  CHECK(fixed.normalized.email ==
        "ola@bl\xC3\xA5"
        "b\xC3\xA6r.no");
  CHECK(fixed.normalized.email_ascii == "ola@xn--blbr-roah.no");
  CHECK(fixed.normalized.full_name == "\xC3\x85se Bj\xC3\xB8rnstad");
  CHECK(fixed.normalized.username == "aasebjoernstad");
}

TEST_CASE("severities have stable names", "[validation]") {
  CHECK(to_string(Severity::error) == "error");
  CHECK(to_string(Severity::warning) == "warning");
  CHECK(to_string(Severity::notice) == "notice");
}
