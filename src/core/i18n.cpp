#include "verji/core/i18n.h"

#include <array>
#include <cctype>

namespace verji::core {
namespace {

struct Entry {
  std::string_view key;
  std::string_view nb;
  std::string_view en;
};

// Built from the same .inc files as enum Msg, so the order cannot drift.
constexpr std::array<Entry, kMsgCount> kCatalogue{{
#define VERJI_MSG(id, nb, en) {#id, nb, en},
#include "verji/core/messages/all.inc"
#undef VERJI_MSG
}};

const Entry& entry(Msg msg) noexcept {
  const auto index = static_cast<std::size_t>(msg);
  return kCatalogue[index < kCatalogue.size() ? index : 0];
}

// Walks `text`, calling on_text(piece) for literal text and on_name(name) for each placeholder.
template <typename OnText, typename OnName>
void scan(std::string_view text, OnText on_text, OnName on_name) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      on_text(text.substr(i, 1));
      i += 2;
      continue;
    }
    if (c == '{') {
      const auto close = text.find('}', i + 1);
      if (close != std::string_view::npos) {
        on_name(text.substr(i + 1, close - i - 1));
        i = close + 1;
        continue;
      }
    }
    const auto next = text.find_first_of("{}", i + 1);
    const auto end = next == std::string_view::npos ? text.size() : next;
    on_text(text.substr(i, end - i));
    i = end;
  }
}

}  // namespace

std::string_view tr(Lang lang, Msg msg) noexcept {
  const Entry& e = entry(msg);
  return lang == Lang::en ? e.en : e.nb;
}

std::string format(Lang lang, Msg msg, const MsgArgs& args) {
  std::string out;
  scan(
      tr(lang, msg), [&](std::string_view piece) { out += piece; },
      [&](std::string_view name) {
        for (const auto& arg : args) {
          if (arg.name == name) {
            out += arg.value;
            return;
          }
        }
        out += '{';
        out += name;
        out += '}';
      });
  return out;
}

std::vector<std::string> placeholders(std::string_view text) {
  std::vector<std::string> names;
  scan(
      text, [](std::string_view) {}, [&](std::string_view name) { names.emplace_back(name); });
  return names;
}

std::string_view key(Msg msg) noexcept { return entry(msg).key; }

std::string_view tag(Lang lang) noexcept { return lang == Lang::en ? "en" : "nb"; }

Lang lang_from_tag(std::string_view tag) noexcept {
  // Only the primary subtag matters: "en-GB" -> "en".
  const auto dash = tag.find_first_of("-_");
  const std::string_view primary = tag.substr(0, dash);
  if (primary.size() == 2 && std::tolower(static_cast<unsigned char>(primary[0])) == 'e' &&
      std::tolower(static_cast<unsigned char>(primary[1])) == 'n') {
    return Lang::en;
  }
  return Lang::nb;  // nb, no, nn and everything we have no catalogue for
}

}  // namespace verji::core
