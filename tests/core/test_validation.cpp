// The whole form: sendable or not, defaults, the verification channel, the pending phone check.
#include "verji/core/validation.h"

#include "findings.h"

#include <catch2/catch.hpp>

#include <string>

using verji::core::Field;
using verji::core::InviteForm;
using verji::core::Msg;
using verji::core::phone_ready;
using verji::core::PhoneType;
using verji::core::Severity;
using verji::core::UserType;
using verji::core::validate;
using verji::core::Validation;
using verji::core::ValidationOptions;
using verji::core::Verification;
using verji::test::codes;

namespace {

InviteForm good_form() {
  InviteForm form;
  form.email = "ola.nordmann@example.no";
  form.full_name = "Ola Nordmann";
  return form;
}

}  // namespace

// First in this file, and this file links before test_phone.cpp: the library is not started yet.
TEST_CASE("a number typed before libphonenumber is up waits, then is checked", "[validation][phone]") {
  REQUIRE_FALSE(phone_ready());
  ValidationOptions ui;
  ui.allow_phone_startup = false;

  InviteForm form = good_form();
  CHECK(validate(form, ui).sendable());  // no number: nothing to wait for
  form.phone = "412 34 567";
  const Validation waiting = validate(form, ui);
  CHECK_FALSE(phone_ready());  // the UI path never pays the start-up
  CHECK(waiting.phone_pending);
  CHECK_FALSE(waiting.sendable());
  CHECK(codes(waiting) == "phone.pending");
  CHECK(waiting.findings.front().severity == Severity::notice);
  CHECK(waiting.normalized.phone_e164.empty());
  CHECK(waiting.normalized.verification == Verification::email);

  ValidationOptions tool;  // tools allow the start-up and get the full answer at once
  const Validation checked = validate(form, tool);
  CHECK(phone_ready());
  CHECK_FALSE(checked.phone_pending);
  CHECK(checked.sendable());
  CHECK(checked.normalized.phone_e164 == "+4741234567");
  CHECK(checked.normalized.verification == Verification::sms);

  const Validation later = validate(form, ui);  // once up, the UI path checks too
  CHECK_FALSE(later.phone_pending);
  CHECK(later.normalized.phone_e164 == "+4741234567");
  CHECK(later.normalized.verification == Verification::sms);
}

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

TEST_CASE("the verification channel follows the number until the admin chooses", "[validation]") {
  struct Row {
    const char* phone;
    bool chosen;
    Verification choice;
    Verification sent;
    const char* codes;
    bool sendable;
  };
  const Row rows[] = {
      // not chosen: SMS with a mobile, e-mail otherwise (never an error)
      {"", false, Verification::sms, Verification::email, "", true},
      {"41234567", false, Verification::sms, Verification::sms, "", true},
      {"+46 70 123 45 67", false, Verification::email, Verification::sms, "", true},
      {"22 22 22 22", false, Verification::sms, Verification::email, "phone.not_mobile", true},
      {"1234", false, Verification::sms, Verification::email, "phone.invalid", false},
      // chosen
      {"41234567", true, Verification::email, Verification::email, "", true},
      {"41234567", true, Verification::sms, Verification::sms, "", true},
      {"", true, Verification::sms, Verification::sms, "phone.required_for_sms", false},
      {"   ", true, Verification::sms, Verification::sms, "phone.required_for_sms", false},
      {"22 22 22 22", true, Verification::sms, Verification::sms, "phone.cannot_receive_sms", false},
      {"800 12 345", true, Verification::sms, Verification::sms, "phone.cannot_receive_sms", false},
      {"22 22 22 22", true, Verification::email, Verification::email, "phone.not_mobile", true},
      {"1234", true, Verification::sms, Verification::sms, "phone.invalid", false},
  };
  for (const auto& row : rows) {
    INFO("phone '" << row.phone << "' chosen " << row.chosen);
    InviteForm form = good_form();
    form.phone = row.phone;
    form.verification_chosen = row.chosen;
    form.verification = row.choice;
    const Validation v = validate(form, ValidationOptions{});
    CHECK(v.normalized.verification == row.sent);
    CHECK(codes(v) == row.codes);
    CHECK(v.sendable() == row.sendable);
    for (const auto& f : v.findings) CHECK(f.field == Field::phone);
  }
}

TEST_CASE("SMS to a landline is an error that says so, in both languages", "[validation]") {
  InviteForm form = good_form();
  form.phone = "22 22 22 22";
  form.verification_chosen = true;
  form.verification = Verification::sms;
  const Validation v = validate(form, ValidationOptions{});
  REQUIRE(v.findings.size() == 1);
  const auto& f = v.findings.front();
  CHECK(f.message == Msg::phone_landline_cannot_receive_sms);
  CHECK(f.severity == Severity::error);
  CHECK(f.span == verji::core::Span{0, 11});
  using verji::core::format;
  using verji::core::Lang;
  CHECK(format(Lang::en, f.message, f.args) ==
        "+47 22 22 22 22 is a landline number and cannot receive text messages. Enter a mobile number, or "
        "choose verification by e-mail.");
  CHECK(format(Lang::nb, f.message, f.args).rfind("+47 22 22 22 22 er et fasttelefonnummer", 0) == 0);
}

TEST_CASE("user type: Standard by default, Administrator carries a cost notice", "[validation]") {
  InviteForm form = good_form();
  CHECK(form.user_type == UserType::standard);
  CHECK(validate(form, ValidationOptions{}).findings.empty());
  form.user_type = UserType::administrator;
  const Validation v = validate(form, ValidationOptions{});
  REQUIRE(v.findings.size() == 1);
  CHECK(v.findings.front().code == "user_type.administrator_cost");
  CHECK(v.findings.front().severity == Severity::notice);
  CHECK(v.findings.front().field == Field::user_type);
  CHECK(v.sendable());
}

TEST_CASE("warnings and notices do not stop sending; errors do", "[validation]") {
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
