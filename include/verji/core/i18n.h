// One message catalogue in Norwegian Bokmål (the default) and English.
//
// The texts live in include/verji/core/messages/*.inc as VERJI_MSG(key, Bokmål, English), one file
// per area. A text may carry named placeholders, "{email}", filled by format(); both languages of
// a message must use the same placeholders (checked by tests/core/test_i18n.cpp). A literal brace
// is written "{{" or "}}".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace verji::core {

enum class Lang { nb, en };

enum class Msg {
#define VERJI_MSG(id, nb, en) id,
#include "verji/core/messages/all.inc"
#undef VERJI_MSG
  count_  // keep last
};

inline constexpr std::size_t kMsgCount = static_cast<std::size_t>(Msg::count_);

// A value for a placeholder: {name} -> value.
struct MsgArg {
  std::string name;
  std::string value;
  friend bool operator==(const MsgArg& a, const MsgArg& b) { return a.name == b.name && a.value == b.value; }
};
using MsgArgs = std::vector<MsgArg>;

// The raw text of `msg` in `lang`, placeholders unfilled. Never empty.
std::string_view tr(Lang lang, Msg msg) noexcept;

// The text of `msg` in `lang` with its placeholders filled from `args`. A placeholder without an
// argument is left as "{name}" so that a mistake shows instead of vanishing.
std::string format(Lang lang, Msg msg, const MsgArgs& args);

// The placeholder names in `text`, in order of appearance ("{a} {b} {a}" -> a, b, a).
std::vector<std::string> placeholders(std::string_view text);

// The catalogue key of `msg` ("email_label"), for tests, logs, JSON and tooling.
std::string_view key(Msg msg) noexcept;

// The language's tag as we send and log it: "nb" or "en".
std::string_view tag(Lang lang) noexcept;

// Maps a BCP 47 tag as hosts send it ("nb", "nb-NO", "no", "nn", "en-GB", "EN") to a Lang;
// anything unknown falls back to Bokmål.
Lang lang_from_tag(std::string_view tag) noexcept;

}  // namespace verji::core
