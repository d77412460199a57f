// A small Unicode toolkit for the core, without ICU: UTF-8 decoding and encoding, the general
// category tests validation needs, canonical composition (NFC), lower-casing and accent folding.
//
// The character tables are generated at build time from the Unicode Character Database
// (Debian's unicode-data package) by cmake/scripts/gen_unicode_tables.py. They hold ranges, not
// per-character entries, and only the canonical decompositions that take part in composition or
// are singletons outside the CJK compatibility blocks.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace verji::core::unicode {

inline constexpr char32_t kReplacement = 0xFFFD;

// A text decoded from UTF-8: code points, and where each one starts in the bytes.
// offsets has one more element than chars: offsets[i]..offsets[i+1] are the bytes of chars[i].
struct Decoded {
  std::u32string chars;
  std::vector<std::size_t> offsets;
  bool valid = true;              // false when some bytes were not well-formed UTF-8
  std::size_t first_invalid = 0;  // byte offset of the first ill-formed sequence (when !valid)
  std::size_t first_invalid_end = 0;
};

// Decodes UTF-8 strictly (no overlongs, no surrogates, nothing above U+10FFFF); every ill-formed
// sequence becomes one U+FFFD covering its bytes. Never reads out of bounds.
Decoded decode(std::string_view utf8);

bool is_valid_utf8(std::string_view utf8) noexcept;

// One code point of a UTF-8 text, decoded as decode() does, for scanners that walk bytes.
struct CodePoint {
  char32_t value = kReplacement;  // U+FFFD for an ill-formed sequence
  std::size_t length = 0;         // its bytes (an ill-formed sequence: its maximal prefix, >= 1)
  bool valid = false;
};
// The code point that starts at byte `at` (at < utf8.size()).
CodePoint code_point_at(std::string_view utf8, std::size_t at) noexcept;
// The code point that ends just before byte `at` (0 < at <= utf8.size()). Bytes that are not the
// end of a well-formed sequence are one ill-formed code point each.
CodePoint code_point_before(std::string_view utf8, std::size_t at) noexcept;

void append_utf8(std::string& out, char32_t c);
std::string encode(std::u32string_view chars);

// General categories.
bool is_letter(char32_t c) noexcept;   // L*
bool is_mark(char32_t c) noexcept;     // M* (combining marks)
bool is_digit(char32_t c) noexcept;    // Nd
int digit_value(char32_t c) noexcept;  // 0-9 for an Nd character ("٣", "３" -> 3), else -1
bool is_space(char32_t c) noexcept;    // Zs, Zl, Zp, and tab/newline/CR/VT/FF
// A character of a word in any script: a letter, a combining mark or a decimal digit (L*, M*, Nd).
// Punctuation, symbols (emoji among them), spaces and U+FFFD are not.
bool is_word_char(char32_t c) noexcept;
// Invisible and direction-changing characters that have no place in a name or address: Cf (ZWSP,
// ZWJ, soft hyphen, LRM/RLM, the bidi embeddings, overrides and isolates, BOM, ...) and the
// control characters Cc other than the spaces above.
bool is_invisible(char32_t c) noexcept;
bool is_bidi_control(char32_t c) noexcept;  // U+061C, U+200E/F, U+202A-202E, U+2066-2069

unsigned combining_class(char32_t c) noexcept;  // canonical combining class (0 for starters)

// Simple (one-to-one) lower-case mapping from UnicodeData.txt.
char32_t to_lower(char32_t c) noexcept;
std::u32string to_lower(std::u32string_view text);

// Normalisation Form C: canonical decomposition, canonical ordering, canonical composition.
std::u32string nfc(std::u32string_view text);
std::u32string nfd(std::u32string_view text);

// Canonical decomposition with the combining marks removed: "Ångström" -> "Angstrom".
// Letters without a decomposition (ø, æ, ß, ł) stay; callers that want ASCII map those first.
std::u32string fold_accents(std::u32string_view text);

// Unicode version of the tables, e.g. "13.0.0" (from the generator).
std::string_view data_version() noexcept;

}  // namespace verji::core::unicode
