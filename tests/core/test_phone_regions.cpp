// Every region's example numbers, from libphonenumber's own metadata, through the core's facade.
// In the wasm build libphonenumber matches on the JavaScript engine's RegExp through our adapter
// (scripts/deps/wasm/phonenumbers/), natively on Debian's build: the same assertions hold in both,
// so a pattern the adapter got wrong, in any region or number type, fails here.
#include "verji/core/phone.h"

#include <phonenumbers/asyoutypeformatter.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <catch2/catch.hpp>

#include <memory>
#include <set>
#include <string>

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;
using verji::core::PhoneType;

const PhoneNumberUtil::PhoneNumberType kTypes[] = {
    PhoneNumberUtil::FIXED_LINE,      PhoneNumberUtil::MOBILE,      PhoneNumberUtil::TOLL_FREE,
    PhoneNumberUtil::PREMIUM_RATE,    PhoneNumberUtil::SHARED_COST, PhoneNumberUtil::VOIP,
    PhoneNumberUtil::PERSONAL_NUMBER, PhoneNumberUtil::PAGER,       PhoneNumberUtil::UAN,
    PhoneNumberUtil::VOICEMAIL,
};

std::string digits_of(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if ((c >= '0' && c <= '9') || c == '+') digits.push_back(c);
  }
  return digits;
}

}  // namespace

TEST_CASE("every region's example numbers are valid, keep their type and format the same typed or whole",
          "[phone]") {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  std::set<std::string> regions;
  util.GetSupportedRegions(&regions);
  REQUIRE(regions.size() > 200);
  int numbers = 0;
  for (const std::string& region : regions) {
    for (const auto type : kTypes) {
      PhoneNumber example;
      if (!util.GetExampleNumberForType(region, type, &example)) continue;
      std::string e164;
      std::string international;
      std::string national;
      util.Format(example, PhoneNumberUtil::E164, &e164);
      util.Format(example, PhoneNumberUtil::INTERNATIONAL, &international);
      util.Format(example, PhoneNumberUtil::NATIONAL, &national);
      INFO(region << " type " << static_cast<int>(type) << ": " << international << " / " << national);
      ++numbers;

      CHECK(util.IsValidNumberForRegion(example, region));
      const PhoneNumberUtil::PhoneNumberType found = util.GetNumberType(example);
      const bool same_type =
          found == type || (found == PhoneNumberUtil::FIXED_LINE_OR_MOBILE &&
                            (type == PhoneNumberUtil::FIXED_LINE || type == PhoneNumberUtil::MOBILE));
      CHECK(same_type);

      // Typed in international form from anywhere, and in national form in its own region.
      for (const auto& [text, from] : {std::pair{international, std::string("NO")}, {national, region}}) {
        INFO("typed " << text << " in " << from);
        const auto check = verji::core::check_phone(text, from);
        CHECK(check.parsed);
        if (e164.size() <= verji::core::kMaxE164Digits + 1) {
          CHECK(check.valid);
          CHECK(check.e164 == e164);
          CHECK(check.international == international);
        }
      }
      // As typed digit by digit, the formatter ends on the digits typed, in some grouping.
      CHECK(digits_of(verji::core::format_as_you_type(e164, region)) == e164);
    }
  }
  INFO(numbers << " example numbers");
  CHECK(numbers > 1000);
}

TEST_CASE("check_phone() calls a number valid exactly when libphonenumber's IsValidNumber() does",
          "[phone]") {
  // check_phone() decides validity from GetNumberType() alone (one region lookup and one pass over
  // the type patterns instead of two): here every region's example numbers and their near misses
  // (a digit short, a digit long, the first national digit changed) get the same answer both ways.
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  std::set<std::string> regions;
  util.GetSupportedRegions(&regions);
  int valid = 0;
  int invalid = 0;
  for (const std::string& region : regions) {
    for (const auto type : kTypes) {
      PhoneNumber example;
      if (!util.GetExampleNumberForType(region, type, &example)) continue;
      std::string e164;
      util.Format(example, PhoneNumberUtil::E164, &e164);
      const std::string code = "+" + std::to_string(example.country_code());
      const std::string national = e164.substr(code.size());
      std::string changed = national;
      changed[0] = changed[0] == '9' ? '1' : static_cast<char>(changed[0] + 1);
      for (const std::string& text : {e164, e164.substr(0, e164.size() - 1), e164 + "5", code + changed}) {
        PhoneNumber number;
        if (util.Parse(text, "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR) continue;
        std::string formatted;
        util.Format(number, PhoneNumberUtil::E164, &formatted);
        const bool expected =
            util.IsValidNumber(number) && formatted.size() <= verji::core::kMaxE164Digits + 1;
        INFO(region << ": " << text);
        CHECK(verji::core::check_phone(text, region).valid == expected);
        ++(expected ? valid : invalid);
      }
    }
  }
  INFO(valid << " valid, " << invalid << " invalid");
  CHECK(valid > 1000);
  CHECK(invalid > 1000);
}
