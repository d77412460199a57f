// One message catalogue in Norwegian Bokmål (the default) and English.
//
// Messages are addressed by Msg; every Msg has a text in every Lang (checked by tests/core).
#pragma once

#include <cstddef>
#include <string_view>

namespace verji::core {

enum class Lang { nb, en };

enum class Msg {
  form_title,
  form_intro,
  email_label,
  email_hint,
  full_name_label,
  full_name_hint,
  phone_label,
  phone_hint,
  phone_loading,
  phone_invalid,
  phone_type_mobile,
  phone_type_fixed_line,
  phone_type_fixed_line_or_mobile,
  verification_label,
  verification_sms,
  verification_email,
  user_type_label,
  user_type_standard,
  user_type_administrator,
  welcome_label,
  welcome_hint,
  create_button,
  preview_notice,
  count_  // keep last
};

inline constexpr std::size_t kMsgCount = static_cast<std::size_t>(Msg::count_);

// The text of `msg` in `lang`. Never empty.
std::string_view tr(Lang lang, Msg msg) noexcept;

// The catalogue key of `msg` ("email_label"), for tests, logs and tooling.
std::string_view key(Msg msg) noexcept;

// Maps a BCP 47 tag as hosts send it ("nb", "nb-NO", "no", "nn", "en-GB", "EN") to a Lang;
// anything unknown falls back to Bokmål.
Lang lang_from_tag(std::string_view tag) noexcept;

}  // namespace verji::core
