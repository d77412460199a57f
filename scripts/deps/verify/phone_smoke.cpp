// Smoke test run by scripts/deps/build-wasm-deps.sh under node before a wasm
// dependency prefix is marked complete. Exits non-zero (and prints FAIL
// lines) if libphonenumber + protobuf-lite + RE2 + Abseil misbehave.
#include <chrono>
#include <cstdio>
#include <string>

#include "phonenumbers/phonenumber.pb.h"
#include "phonenumbers/phonenumberutil.h"

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

int g_failures = 0;

void Check(bool ok, const char* what) {
  std::printf("%s: %s\n", ok ? "ok  " : "FAIL", what);
  if (!ok) ++g_failures;
}

void CheckEq(const std::string& got, const std::string& want, const char* what) {
  const bool ok = got == want;
  std::printf("%s: %s = \"%s\"", ok ? "ok  " : "FAIL", what, got.c_str());
  if (!ok) std::printf(" (expected \"%s\")", want.c_str());
  std::printf("\n");
  if (!ok) ++g_failures;
}

std::string Fmt(const PhoneNumberUtil& util, const PhoneNumber& n,
                PhoneNumberUtil::PhoneNumberFormat f) {
  std::string out;
  util.Format(n, f, &out);
  return out;
}

}  // namespace

int main() {
  const auto t0 = std::chrono::steady_clock::now();
  const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
  const auto t1 = std::chrono::steady_clock::now();
  std::printf("GetInstance: %.1f ms\n",
              std::chrono::duration<double, std::milli>(t1 - t0).count());
  if (util == nullptr) {
    std::printf("FAIL: GetInstance returned null\n");
    return 1;
  }

  // Norwegian mobile number given in national format.
  PhoneNumber mobile;
  Check(util->Parse("41234567", "NO", &mobile) == PhoneNumberUtil::NO_PARSING_ERROR,
        "parse 41234567 (NO)");
  Check(util->IsValidNumber(mobile), "41234567 is valid");
  Check(util->GetNumberType(mobile) == PhoneNumberUtil::MOBILE, "41234567 is MOBILE");
  CheckEq(Fmt(*util, mobile, PhoneNumberUtil::E164), "+4741234567", "E164");
  CheckEq(Fmt(*util, mobile, PhoneNumberUtil::INTERNATIONAL), "+47 412 34 567",
          "INTERNATIONAL");

  // Oslo fixed-line number given in international format, unknown region.
  PhoneNumber fixed;
  Check(util->Parse("+47 22 22 22 22", "ZZ", &fixed) == PhoneNumberUtil::NO_PARSING_ERROR,
        "parse +47 22 22 22 22 (ZZ)");
  Check(util->IsValidNumber(fixed), "+47 22 22 22 22 is valid");
  Check(util->GetNumberType(fixed) == PhoneNumberUtil::FIXED_LINE,
        "+47 22 22 22 22 is FIXED_LINE");
  std::string region;
  util->GetRegionCodeForNumber(fixed, &region);
  CheckEq(region, "NO", "region");
  CheckEq(Fmt(*util, fixed, PhoneNumberUtil::E164), "+4722222222", "E164");
  CheckEq(Fmt(*util, fixed, PhoneNumberUtil::INTERNATIONAL), "+47 22 22 22 22",
          "INTERNATIONAL");
  CheckEq(Fmt(*util, fixed, PhoneNumberUtil::NATIONAL), "22 22 22 22", "NATIONAL");

  // Fullwidth digits go through the generated u_charDigitValue stand-in.
  PhoneNumber wide;
  Check(util->Parse("\xEF\xBC\x94\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93"
                    "\xEF\xBC\x94\xEF\xBC\x95\xEF\xBC\x96\xEF\xBC\x97",
                    "NO", &wide) == PhoneNumberUtil::NO_PARSING_ERROR,
        "parse fullwidth 41234567 (NO)");
  CheckEq(Fmt(*util, wide, PhoneNumberUtil::E164), "+4741234567", "fullwidth E164");

  // Too short to be a Norwegian number.
  PhoneNumber shortnum;
  util->Parse("1234", "NO", &shortnum);
  Check(!util->IsValidNumber(shortnum), "1234 (NO) is not valid");

  std::printf(g_failures == 0 ? "ALL OK\n" : "FAILED: %d check(s)\n", g_failures);
  return g_failures == 0 ? 0 : 1;
}
