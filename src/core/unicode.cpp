// UTF-8, general categories, NFC and accent folding from the generated tables (see unicode.h).
#include "verji/core/unicode.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace verji::core::unicode {
namespace {

struct Range {
  char32_t first;
  char32_t last;
};
struct ClassRange {
  char32_t first;
  char32_t last;
  std::uint8_t value;
};
struct LowerRun {
  char32_t first;
  char32_t last;
  std::int32_t delta;
  std::uint8_t stride;
};
struct Decomposition {
  char32_t composed;
  char32_t first;
  char32_t second;  // 0 for a singleton
};

#include "unicode_tables.inc"

template <typename Table>
auto find_range(const Table& table, char32_t c) noexcept {
  const auto* end = std::end(table);
  const auto* it = std::upper_bound(std::begin(table), end, c,
                                    [](char32_t value, const auto& range) { return value < range.first; });
  if (it == std::begin(table)) return end;
  --it;
  return c <= it->last ? it : end;
}

template <typename Table>
bool in(const Table& table, char32_t c) noexcept {
  return find_range(table, c) != std::end(table);
}

// Hangul syllables compose and decompose by arithmetic (Unicode chapter 3.12).
constexpr char32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr char32_t kLCount = 19, kVCount = 21, kTCount = 28, kNCount = kVCount * kTCount;
constexpr char32_t kSCount = kLCount * kNCount;

const Decomposition* decomposition_of(char32_t c) noexcept {
  const auto* end = std::end(kDecomposition);
  const auto* it =
      std::lower_bound(std::begin(kDecomposition), end, c,
                       [](const Decomposition& d, char32_t value) { return d.composed < value; });
  return it != end && it->composed == c ? it : nullptr;
}

void decompose_into(char32_t c, std::u32string& out) {
  if (c >= kSBase && c < kSBase + kSCount) {
    const char32_t index = c - kSBase;
    out.push_back(kLBase + index / kNCount);
    out.push_back(kVBase + (index % kNCount) / kTCount);
    if (index % kTCount != 0) out.push_back(kTBase + index % kTCount);
    return;
  }
  const Decomposition* d = decomposition_of(c);
  if (d == nullptr) {
    out.push_back(c);
    return;
  }
  decompose_into(d->first, out);
  if (d->second != 0) decompose_into(d->second, out);
}

// The primary composite of starter + c, or 0.
char32_t compose_pair(char32_t starter, char32_t c) noexcept {
  if (starter >= kLBase && starter < kLBase + kLCount && c >= kVBase && c < kVBase + kVCount) {
    return kSBase + ((starter - kLBase) * kVCount + (c - kVBase)) * kTCount;
  }
  if (starter >= kSBase && starter < kSBase + kSCount && (starter - kSBase) % kTCount == 0 && c > kTBase &&
      c < kTBase + kTCount) {
    return starter + (c - kTBase);
  }
  const auto* end = std::end(kComposition);
  const auto* it = std::lower_bound(std::begin(kComposition), end, std::make_pair(starter, c),
                                    [](std::uint16_t index, const std::pair<char32_t, char32_t>& key) {
                                      const Decomposition& d = kDecomposition[index];
                                      return std::make_pair(d.first, d.second) < key;
                                    });
  if (it == end) return 0;
  const Decomposition& d = kDecomposition[*it];
  return d.first == starter && d.second == c ? d.composed : 0;
}

bool all_below(std::u32string_view text, char32_t limit) noexcept {
  return std::all_of(text.begin(), text.end(), [limit](char32_t c) { return c < limit; });
}

char32_t first_non_starter() noexcept {
  for (const ClassRange& range : kCombiningClass) {
    if (range.value != 0) return range.first;
  }
  return 0x110000;
}

// Below this every code point is a starter without a decomposition: NFD leaves such text as it is.
char32_t nfd_stable_below() noexcept {
  static const char32_t value = std::min({kDecomposition[0].composed, first_non_starter(), kSBase});
  return value;
}

// Defined after nfd(), which it calls.
char32_t nfc_stable_below() noexcept;
std::u32string compose(std::u32string decomposed);

// Stable sort of each run of non-starters by combining class (canonical ordering).
void canonical_order(std::u32string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (combining_class(text[i]) == 0) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && combining_class(text[j]) != 0) ++j;
    std::stable_sort(text.begin() + static_cast<std::ptrdiff_t>(i),
                     text.begin() + static_cast<std::ptrdiff_t>(j),
                     [](char32_t a, char32_t b) { return combining_class(a) < combining_class(b); });
    i = j;
  }
}

std::size_t sequence_length(unsigned char lead) noexcept {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// Decodes one well-formed sequence at `i`; returns its length, or 0 with `bad` = the length of the
// maximal ill-formed prefix (at least 1), as the Unicode standard recommends for U+FFFD.
std::size_t decode_one(std::string_view s, std::size_t i, char32_t& c, std::size_t& bad) noexcept {
  const auto lead = static_cast<unsigned char>(s[i]);
  const std::size_t length = sequence_length(lead);
  bad = 1;
  if (length == 0) return 0;
  if (length == 1) {
    c = lead;
    return 1;
  }
  char32_t value = lead & (0xFFu >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    if (i + k >= s.size()) return 0;
    const auto byte = static_cast<unsigned char>(s[i + k]);
    unsigned char low = 0x80, high = 0xBF;
    if (k == 1) {
      if (lead == 0xE0) low = 0xA0;   // overlong
      if (lead == 0xED) high = 0x9F;  // surrogates
      if (lead == 0xF0) low = 0x90;   // overlong
      if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
    }
    if (byte < low || byte > high) return 0;
    value = (value << 6) | (byte & 0x3Fu);
    bad = k + 1;
  }
  c = value;
  return length;
}

}  // namespace

Decoded decode(std::string_view utf8) {
  Decoded result;
  result.chars.reserve(utf8.size());
  result.offsets.reserve(utf8.size() + 1);
  std::size_t i = 0;
  while (i < utf8.size()) {
    char32_t c = 0;
    std::size_t bad = 0;
    const std::size_t length = decode_one(utf8, i, c, bad);
    result.offsets.push_back(i);
    if (length == 0) {
      if (result.valid) {
        result.valid = false;
        result.first_invalid = i;
        result.first_invalid_end = i + bad;
      }
      result.chars.push_back(kReplacement);
      i += bad;
    } else {
      result.chars.push_back(c);
      i += length;
    }
  }
  result.offsets.push_back(utf8.size());
  return result;
}

bool is_valid_utf8(std::string_view utf8) noexcept {
  std::size_t i = 0;
  while (i < utf8.size()) {
    char32_t c = 0;
    std::size_t bad = 0;
    const std::size_t length = decode_one(utf8, i, c, bad);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

CodePoint code_point_at(std::string_view utf8, std::size_t at) noexcept {
  CodePoint out;
  if (at >= utf8.size()) return out;
  const auto lead = static_cast<unsigned char>(utf8[at]);
  if (lead < 0x80) return CodePoint{lead, 1, true};
  std::size_t bad = 0;
  out.length = decode_one(utf8, at, out.value, bad);
  out.valid = out.length != 0;
  if (!out.valid) {
    out.value = kReplacement;
    out.length = bad;
  }
  return out;
}

CodePoint code_point_before(std::string_view utf8, std::size_t at) noexcept {
  if (at == 0 || at > utf8.size()) return CodePoint{};
  const auto last = static_cast<unsigned char>(utf8[at - 1]);
  if (last < 0x80) return CodePoint{last, 1, true};
  // A sequence is at most four bytes: its lead byte is at most three continuation bytes back.
  std::size_t start = at - 1;
  while (start > 0 && at - start < 4 && (static_cast<unsigned char>(utf8[start]) & 0xC0) == 0x80) --start;
  const CodePoint found = code_point_at(utf8, start);
  if (found.valid && start + found.length == at) return found;
  return CodePoint{kReplacement, 1, false};
}

void append_utf8(std::string& out, char32_t c) {
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = kReplacement;
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string encode(std::u32string_view chars) {
  std::string out;
  out.reserve(chars.size());
  for (const char32_t c : chars) append_utf8(out, c);
  return out;
}

bool is_letter(char32_t c) noexcept { return in(kLetter, c); }
bool is_mark(char32_t c) noexcept { return in(kMark, c); }
bool is_digit(char32_t c) noexcept { return in(kDigit, c); }
int digit_value(char32_t c) noexcept {
  // Every Nd range is made of whole runs of ten digits, zero first.
  const auto* it = find_range(kDigit, c);
  return it == std::end(kDigit) ? -1 : static_cast<int>((c - it->first) % 10);
}

bool is_space(char32_t c) noexcept { return (c >= 0x09 && c <= 0x0D) || in(kSpace, c); }
bool is_word_char(char32_t c) noexcept {
  if (c < 0x80) return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9');
  return is_letter(c) || is_mark(c) || is_digit(c);
}
bool is_invisible(char32_t c) noexcept { return in(kInvisible, c); }

bool is_bidi_control(char32_t c) noexcept {
  return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

unsigned combining_class(char32_t c) noexcept {
  const auto* it = find_range(kCombiningClass, c);
  return it == std::end(kCombiningClass) ? 0u : it->value;
}

char32_t to_lower(char32_t c) noexcept {
  const auto* it = find_range(kLower, c);
  if (it == std::end(kLower) || (c - it->first) % it->stride != 0) return c;
  return static_cast<char32_t>(static_cast<std::int64_t>(c) + it->delta);
}

std::u32string to_lower(std::u32string_view text) {
  std::u32string out(text);
  for (char32_t& c : out) c = to_lower(c);
  return out;
}

std::u32string nfd(std::u32string_view text) {
  if (all_below(text, nfd_stable_below())) return std::u32string(text);
  std::u32string out;
  out.reserve(text.size());
  for (const char32_t c : text) decompose_into(c, out);
  canonical_order(out);
  return out;
}

std::u32string nfc(std::u32string_view text) {
  if (all_below(text, nfc_stable_below())) return std::u32string(text);
  return compose(nfd(text));
}

namespace {

std::u32string compose(std::u32string d) {
  if (d.empty()) return d;
  // Canonical composition: each character combines with the last starter unless blocked.
  std::u32string out;
  out.reserve(d.size());
  std::size_t starter = std::u32string::npos;
  unsigned last_class = 0;
  for (const char32_t c : d) {
    const unsigned cc = combining_class(c);
    if (starter != std::u32string::npos) {
      const bool blocked = out.size() - 1 != starter && (last_class == 0 || last_class >= cc);
      if (!blocked) {
        const char32_t composed = compose_pair(out[starter], c);
        if (composed != 0) {
          out[starter] = composed;
          continue;
        }
      }
    }
    if (cc == 0) starter = out.size();
    last_class = cc;
    out.push_back(c);
  }
  return out;
}

char32_t nfc_stable_below() noexcept {
  static const char32_t value = [] {
    // Every code point below is a starter, is no second half of a composition (so nothing before
    // it can combine with it; Hangul vowels and trailing consonants compose by arithmetic), and
    // composes back to itself on its own: text made of them only is its own NFC.
    char32_t below = std::min({first_non_starter(), kVBase, static_cast<char32_t>(kTBase + 1)});
    for (const Decomposition& d : kDecomposition) {
      if (d.second != 0) below = std::min(below, d.second);
    }
    for (const Decomposition& d : kDecomposition) {
      if (d.composed >= below) break;
      const std::u32string one(1, d.composed);
      if (compose(nfd(one)) != one) below = d.composed;  // a singleton or an exclusion
    }
    return below;
  }();
  return value;
}

}  // namespace

std::u32string fold_accents(std::u32string_view text) {
  const std::u32string d = nfd(text);
  std::u32string out;
  out.reserve(d.size());
  for (const char32_t c : d) {
    if (!is_mark(c)) out.push_back(c);
  }
  return out;
}

std::string_view data_version() noexcept { return kUnicodeVersion; }

}  // namespace verji::core::unicode
