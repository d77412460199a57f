// Finds sensitive data in free text; see sensitive.h for what and why.
//
// [SECTION] Check digits: fødselsnummer, D- and H-numbers, bank accounts, IBAN, payment cards
// [SECTION] Keywords: case folding (incl. Æ Ø Å) and whole-word matching
// [SECTION] Digit chains: digit groups joined by single separators, as people write numbers
// [SECTION] The scanner: whole-group candidates, strongest kind first, no overlaps
#include "verji/core/sensitive.h"

#include "verji/core/unicode.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <optional>

namespace verji::core {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
int digit_at(std::string_view digits, std::size_t i) noexcept { return digits[i] - '0'; }

bool all_digits(std::string_view text) noexcept {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
}

// [SECTION] Check digits --------------------------------------------------------------------------

// Weighted sum mod 11 -> check digit; -1 when the remainder gives 10 (never issued).
template <std::size_t N>
int mod11_check_digit(std::string_view digits, const std::array<int, N>& weights) noexcept {
  int sum = 0;
  for (std::size_t i = 0; i < N; ++i) sum += weights[i] * digit_at(digits, i);
  const int check = 11 - sum % 11;
  if (check == 11) return 0;
  if (check == 10) return -1;
  return check;
}

bool is_leap(int year) noexcept { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int month, int year) noexcept {
  constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap(year)) return 29;
  return kDays[static_cast<std::size_t>(month - 1)];
}

// The full birth year from the two-digit year and the individual number (Skatteetaten's table);
// 0 for combinations that are not issued.
int birth_year(int yy, int individual) noexcept {
  if (individual <= 499) return 1900 + yy;
  if (individual <= 749 && yy >= 54) return 1800 + yy;
  if (individual >= 500 && yy <= 39) return 2000 + yy;
  if (individual >= 900 && yy >= 40) return 1900 + yy;
  return 0;
}

int two_digits(std::string_view digits, std::size_t at) noexcept {
  return digit_at(digits, at) * 10 + digit_at(digits, at + 1);
}

bool iban_no_valid(std::string_view check_digits, std::string_view bban) noexcept {
  // ISO 13616: BBAN, then "NO" as 23 24, then the check digits; the whole number mod 97 is 1.
  int rest = 0;
  auto feed = [&rest](std::string_view digits) {
    for (const char c : digits) rest = (rest * 10 + (c - '0')) % 97;
  };
  feed(bban);
  feed("2324");
  feed(check_digits);
  return rest == 1;
}

struct CardRange {
  int low;
  int high;
  std::size_t prefix_digits;
  std::size_t min_length;
  std::size_t max_length;
};

// Issuer ranges (IIN prefixes) of the card networks seen in Norway and abroad.
constexpr CardRange kCardRanges[] = {
    {4, 4, 1, 13, 19},        // Visa (13, 16 and 19 in practice)
    {51, 55, 2, 16, 16},      // Mastercard
    {2221, 2720, 4, 16, 16},  // Mastercard 2-series
    {34, 34, 2, 15, 15},      // American Express
    {37, 37, 2, 15, 15},      // American Express
    {6011, 6011, 4, 16, 19},  // Discover
    {644, 649, 3, 16, 19},    // Discover
    {65, 65, 2, 16, 19},      // Discover
    {300, 305, 3, 14, 19},    // Diners Club
    {36, 36, 2, 14, 19},      // Diners Club
    {38, 39, 2, 16, 19},      // Diners Club
    {3528, 3589, 4, 16, 19},  // JCB
    {62, 62, 2, 16, 19},      // UnionPay
    {2200, 2204, 4, 16, 19},  // Mir
    {5018, 5020, 4, 13, 19},  // Maestro
    {5038, 5038, 4, 13, 19},  // Maestro
    {6759, 6763, 4, 13, 19},  // Maestro (UK and others)
};

int prefix_value(std::string_view digits, std::size_t count) noexcept {
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) value = value * 10 + digit_at(digits, i);
  return value;
}

bool has_card_prefix(std::string_view digits) noexcept {
  return std::any_of(std::begin(kCardRanges), std::end(kCardRanges), [&](const CardRange& range) {
    if (digits.size() < range.min_length || digits.size() > range.max_length) return false;
    const int value = prefix_value(digits, range.prefix_digits);
    return value >= range.low && value <= range.high;
  });
}

// [SECTION] Keywords ------------------------------------------------------------------------------

struct Keyword {
  std::string_view word;  // lower case, UTF-8
  bool report;            // a finding of its own ("passord"); otherwise only context ("konto")
  bool bank_context;      // makes an 11-digit number nearby count as a bank account
};

// Whole words, case-insensitive; the Norwegian definite and plural endings are accepted too.
constexpr Keyword kKeywords[] = {
    {"passord", true, false},
    {"password", true, false},
    {"passwd", true, false},
    {"pin-kode", true, false},
    {"pinkode", true, false},
    {"pin code", true, false},
    {"engangskode", true, false},
    {"personnummer", true, false},
    {"personnr", true, false},
    {"fødselsnummer", true, false},
    {"fødselsnr", true, false},
    {"fodselsnummer", true, false},
    {"fnr", true, false},
    {"d-nummer", true, false},
    {"social security number", true, false},
    {"national identity number", true, false},
    {"kontonummer", true, true},
    {"kontonr", true, true},
    {"bankkontonummer", true, true},
    {"account number", true, true},
    {"bank account", true, true},
    {"iban", true, true},
    {"kortnummer", true, false},
    {"card number", true, false},
    {"cvc", true, false},
    {"cvv", true, false},
    {"bankkonto", false, true},
    {"konto", false, true},
    {"kontoen", false, true},
    {"account", false, true},
    {"bank", false, true},
    {"betaling", false, true},
    {"innbetaling", false, true},
};

constexpr std::array<std::string_view, 5> kEndings{"", "s", "et", "er", "ene"};

// Lower-cases each character whose lower case has as many UTF-8 bytes (ASCII, Æ Ø Å and the other
// Latin-1 capitals, most scripts), so that offsets in the folded text are offsets in the original.
// Ill-formed bytes stay as they are.
// (Plain pointers in the loop: under -Oz std::string's operator[] is a call per byte.)
std::string fold_case(std::string_view text) {
  std::string out(text);
  char* data = out.data();
  const std::size_t size = out.size();
  std::string lower;
  for (std::size_t i = 0; i < size;) {
    const auto byte = static_cast<unsigned char>(data[i]);
    if (byte < 0x80) {  // the common case, without a table look-up
      if (byte >= 'A' && byte <= 'Z') data[i] = static_cast<char>(byte + 32);
      ++i;
      continue;
    }
    const unicode::CodePoint c = unicode::code_point_at(text, i);
    if (c.valid) {
      lower.clear();
      unicode::append_utf8(lower, unicode::to_lower(c.value));
      if (lower.size() == c.length) std::copy(lower.begin(), lower.end(), data + i);
    }
    i += c.length;
  }
  return out;
}

bool is_ascii_alnum(char c) noexcept {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Letters, marks and digits of any script are word characters (unicode::is_word_char).
bool word_char_after(std::string_view text, std::size_t at) noexcept {
  if (at >= text.size()) return false;
  return unicode::is_word_char(unicode::code_point_at(text, at).value);
}

bool word_char_before(std::string_view text, std::size_t at) noexcept {
  if (at == 0) return false;
  return unicode::is_word_char(unicode::code_point_before(text, at).value);
}

struct KeywordHit {
  Span span;
  bool report;
  bool bank_context;
};

// The longest keyword (with ending) that is a whole word at `at` in the folded text; 0 if none.
std::size_t keyword_length_at(std::string_view folded, std::size_t at, const Keyword& keyword) noexcept {
  if (folded[at] != keyword.word[0] || folded.compare(at, keyword.word.size(), keyword.word) != 0) return 0;
  std::size_t best = 0;
  for (const auto ending : kEndings) {
    const std::size_t end = at + keyword.word.size();
    if (folded.compare(end, ending.size(), ending) != 0) continue;
    if (word_char_after(folded, end + ending.size())) continue;
    best = std::max(best, keyword.word.size() + ending.size());
  }
  return best;
}

std::vector<KeywordHit> find_keywords(std::string_view text) {
  const std::string folded_text = fold_case(text);
  const std::string_view folded(folded_text);
  std::vector<KeywordHit> hits;
  std::size_t at = 0;
  while (at < folded.size()) {
    std::size_t step = 1;
    const char c = folded[at];
    const bool may_start = c >= 'a' && c <= 'z';  // every keyword starts with an ASCII letter
    if (may_start && !word_char_before(folded, at)) {
      const Keyword* found = nullptr;
      std::size_t found_length = 0;
      for (const auto& keyword : kKeywords) {
        const std::size_t length = keyword_length_at(folded, at, keyword);
        if (length > found_length) {
          found = &keyword;
          found_length = length;
        }
      }
      if (found != nullptr) {
        hits.push_back({Span{at, at + found_length}, found->report, found->bank_context});
        step = found_length;
      } else {
        while (at + step < folded.size() && is_ascii_alnum(folded[at + step])) ++step;  // rest of the word
      }
    }
    at += step;
  }
  return hits;
}

// [SECTION] Digit chains --------------------------------------------------------------------------

struct Group {
  std::size_t begin;
  std::size_t end;
  std::string_view separator;  // what joins it to the previous group; empty for the first
};

// The separator starting at `at` when a digit follows it: space, dot, hyphen, no-break space,
// narrow no-break space, thin space or non-breaking hyphen. Returns its length, 0 if none.
std::size_t separator_length(std::string_view text, std::size_t at) noexcept {
  constexpr std::array<std::string_view, 7> kSeparators{
      " ", ".", "-", "\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x89", "\xE2\x80\x91"};
  for (const auto separator : kSeparators) {
    const std::size_t end = at + separator.size();
    if (text.compare(at, separator.size(), separator) == 0 && end < text.size() && is_digit(text[end])) {
      return separator.size();
    }
  }
  return 0;
}

// Characters that glue two numbers or a number and a word into one token ("1,5", "ID-123", "12:30").
bool is_glue(char c) noexcept {
  return c == ',' || c == '.' || c == ':' || c == '/' || c == '-' || c == '_' || c == '@' || c == '#';
}

// True when the number may start at `begin`: not after a letter or digit, not after "+" (a
// phone number), not glued by punctuation to something before it.
bool clean_start(std::string_view text, std::size_t begin) noexcept {
  if (begin == 0) return true;
  const char before = text[begin - 1];
  if (is_ascii_alnum(before) || before == '+') return false;
  if (is_glue(before) && begin >= 2 && is_ascii_alnum(text[begin - 2])) return false;
  return !word_char_before(text, begin);
}

bool clean_end(std::string_view text, std::size_t end) noexcept {
  if (end >= text.size()) return true;
  const char after = text[end];
  if (is_ascii_alnum(after)) return false;
  if (is_glue(after) && end + 1 < text.size() && is_ascii_alnum(text[end + 1])) return false;
  return !word_char_after(text, end);
}

using Chain = std::vector<Group>;

// Every maximal chain of digit groups, in text order.
std::vector<Chain> digit_chains(std::string_view text) {
  std::vector<Chain> chains;
  std::size_t at = 0;
  while (at < text.size()) {
    if (!is_digit(text[at])) {
      ++at;
      continue;
    }
    Chain chain;
    std::string_view separator;
    while (true) {
      std::size_t end = at;
      while (end < text.size() && is_digit(text[end])) ++end;
      chain.push_back({at, end, separator});
      const std::size_t length = separator_length(text, end);
      if (length == 0) {
        at = end;
        break;
      }
      separator = text.substr(end, length);
      at = end + length;
    }
    chains.push_back(std::move(chain));
  }
  return chains;
}

// [SECTION] The scanner ---------------------------------------------------------------------------

std::string digits_of(std::string_view text, const Chain& chain, std::size_t first, std::size_t last) {
  std::string digits;
  for (std::size_t g = first; g <= last; ++g) {
    digits.append(text.substr(chain[g].begin, chain[g].end - chain[g].begin));
  }
  return digits;
}

std::size_t group_size(const Group& group) noexcept { return group.end - group.begin; }

bool near_bank_keyword(const std::vector<KeywordHit>& keywords, Span span) noexcept {
  constexpr std::size_t kNear = 40;  // bytes between the keyword and the number
  return std::any_of(keywords.begin(), keywords.end(), [&](const KeywordHit& hit) {
    if (!hit.bank_context) return false;
    if (hit.span.end <= span.begin) return span.begin - hit.span.end <= kNear;
    if (hit.span.begin >= span.end) return hit.span.begin - span.end <= kNear;
    return false;
  });
}

// "1234.56.78903" or "1234 56 78903": the way account numbers are printed.
bool account_grouping(const Chain& chain, std::size_t first, std::size_t last) noexcept {
  if (last - first != 2) return false;
  const auto& a = chain[first];
  const auto& b = chain[first + 1];
  const auto& c = chain[last];
  if (group_size(a) != 4 || group_size(b) != 2 || group_size(c) != 5) return false;
  return b.separator == c.separator && (b.separator == "." || b.separator == " ");
}

// Card numbers are written in blocks of four or more (Amex 4-6-5); only the last may have three.
bool card_grouping(const Chain& chain, std::size_t first, std::size_t last) noexcept {
  for (std::size_t g = first; g < last; ++g) {
    if (group_size(chain[g]) < 4) return false;
  }
  return group_size(chain[last]) >= 3;
}

struct Candidate {
  SensitiveKind kind;
  std::size_t last_group;
};

int strength(SensitiveKind kind) noexcept {
  switch (kind) {
    case SensitiveKind::national_id:
    case SensitiveKind::d_number:
    case SensitiveKind::h_number: return 3;
    case SensitiveKind::card_number: return 2;
    case SensitiveKind::bank_account: return 1;
    case SensitiveKind::keyword: return 0;
  }
  return 0;
}

// What the groups first..last are, if anything.
std::optional<SensitiveKind> classify(std::string_view text, const Chain& chain, std::size_t first,
                                      std::size_t last, const std::vector<KeywordHit>& keywords) {
  const std::string digits = digits_of(text, chain, first, last);
  if (digits.size() == 11) {
    if (is_national_id(digits)) return national_id_kind(digits);
    const bool plain = first == last;
    const bool grouped = account_grouping(chain, first, last);
    const Span span{chain[first].begin, chain[last].end};
    if (is_bank_account(digits) && (grouped || (plain && near_bank_keyword(keywords, span)))) {
      return SensitiveKind::bank_account;
    }
  }
  if (digits.size() >= 13 && digits.size() <= 19 && card_grouping(chain, first, last) &&
      is_card_number(digits)) {
    return SensitiveKind::card_number;
  }
  return std::nullopt;
}

std::optional<Candidate> best_from(std::string_view text, const Chain& chain, std::size_t first,
                                   const std::vector<KeywordHit>& keywords) {
  std::optional<Candidate> best;
  std::size_t digit_count = 0;
  for (std::size_t last = first; last < chain.size(); ++last) {
    digit_count += group_size(chain[last]);
    if (digit_count > 19) break;
    if (last + 1 == chain.size() && !clean_end(text, chain[last].end)) break;
    if (digit_count != 11 && digit_count < 13) continue;  // no kind has this length
    const auto kind = classify(text, chain, first, last, keywords);
    if (kind && (!best || strength(*kind) >= strength(best->kind))) best = Candidate{*kind, last};
  }
  return best;
}

// "NO93 8601 1117 947": the whole chain right after "NO" is an IBAN when both checks hold.
std::optional<SensitiveMatch> iban_match(std::string_view text, const Chain& chain) {
  const std::size_t begin = chain.front().begin;
  if (begin < 2 || !clean_end(text, chain.back().end)) return std::nullopt;
  const char n = text[begin - 2];
  const char o = text[begin - 1];
  if ((n != 'N' && n != 'n') || (o != 'O' && o != 'o') || word_char_before(text, begin - 2))
    return std::nullopt;
  const std::string digits = digits_of(text, chain, 0, chain.size() - 1);
  if (digits.size() != 13) return std::nullopt;
  const std::string_view view(digits);
  if (!is_bank_account(view.substr(2)) || !iban_no_valid(view.substr(0, 2), view.substr(2))) {
    return std::nullopt;
  }
  const Span span{begin - 2, chain.back().end};
  return SensitiveMatch{SensitiveKind::bank_account, span,
                        std::string(text.substr(span.begin, span.end - span.begin))};
}

void scan_chain(std::string_view text, const Chain& chain, const std::vector<KeywordHit>& keywords,
                std::vector<SensitiveMatch>& out) {
  if (auto iban = iban_match(text, chain)) {
    out.push_back(std::move(*iban));
    return;
  }
  if (!clean_start(text, chain.front().begin)) return;
  std::size_t first = 0;
  while (first < chain.size()) {
    const auto candidate = best_from(text, chain, first, keywords);
    if (!candidate) {
      ++first;
      continue;
    }
    const Span span{chain[first].begin, chain[candidate->last_group].end};
    out.push_back({candidate->kind, span, std::string(text.substr(span.begin, span.end - span.begin))});
    first = candidate->last_group + 1;
  }
}

}  // namespace

std::vector<SensitiveMatch> scan_sensitive(std::string_view text) {
  const auto keywords = find_keywords(text);
  std::vector<SensitiveMatch> matches;
  for (const auto& hit : keywords) {
    if (!hit.report) continue;
    matches.push_back({SensitiveKind::keyword, hit.span,
                       std::string(text.substr(hit.span.begin, hit.span.end - hit.span.begin))});
  }
  for (const auto& chain : digit_chains(text)) scan_chain(text, chain, keywords, matches);
  std::sort(matches.begin(), matches.end(),
            [](const SensitiveMatch& a, const SensitiveMatch& b) { return a.span.begin < b.span.begin; });
  return matches;
}

std::string_view to_string(SensitiveKind kind) noexcept {
  switch (kind) {
    case SensitiveKind::national_id: return "national_id";
    case SensitiveKind::d_number: return "d_number";
    case SensitiveKind::h_number: return "h_number";
    case SensitiveKind::bank_account: return "bank_account";
    case SensitiveKind::card_number: return "card_number";
    case SensitiveKind::keyword: return "keyword";
  }
  return "keyword";
}

bool is_national_id(std::string_view digits) noexcept {
  if (digits.size() != 11 || !all_digits(digits)) return false;
  int day = two_digits(digits, 0);
  int month = two_digits(digits, 2);
  if (day > 40)
    day -= 40;  // D-number
  else if (month > 40)
    month -= 40;  // H-number
  const int year = birth_year(two_digits(digits, 4), prefix_value(digits.substr(6), 3));
  if (year == 0 || month < 1 || month > 12 || day < 1 || day > days_in_month(month, year)) return false;
  constexpr std::array<int, 9> kWeights1{3, 7, 6, 1, 8, 9, 4, 5, 2};
  constexpr std::array<int, 10> kWeights2{5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
  const int k1 = mod11_check_digit(digits, kWeights1);
  const int k2 = mod11_check_digit(digits, kWeights2);
  return k1 == digit_at(digits, 9) && k2 == digit_at(digits, 10);
}

SensitiveKind national_id_kind(std::string_view digits) noexcept {
  if (digits.size() < 3) return SensitiveKind::national_id;
  if (digit_at(digits, 0) >= 4) return SensitiveKind::d_number;
  if (digit_at(digits, 2) >= 4) return SensitiveKind::h_number;
  return SensitiveKind::national_id;
}

bool is_bank_account(std::string_view digits) noexcept {
  if (digits.size() != 11 || !all_digits(digits)) return false;
  constexpr std::array<int, 10> kWeights{5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
  return mod11_check_digit(digits, kWeights) == digit_at(digits, 10);
}

bool luhn_valid(std::string_view digits) noexcept {
  if (digits.size() < 2 || !all_digits(digits)) return false;
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

bool is_card_number(std::string_view digits) noexcept {
  return digits.size() >= 13 && digits.size() <= 19 && all_digits(digits) && has_card_prefix(digits) &&
         luhn_valid(digits);
}

}  // namespace verji::core
