// The full-name rule: first and last name, letters of any script with spaces, hyphens and
// apostrophes, no invisible or direction-changing characters; warnings for company-like names and
// long names; the username preview (validation.h, username.h).
#include "verji/core/unicode.h"
#include "verji/core/username.h"
#include "verji/core/validation.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace verji::core {
namespace {

constexpr std::size_t kMaxCharacterFindings = 5;
constexpr std::size_t kMaxParts = 3;  // first, middle, last

bool is_apostrophe(char32_t c) noexcept { return c == U'\'' || c == U'\u2019' || c == U'\u02BC'; }
bool is_hyphen(char32_t c) noexcept { return c == U'-' || c == U'\u2010' || c == U'\u2011'; }

std::string codepoint_name(char32_t c) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(c));
  return buffer;
}

std::string show_char(char32_t c) {
  if (unicode::is_mark(c)) return codepoint_name(c);
  std::string out;
  unicode::append_utf8(out, c);
  return out;
}

// Company forms: Norwegian (AS, ASA, ANS, DA, NUF, SA, BA, KS), Nordic and international ones.
// Upper-case-only forms match only as typed in capitals ("AS" is a company, "As" may be a name).
bool is_company_word(std::string_view word) {
  static constexpr std::array<std::string_view, 8> kCapitals{"AS",  "ASA", "ANS", "DA",
                                                             "NUF", "SA",  "BA",  "KS"};
  static constexpr std::array<std::string_view, 11> kAnyCase{"ltd",     "llc", "inc", "gmbh", "plc", "corp",
                                                             "limited", "oy",  "oyj", "aps",  "ab"};
  while (!word.empty() && word.back() == '.') word.remove_suffix(1);
  if (std::find(kCapitals.begin(), kCapitals.end(), word) != kCapitals.end()) return true;
  std::string lower(word);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (lower == "ab" || lower == "oy") return word == "AB" || word == "OY" || word == "Oy";
  return std::find(kAnyCase.begin(), kAnyCase.end(), lower) != kAnyCase.end();
}

// Checks every character; returns false when some finding was added.
bool check_characters(const unicode::Decoded& decoded, Validation& out) {
  std::size_t reported = 0;
  char32_t previous = U' ';
  for (std::size_t i = 0; i < decoded.chars.size() && reported < kMaxCharacterFindings; ++i) {
    const char32_t c = decoded.chars[i];
    const Span span{decoded.offsets[i], decoded.offsets[i + 1]};
    const bool after_letter = unicode::is_letter(previous) || unicode::is_mark(previous);
    const bool ok = unicode::is_letter(c) || unicode::is_space(c) || is_hyphen(c) || is_apostrophe(c) ||
                    (unicode::is_mark(c) && after_letter) || (c == U'.' && after_letter);
    if (unicode::is_invisible(c) || unicode::is_bidi_control(c)) {
      out.add(Field::full_name, Severity::error, "name.invisible_character", Msg::name_invisible_character,
              {{"codepoint", codepoint_name(c)}}, span);
      ++reported;
    } else if (!ok) {
      out.add(Field::full_name, Severity::error, "name.invalid_character", Msg::name_invalid_character,
              {{"char", show_char(c)}}, span);
      ++reported;
    }
    previous = c;
  }
  return reported == 0;
}

// Byte span of the n-th word (0-based) of the text as typed, counting words as runs of
// characters that are neither white space nor invisible.
Span word_span(const unicode::Decoded& decoded, std::size_t n) {
  std::size_t word = 0;
  std::size_t i = 0;
  const std::size_t size = decoded.chars.size();
  const auto separator = [&](std::size_t k) { return unicode::is_space(decoded.chars[k]); };
  while (i < size) {
    while (i < size && separator(i)) ++i;
    if (i == size) break;
    std::size_t end = i;
    while (end < size && !separator(end)) ++end;
    if (word == n) return Span{decoded.offsets[i], decoded.offsets[end]};
    ++word;
    i = end;
  }
  return {};
}

bool has_letter(std::string_view part) {
  const std::u32string chars = unicode::decode(part).chars;
  return std::any_of(chars.begin(), chars.end(), [](char32_t c) { return unicode::is_letter(c); });
}

}  // namespace

void validate_full_name(std::string_view text, const ValidationOptions& options, Validation& out) {
  out.normalized.full_name.clear();
  out.normalized.username.clear();
  out.normalized.user_id.clear();
  const unicode::Decoded decoded = unicode::decode(text);
  if (!decoded.valid) {
    out.add(Field::full_name, Severity::error, "name.invalid_utf8", Msg::name_bad_encoding, {},
            Span{decoded.first_invalid, decoded.first_invalid_end});
    return;
  }
  out.normalized.full_name = normalize_full_name(text);
  if (out.normalized.full_name.empty()) {
    out.add(Field::full_name, Severity::error, "name.required", Msg::name_required, {}, {});
    return;
  }
  const bool characters_ok = check_characters(decoded, out);
  const std::vector<std::string> parts = name_parts(text);
  const auto named = static_cast<std::size_t>(std::count_if(parts.begin(), parts.end(), has_letter));
  if (named < 2) {
    out.add(Field::full_name, Severity::error, "name.single_word", Msg::name_single_word,
            {{"example", "Ola Nordmann"}}, {});
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (!is_company_word(parts[i])) continue;
    out.add(Field::full_name, Severity::warning, "name.company", Msg::name_company, {{"word", parts[i]}},
            word_span(decoded, i));
    break;
  }
  if (named > kMaxParts) {
    out.add(Field::full_name, Severity::warning, "name.too_many_parts", Msg::name_too_many_parts,
            {{"count", std::to_string(named)}}, {});
  }
  if (!characters_ok || named < 2) return;
  out.normalized.username = derive_username(out.normalized.full_name, options.username_style);
  out.normalized.user_id = user_id_preview(out.normalized.username, options.server_name);
  if (out.normalized.username.empty()) {
    out.add(Field::full_name, Severity::notice, "name.no_username", Msg::name_no_username, {}, {});
  }
}

}  // namespace verji::core
