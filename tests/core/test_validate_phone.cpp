// The phone rule (validate_phone.cpp): a typed number must be valid, SMS needs a number that can
// receive SMS, the channel follows the number until the admin chooses, and a number typed before
// libphonenumber is up waits. Checked through validate(), as the app calls it.
#include "verji/core/phone.h"
#include "verji/core/validation.h"

#include "findings.h"

#include <catch2/catch.hpp>

#include <string>

using verji::core::Field;
using verji::core::InviteForm;
using verji::core::Msg;
using verji::core::phone_ready;
using verji::core::Severity;
using verji::core::validate;
using verji::core::Validation;
using verji::core::ValidationOptions;
using verji::core::Verification;
using verji::test::codes;
using verji::test::good_form;

// Needs libphonenumber not started yet, so it runs in a process of its own: natively every test
// case does; under Emscripten CTest runs the tag [phone-not-started] in a node process of its own
// (tests/CMakeLists.txt).
TEST_CASE("a number typed before libphonenumber is up waits, then is checked",
          "[validation][phone][phone-not-started]") {
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

// Found by fuzz_validate_phone (tests/core/test_phone.cpp has the library's side): a number of 16
// digits in E.164 was valid, so a form with it and e-mail verification was sendable, with a phone
// the invite protocol refuses.
TEST_CASE("fuzz regression: a number longer than E.164 allows is an invalid number", "[validation][fuzz]") {
  InviteForm form = good_form();
  form.phone = "+49 4127 4127446568";
  form.verification_chosen = true;
  form.verification = Verification::email;
  const Validation v = validate(form, ValidationOptions{});
  CHECK(codes(v) == "phone.invalid");
  CHECK(v.findings.front().span == verji::core::Span{0, 19});
  CHECK(v.normalized.phone_e164.empty());
  CHECK_FALSE(v.sendable());
}
