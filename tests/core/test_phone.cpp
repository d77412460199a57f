#include "verji/core/phone.h"

#include <catch2/catch.hpp>

using verji::core::check_phone;
using verji::core::format_as_you_type;
using verji::core::phone_ready;
using verji::core::phone_warm;
using verji::core::phone_warm_up;
using verji::core::phone_warm_up_step;
using verji::core::PhoneType;

TEST_CASE("the phone library starts lazily and only once", "[phone]") {
  // Another test case may have started the library before this one runs; run alone, this one
  // starts it.
  const bool was_ready = phone_ready();
  const double first = phone_warm_up();
  CHECK(phone_ready());
  if (!was_ready) CHECK(first > 0.0);
  CHECK(phone_warm_up() == 0.0);
}

TEST_CASE("the phone library can start in slices, with checks right before, during and after", "[phone]") {
  // Run alone (as ctest runs each case), it starts cold: slices of no time still do one step each
  // (making PhoneNumberUtil, the first check), then it is warm.
  const bool was_warm = phone_warm();
  CHECK(check_phone("41234567", "NO").e164 == "+4741234567");  // pays what it needs itself
  int steps = 0;
  for (bool done = was_warm; !done; ++steps) {
    done = phone_warm_up_step(0.0);
    CHECK(phone_ready());
    if (steps % 5 == 0) CHECK(check_phone("+47 22 22 22 22", "NO").type == PhoneType::fixed_line);
    REQUIRE(steps < 10000);
  }
  CHECK(phone_warm());
  if (!was_warm) CHECK(steps >= 1);
  CHECK(phone_warm_up_step(0.0));
  CHECK(phone_warm_up() == 0.0);
  CHECK(check_phone("41234567", "NO").type == PhoneType::mobile);
}

TEST_CASE("Norwegian numbers are parsed, classified and formatted", "[phone]") {
  struct Row {
    const char* input;
    PhoneType type;
    const char* e164;
    const char* international;
  };
  const Row rows[] = {
      {"41234567", PhoneType::mobile, "+4741234567", "+47 412 34 567"},
      {"412 34 567", PhoneType::mobile, "+4741234567", "+47 412 34 567"},
      {"+47 412 34 567", PhoneType::mobile, "+4741234567", "+47 412 34 567"},
      {"0047 41234567", PhoneType::mobile, "+4741234567", "+47 412 34 567"},
      {"93 00 00 00", PhoneType::mobile, "+4793000000", "+47 930 00 000"},
      {"22 22 22 22", PhoneType::fixed_line, "+4722222222", "+47 22 22 22 22"},
      // Fullwidth digits, as a Japanese IME types them, go through our u_charDigitValue stand-in.
      {"\xEF\xBC\x94\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x94\xEF\xBC\x95\xEF\xBC\x96\xEF\xBC\x97",
       PhoneType::mobile, "+4741234567", "+47 412 34 567"},
  };
  for (const auto& row : rows) {
    INFO("input '" << row.input << "'");
    const auto check = check_phone(row.input, "NO");
    CHECK(check.parsed);
    CHECK(check.valid);
    CHECK(check.region == "NO");
    CHECK(check.type == row.type);
    CHECK(check.e164 == row.e164);
    CHECK(check.international == row.international);
  }
}

TEST_CASE("the default region only applies to national numbers", "[phone]") {
  const auto swedish = check_phone("+46 70 123 45 67", "NO");
  CHECK(swedish.valid);
  CHECK(swedish.region == "SE");
  CHECK(swedish.type == PhoneType::mobile);
  CHECK(swedish.e164 == "+46701234567");

  const auto british = check_phone("07400 123456", "GB");
  CHECK(british.valid);
  CHECK(british.e164 == "+447400123456");
}

TEST_CASE("text that is no phone number is reported, not crashed on", "[phone]") {
  const char* inputs[] = {"",         "abc",          "+", "12", "4123456", "412345678901234567890",
                          "+47 0000", "+999 12345678"};
  for (const char* input : inputs) {
    INFO("input '" << input << "'");
    const auto check = check_phone(input, "NO");
    CHECK_FALSE(check.valid);
    CHECK(check.e164.empty());
    CHECK(check.type == PhoneType::unknown);
  }
}

TEST_CASE("phone types have stable names", "[phone]") {
  CHECK(verji::core::to_string(PhoneType::mobile) == "mobile");
  CHECK(verji::core::to_string(PhoneType::fixed_line_or_mobile) == "fixed_line_or_mobile");
  CHECK(verji::core::to_string(PhoneType::unknown) == "unknown");
}

TEST_CASE("numbers are formatted as they are typed", "[phone]") {
  struct Row {
    const char* typed;
    const char* region;
    const char* shown;
  };
  const Row rows[] = {
      {"4", "NO", "4"},
      {"412", "NO", "412"},
      {"4123", "NO", "412 3"},
      {"41234567", "NO", "412 34 567"},
      {"412 34 567", "NO", "412 34 567"},  // spaces typed are ignored, then put back
      {"22222222", "NO", "22 22 22 22"},
      {"+4741234567", "NO", "+47 412 34 567"},
      {"004741234567", "NO", "00 47 412 34 567"},
      {"+46701234567", "NO", "+46 70 123 45 67"},
      {"0701234567", "SE", "070-123 45 67"},
      {"", "NO", ""},
      {"abc", "NO", ""},
      {"(412) 34-567", "NO", "412 34 567"},
      // Fullwidth digits and plus, as an IME types them.
      {"\xEF\xBC\x8B\xEF\xBC\x94\xEF\xBC\x97\xEF\xBC\x94\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x94"
       "\xEF\xBC\x95\xEF\xBC\x96\xEF\xBC\x97",
       "NO", "+47 412 34 567"},
  };
  for (const auto& row : rows) {
    INFO(row.typed << " in " << row.region);
    CHECK(format_as_you_type(row.typed, row.region) == row.shown);
  }
}

TEST_CASE("a number typed in the field keeps its letters, so the finding can point at them", "[phone]") {
  using verji::core::format_phone_as_typed;
  CHECK(format_phone_as_typed("4123", "NO") == "412 3");
  CHECK(format_phone_as_typed("+47 412-34.567", "NO") == "+47 412 34 567");
  CHECK(format_phone_as_typed("(412) 34/567", "NO") == "412 34 567");
  CHECK(format_phone_as_typed("412x", "NO") == "412x");  // a letter: left as typed
  CHECK(format_phone_as_typed("412 34 5678 ext", "NO") == "412 34 5678 ext");
  // Digits of another script are not ASCII phone text: the field shows them as typed.
  CHECK(format_phone_as_typed("\xEF\xBC\x94\xEF\xBC\x91", "NO") == "\xEF\xBC\x94\xEF\xBC\x91");
  CHECK(format_phone_as_typed("", "NO").empty());
}

// Found by fuzz_validate_phone: libphonenumber's metadata takes some German numbers with 14
// national digits as valid, whose E.164 form has 16 digits; the invite protocol (and its reader)
// carries at most 15, so the widget would have posted a phone the contract refuses.
TEST_CASE("fuzz regression: a number longer than E.164's 15 digits is not valid", "[phone][fuzz]") {
  const auto too_long = check_phone("+49 4127 4127446568", "NO");
  CHECK(too_long.parsed);
  CHECK_FALSE(too_long.valid);
  CHECK(too_long.e164.empty());
  CHECK(too_long.international.empty());
  CHECK(too_long.type == PhoneType::unknown);
  CHECK_FALSE(check_phone("041274127446568", "DE").valid);  // the same, typed nationally
  // The fuzzer's own input (region DE): three letters make libphonenumber read it as a vanity number.
  CHECK_FALSE(check_phone("412s412s44n/568", "DE").valid);
  // One digit less is a number E.164 can carry, and stays valid.
  const auto fits = check_phone("+49 4127 412744656", "NO");
  CHECK(fits.valid);
  CHECK(fits.e164 == "+494127412744656");
  CHECK(fits.e164.size() == verji::core::kMaxE164Digits + 1);
}

TEST_CASE("a check asked again answers the same, and a new text or region is checked anew", "[phone]") {
  // check_phone() keeps its last answer; the key is the text and the region together.
  for (int round = 0; round < 2; ++round) {
    const auto no = check_phone("41234567", "NO");
    CHECK(no.e164 == "+4741234567");
    CHECK(check_phone("41234567", "NO").e164 == "+4741234567");
    const auto se = check_phone("41234567", "SE");  // the same digits as a Swedish national number
    CHECK(se.region != "NO");
    CHECK(se.e164 != "+4741234567");
    CHECK(check_phone("4123456", "NO").valid == false);  // a digit short
    CHECK(check_phone("41234567", "NO").type == PhoneType::mobile);
  }
}
