// Phone numbers through libphonenumber, behind a small value-typed facade.
//
// libphonenumber's PhoneNumberUtil takes milliseconds to create (reading its metadata, making its
// patterns), so the core never creates it implicitly on a hot path the UI depends on: once the
// first frame is on screen the app pays it in slices between frames (phone_warm_up_step): making
// PhoneNumberUtil, then a first check. Until the first slice, phone_ready() is false; check_phone()
// answers correctly at any time, paying what is not paid yet. In the wasm build the patterns run on
// the JavaScript engine's RegExp (scripts/deps/wasm/phonenumbers/), which compiles each on first use.
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

// Creates PhoneNumberUtil now and compiles everything a first check needs. Idempotent; returns
// the time it took in milliseconds (0 when it was already warm).
double phone_warm_up();

// One slice of phone_warm_up(): does about `budget_ms` of the work (at least one step: making
// PhoneNumberUtil or a first check), and returns true once all is done.
bool phone_warm_up_step(double budget_ms);

// True once phone_warm_up() or the last phone_warm_up_step() has finished.
bool phone_warm() noexcept;

// Parses `text` as typed by a person (national or "+"/"00" international) with `default_region`
// (ISO 3166, e.g. "NO") for national numbers. The last answer is kept: asked again with the same
// text and region (validate() on a keystroke in another field) it is returned without parsing.
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
