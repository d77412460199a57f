#include "verji/core/phone.h"

#include "verji/core/unicode.h"

#include <phonenumbers/asyoutypeformatter.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <memory>

namespace verji::core {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// PhoneNumberUtil::GetInstance() is a lazily created singleton; this flag lets the app ask whether
// that cost has been paid without paying it.
bool g_ready = false;
bool g_warm = false;  // also compiled, and one number checked

const PhoneNumberUtil& util() {
  const PhoneNumberUtil* instance = PhoneNumberUtil::GetInstance();
  g_ready = true;
  return *instance;
}

PhoneType convert(PhoneNumberUtil::PhoneNumberType type) noexcept {
  switch (type) {
    case PhoneNumberUtil::MOBILE: return PhoneType::mobile;
    case PhoneNumberUtil::FIXED_LINE: return PhoneType::fixed_line;
    case PhoneNumberUtil::FIXED_LINE_OR_MOBILE: return PhoneType::fixed_line_or_mobile;
    case PhoneNumberUtil::TOLL_FREE: return PhoneType::toll_free;
    case PhoneNumberUtil::PREMIUM_RATE: return PhoneType::premium_rate;
    case PhoneNumberUtil::SHARED_COST: return PhoneType::shared_cost;
    case PhoneNumberUtil::VOIP: return PhoneType::voip;
    case PhoneNumberUtil::PERSONAL_NUMBER: return PhoneType::personal_number;
    case PhoneNumberUtil::PAGER: return PhoneType::pager;
    case PhoneNumberUtil::UAN: return PhoneType::uan;
    case PhoneNumberUtil::VOICEMAIL: return PhoneType::voicemail;
    case PhoneNumberUtil::UNKNOWN: break;
  }
  return PhoneType::unknown;
}

}  // namespace

bool phone_ready() noexcept { return g_ready; }

bool phone_warm() noexcept { return g_warm; }

bool phone_warm_up_step(double budget_ms) {
  if (g_warm) return true;
  const auto start = std::chrono::steady_clock::now();
  const auto spent = [start] {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  };
  if (!g_ready) {
    util();  // the metadata and the shared patterns
    if (spent() >= budget_ms) return false;
  }
  // Last, one check: what a first check builds beyond the shared patterns (the region's own, and
  // in wasm the engine's compiled RegExps).
  (void)check_phone("+47 412 34 567", "NO");
  g_warm = true;
  return true;
}

double phone_warm_up() {
  if (g_warm) return 0.0;
  const auto start = std::chrono::steady_clock::now();
  while (!phone_warm_up_step(std::numeric_limits<double>::infinity())) {
  }
  const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
  return took.count();
}

namespace {

PhoneCheck parse_and_check(std::string_view text, std::string_view default_region) {
  PhoneCheck result;
  const PhoneNumberUtil& phone_util = util();
  PhoneNumber number;
  const auto error = phone_util.Parse(std::string(text), std::string(default_region), &number);
  if (error != PhoneNumberUtil::NO_PARSING_ERROR) return result;
  result.parsed = true;
  phone_util.GetRegionCodeForNumber(number, &result.region);
  if (result.region == "ZZ") result.region.clear();  // libphonenumber's "unknown region"
  // IsValidNumber() would find the region again and match the number-type patterns once more:
  // with the region taken from the number itself (so its calling code always agrees), a number is
  // valid exactly when GetNumberType() finds a type (tests/core/test_phone_regions.cpp holds the two
  // equal over every region's example numbers and their near misses).
  const PhoneNumberUtil::PhoneNumberType type = phone_util.GetNumberType(number);
  if (type == PhoneNumberUtil::UNKNOWN) return result;
  std::string e164;
  phone_util.Format(number, PhoneNumberUtil::E164, &e164);
  // libphonenumber's metadata accepts some longer numbers (German ones with 14 national digits:
  // "+49 4127 4127446568"), which E.164 and so the invite protocol do not: "+" and at most 15
  // digits (found by fuzzing: tests/core/test_phone.cpp).
  if (e164.size() > kMaxE164Digits + 1) return result;
  result.valid = true;
  result.type = convert(type);
  result.e164 = std::move(e164);
  phone_util.Format(number, PhoneNumberUtil::INTERNATIONAL, &result.international);
  return result;
}

}  // namespace

PhoneCheck check_phone(std::string_view text, std::string_view default_region) {
  // One entry: the whole form is validated on every keystroke, and all but those in the phone
  // field leave the number as it was. thread_local: the native tests may check from threads.
  struct Last {
    std::string text;
    std::string region;
    PhoneCheck check;
    bool set = false;
  };
  thread_local Last last;
  if (!last.set || last.text != text || last.region != default_region) {
    last.check = parse_and_check(text, default_region);
    last.text = text;
    last.region = default_region;
    last.set = true;
  }
  return last.check;
}

std::string format_as_you_type(std::string_view text, std::string_view region) {
  const std::unique_ptr<i18n::phonenumbers::AsYouTypeFormatter> formatter(
      util().GetAsYouTypeFormatter(std::string(region)));
  std::string formatted;
  bool any = false;
  for (const char32_t c : unicode::decode(text).chars) {
    // Digits of any script (fullwidth from an IME, Arabic-Indic, ...) as ASCII, and one leading
    // plus sign. Spaces, dashes and brackets typed are dropped; the formatter puts its own back.
    const int digit = unicode::digit_value(c);
    const bool plus = !any && (c == U'+' || c == U'\uFF0B');
    if (digit < 0 && !plus) continue;
    any = true;
    const char ascii = plus ? '+' : static_cast<char>('0' + digit);
    formatter->InputDigit(ascii, &formatted);
  }
  return formatted;
}

std::string format_phone_as_typed(std::string_view text, std::string_view region) {
  const bool phone_text = std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '-' || c == '(' || c == ')' || c == '.' ||
           c == '/';
  });
  if (text.empty() || !phone_text) return std::string(text);
  return format_as_you_type(text, region);
}

std::string_view to_string(PhoneType type) noexcept {
  switch (type) {
    case PhoneType::mobile: return "mobile";
    case PhoneType::fixed_line: return "fixed_line";
    case PhoneType::fixed_line_or_mobile: return "fixed_line_or_mobile";
    case PhoneType::toll_free: return "toll_free";
    case PhoneType::premium_rate: return "premium_rate";
    case PhoneType::shared_cost: return "shared_cost";
    case PhoneType::voip: return "voip";
    case PhoneType::personal_number: return "personal_number";
    case PhoneType::pager: return "pager";
    case PhoneType::uan: return "uan";
    case PhoneType::voicemail: return "voicemail";
    case PhoneType::unknown: break;
  }
  return "unknown";
}

}  // namespace verji::core
