// The likely Matrix localpart from a full name, and alternatives when it is taken (username.h).
#include "verji/core/username.h"

#include "verji/core/unicode.h"

#include <algorithm>

namespace verji::core {
namespace {

// Letters that do not decompose into an ASCII letter plus marks, spelled the Nordic passport way
// (Æ->AE, Ø->OE, Å->AA) or the usual way. Lower-case input.
std::string_view special_spelling(char32_t c) noexcept {
  switch (c) {
    case U'æ': return "ae";
    case U'ø': return "oe";
    case U'å': return "aa";
    case U'ß': return "ss";
    case U'þ': return "th";
    case U'ð': return "d";
    case U'đ': return "d";
    case U'ł': return "l";
    case U'œ': return "oe";
    case U'ı': return "i";
    case U'ħ': return "h";
    case U'ŧ': return "t";
    case U'ŋ': return "n";
    case U'ĳ': return "ij";
    default: return {};
  }
}

bool is_hyphen(char32_t c) noexcept { return c == U'-' || c == U'\u2010' || c == U'\u2011'; }

// One word of a name as localpart text: a-z, 0-9 and inner hyphens.
std::string localpart_word(std::string_view word) {
  const std::u32string composed = unicode::nfc(unicode::to_lower(unicode::decode(word).chars));
  std::u32string spelled;
  for (const char32_t c : composed) {
    const std::string_view special = special_spelling(c);
    if (special.empty()) {
      spelled.push_back(c);
    } else {
      for (const char s : special) spelled.push_back(static_cast<unsigned char>(s));
    }
  }
  std::string out;
  for (const char32_t c : unicode::fold_accents(spelled)) {
    if ((c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9')) {
      out.push_back(static_cast<char>(c));
    } else if (is_hyphen(c) && !out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string join_username(const std::vector<std::string>& parts, UsernameStyle style) {
  std::string out;
  for (const auto& part : parts) {
    const std::string word = localpart_word(part);
    if (word.empty()) continue;
    if (!out.empty() && style == UsernameStyle::dotted) out.push_back('.');
    out += word;
  }
  const bool all_digits =
      std::all_of(out.begin(), out.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
  return all_digits ? std::string() : out;
}

// "Jakob" -> "J.", keeping any combining marks of the first letter.
std::string initial(const std::string& part) {
  const unicode::Decoded decoded = unicode::decode(part);
  std::size_t end = 1;
  while (end < decoded.chars.size() && unicode::is_mark(decoded.chars[end])) ++end;
  std::string out = part.substr(0, decoded.offsets[std::min(end, decoded.chars.size())]);
  out.push_back('.');
  return out;
}

std::string join_name(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out.push_back(' ');
    out += part;
  }
  return out;
}

}  // namespace

std::string normalize_full_name(std::string_view full_name) {
  // Invisible characters go before composing: one between a letter and its combining mark
  // ("a", U+200B, U+030A) would otherwise keep them apart in NFC, and the result would compose
  // only when normalised a second time (found by fuzzing: tests/core/test_username.cpp).
  std::u32string visible;
  for (const char32_t c : unicode::decode(full_name).chars) {
    if (!unicode::is_invisible(c) && !unicode::is_bidi_control(c)) visible.push_back(c);
  }
  const std::u32string composed = unicode::nfc(visible);
  std::u32string out;
  bool space = false;
  for (const char32_t c : composed) {
    if (unicode::is_space(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(U' ');
    space = false;
    out.push_back(c);
  }
  return unicode::encode(out);
}

std::vector<std::string> name_parts(std::string_view full_name) {
  const std::string normalized = normalize_full_name(full_name);
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start < normalized.size()) {
    std::size_t space = normalized.find(' ', start);
    if (space == std::string::npos) space = normalized.size();
    parts.push_back(normalized.substr(start, space - start));
    start = space + 1;
  }
  return parts;
}

std::string derive_username(std::string_view full_name, UsernameStyle style) {
  return join_username(name_parts(full_name), style);
}

std::string user_id_preview(std::string_view localpart, std::string_view server_name) {
  if (localpart.empty() || server_name.empty()) return {};
  std::string out = "@";
  out += localpart;
  out += ':';
  out += server_name;
  return out;
}

std::vector<UsernameChoice> username_alternatives(std::string_view full_name,
                                                  std::string_view taken_localpart, UsernameStyle style) {
  const std::vector<std::string> parts = name_parts(full_name);
  std::vector<UsernameChoice> choices;
  if (parts.size() < 2) return choices;
  const std::string& first = parts.front();
  const std::string& last = parts.back();
  const std::vector<std::string> middles(parts.begin() + 1, parts.end() - 1);

  std::vector<std::vector<std::string>> candidates;
  if (!middles.empty()) {
    candidates.push_back({first, last});  // drop every middle name
    if (middles.size() > 1) {
      for (std::size_t keep = 0; keep < middles.size(); ++keep) {  // keep one middle name
        candidates.push_back({first, middles[keep], last});
      }
    }
    std::vector<std::string> initials{first};  // middle names as initials
    for (const auto& middle : middles) initials.push_back(initial(middle));
    initials.push_back(last);
    candidates.push_back(initials);
    if (middles.size() > 1) {
      candidates.push_back({first, initial(middles.front()), last});  // the first middle's initial only
    }
  }
  // The first name as an initial, keeping the rest.
  std::vector<std::string> first_initial = parts;
  first_initial.front() = initial(first);
  candidates.push_back(first_initial);
  if (!middles.empty()) candidates.push_back({initial(first), last});

  const std::string original = join_username(parts, style);
  for (const auto& candidate : candidates) {
    UsernameChoice choice{join_name(candidate), join_username(candidate, style)};
    if (choice.username.empty() || choice.username == taken_localpart || choice.username == original)
      continue;
    const bool seen = std::any_of(choices.begin(), choices.end(),
                                  [&](const UsernameChoice& c) { return c.username == choice.username; });
    if (!seen) choices.push_back(std::move(choice));
  }
  return choices;
}

}  // namespace verji::core
