// Phone numbers through libphonenumber, behind a small value-typed facade.
//
// libphonenumber's PhoneNumberUtil costs 75-100 ms to create in wasm (RE2 compiling its patterns),
// so the core never creates it implicitly on a hot path the UI depends on: the app calls
// phone_warm_up() once the first frame is on screen. Until then phone_ready() is false and
// check_phone() still answers correctly; it just pays the start-up itself.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace verji::core {

enum class PhoneType {
  unknown,
  mobile,
  fixed_line,
  fixed_line_or_mobile,
  toll_free,
  premium_rate,
  shared_cost,
  voip,
  personal_number,
  pager,
  uan,
  voicemail,
};

inline constexpr std::size_t kMaxE164Digits = 15;  // ITU-T E.164: country code and number together

struct PhoneCheck {
  bool parsed = false;  // libphonenumber could read a number at all
  // A number that exists in its region's numbering plan and fits E.164 (at most 15 digits): the
  // invite carries it as E.164 (docs/invite-protocol.md).
  bool valid = false;
  PhoneType type = PhoneType::unknown;
  std::string region;         // ISO 3166 region of the number ("NO"), empty when unknown
  std::string e164;           // "+4741234567" when valid
  std::string international;  // "+47 412 34 567" when valid
};

// True once PhoneNumberUtil exists (after phone_warm_up() or any check_phone()).
bool phone_ready() noexcept;

// Creates PhoneNumberUtil now. Idempotent; returns the time it took in milliseconds (0 when it
// already existed).
double phone_warm_up();

// Parses `text` as typed by a person (national or "+"/"00" international) with `default_region`
// (ISO 3166, e.g. "NO") for national numbers.
PhoneCheck check_phone(std::string_view text, std::string_view default_region);

// `text` formatted the way libphonenumber's AsYouTypeFormatter shows it after each typed character
// ("4123" -> "412 3", "+4741234567" -> "+47 412 34 567"), with `region` for national input. Only
// digits and a leading "+" are fed to it; text it cannot format comes back as the digits typed.
// Creates PhoneNumberUtil if needed, like check_phone().
std::string format_as_you_type(std::string_view text, std::string_view region);

// A phone number as the admin types it, in the as-you-type format for `region` ("4123" -> "412 3").
// Text with anything but ASCII digits, spaces and + - ( ) . / comes back unchanged, so that a
// letter typed by mistake stays visible (and the validation points at it).
std::string format_phone_as_typed(std::string_view text, std::string_view region);

// Stable lower-case name for logs and JSON ("mobile", "fixed_line", ...).
std::string_view to_string(PhoneType type) noexcept;

}  // namespace verji::core
