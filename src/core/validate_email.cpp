// The e-mail rule: WHATWG type=email syntax, a dot in the domain, RFC length limits measured on
// the punycode form, a lower-cased domain, and typo suggestions (see email.h, validation.h).
#include "verji/core/email.h"
#include "verji/core/unicode.h"
#include "verji/core/validation.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <limits>

namespace verji::core {
namespace {

constexpr std::size_t kMaxLocal = 64;
constexpr std::size_t kMaxLabel = 63;
constexpr std::size_t kMaxAddress = 254;

bool is_ascii_alnum(char32_t c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// WHATWG: the local part is ASCII letters, digits and .!#$%&'*+/=?^_`{|}~-
bool is_local_char(char32_t c) noexcept {
  static constexpr std::string_view kSpecials = ".!#$%&'*+/=?^_`{|}~-";
  return is_ascii_alnum(c) || (c < 0x80 && kSpecials.find(static_cast<char>(c)) != std::string_view::npos);
}

// A domain label character: ASCII letter, digit or hyphen, or (internationalised) any letter,
// combining mark or decimal digit outside ASCII.
bool is_label_char(char32_t c) noexcept {
  if (c < 0x80) return is_ascii_alnum(c) || c == '-';
  return unicode::is_letter(c) || unicode::is_mark(c) || unicode::is_digit(c);
}

// "å" as typed, or "U+200B" when the character would not be visible.
std::string show_char(char32_t c) {
  if (unicode::is_invisible(c) || unicode::is_space(c) || unicode::is_mark(c)) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(c));
    return buffer;
  }
  std::string out;
  unicode::append_utf8(out, c);
  return out;
}

// RFC 3492 bias adaptation.
std::uint32_t adapt(std::uint32_t delta, std::uint32_t points, bool first) noexcept {
  constexpr std::uint32_t kBase = 36, kTMin = 1, kTMax = 26, kSkew = 38, kDamp = 700;
  delta = first ? delta / kDamp : delta / 2;
  delta += delta / points;
  std::uint32_t k = 0;
  while (delta > ((kBase - kTMin) * kTMax) / 2) {
    delta /= kBase - kTMin;
    k += kBase;
  }
  return k + (kBase - kTMin + 1) * delta / (delta + kSkew);
}

char digit_char(std::uint32_t d) noexcept { return static_cast<char>(d < 26 ? 'a' + d : '0' + (d - 26)); }

}  // namespace

bool punycode_encode(std::u32string_view label, std::string& out) {
  constexpr std::uint32_t kBase = 36, kTMin = 1, kTMax = 26;
  constexpr std::uint32_t kMax = std::numeric_limits<std::uint32_t>::max();
  out.clear();
  for (const char32_t c : label) {
    if (c < 0x80) out.push_back(static_cast<char>(c));
  }
  const auto basic = static_cast<std::uint32_t>(out.size());
  std::uint32_t handled = basic;
  if (basic > 0) out.push_back('-');
  std::uint32_t n = 0x80, delta = 0, bias = 72;
  const auto length = static_cast<std::uint32_t>(label.size());
  while (handled < length) {
    std::uint32_t m = kMax;
    for (const char32_t c : label) {
      if (c >= n && c < m) m = c;
    }
    if (m - n > (kMax - delta) / (handled + 1)) return false;
    delta += (m - n) * (handled + 1);
    n = m;
    for (const char32_t c : label) {
      if (c < n && ++delta == 0) return false;
      if (c != n) continue;
      std::uint32_t q = delta;
      for (std::uint32_t k = kBase;; k += kBase) {
        const std::uint32_t t = k <= bias ? kTMin : (k >= bias + kTMax ? kTMax : k - bias);
        if (q < t) break;
        out.push_back(digit_char(t + (q - t) % (kBase - t)));
        q = (q - t) / (kBase - t);
      }
      out.push_back(digit_char(q));
      bias = adapt(delta, handled + 1, handled == basic);
      delta = 0;
      ++handled;
    }
    ++delta;
    ++n;
  }
  return true;
}

bool domain_to_ascii(std::string_view domain_utf8, std::string& out) {
  out.clear();
  const unicode::Decoded decoded = unicode::decode(domain_utf8);
  if (!decoded.valid) return false;
  const std::u32string domain = unicode::nfc(unicode::to_lower(decoded.chars));
  std::size_t start = 0;
  while (start <= domain.size()) {
    std::size_t dot = domain.find(U'.', start);
    if (dot == std::u32string::npos) dot = domain.size();
    const std::u32string_view label(domain.data() + start, dot - start);
    if (start > 0) out.push_back('.');
    const bool ascii = std::all_of(label.begin(), label.end(), [](char32_t c) { return c < 0x80; });
    if (ascii) {
      for (const char32_t c : label) out.push_back(static_cast<char>(c));
    } else {
      std::string encoded;
      if (!punycode_encode(label, encoded)) return false;
      out += "xn--";
      out += encoded;
    }
    start = dot + 1;
  }
  return true;
}

std::size_t edit_distance_within(std::string_view a, std::string_view b, std::size_t limit) {
  // The distance is at least the difference in length: most candidates end here.
  if (std::max(a.size(), b.size()) - std::min(a.size(), b.size()) > limit) return limit + 1;
  // Rows i-2, i-1 and i of the optimal-string-alignment matrix, each only in the band of columns
  // |i - j| <= limit (a cell outside it is more than `limit` away), every value capped at limit + 1.
  // Domains fit on the stack; longer text takes the heap.
  const std::size_t over = limit + 1;
  const std::size_t width = b.size() + 2;
  constexpr std::size_t kStackRow = 66;
  std::size_t stack[3 * kStackRow];
  std::vector<std::size_t> heap;
  std::size_t* cells = stack;
  if (width > kStackRow) {
    heap.resize(3 * width);
    cells = heap.data();
  }
  std::fill(cells, cells + 3 * width, over);
  std::size_t* before = cells;
  std::size_t* previous = cells + width;
  std::size_t* current = cells + 2 * width;
  for (std::size_t j = 0; j <= std::min(b.size(), limit); ++j) previous[j] = j;
  std::size_t previous_min = 0;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    const std::size_t lo = i > limit ? i - limit : 1;
    const std::size_t hi = std::min(b.size(), i + limit);
    current[0] = std::min(i, over);
    if (lo > 1) current[lo - 1] = over;  // left of the band (the buffer holds row i-3's cells)
    std::size_t row_min = current[0];
    for (std::size_t j = lo; j <= hi; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t cell = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cell = std::min(cell, before[j - 2] + 1);
      current[j] = std::min(cell, over);
      row_min = std::min(row_min, current[j]);
    }
    current[hi + 1] = over;  // right of the band, read by the next row
    // No cell of a later row is below the smallest of this row and the one before it (a
    // transposition reaches back two rows), so once both pass the limit the answer does.
    if (row_min > limit && previous_min > limit) return over;
    previous_min = row_min;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  return edit_distance_within(a, b, std::max(a.size(), b.size()));
}

const std::vector<std::string_view>& common_email_domains() {
  // Norwegian ISPs and the international providers Norwegians use most; most common first, which
  // also decides ties. Real domains close to these (mac.com, gmx.com) are listed so that they are
  // not "corrected".
  static const std::vector<std::string_view> domains{
      "gmail.com",   "hotmail.com",    "hotmail.no", "outlook.com", "live.no",     "online.no",
      "icloud.com",  "yahoo.com",      "yahoo.no",   "me.com",      "msn.com",     "altibox.no",
      "getmail.no",  "broadpark.no",   "frisurf.no", "lyse.net",    "telenor.no",  "live.com",
      "outlook.no",  "googlemail.com", "mac.com",    "gmx.com",     "gmx.net",     "protonmail.com",
      "proton.me",   "start.no",       "c2i.net",    "chello.no",   "bluewin.ch",  "hotmail.co.uk",
      "yahoo.co.uk", "aol.com",        "tele2.no",   "ebnett.no",   "enivest.net", "haugnett.no",
  };
  return domains;
}

std::string suggest_email_domain(std::string_view domain) {
  const auto& domains = common_email_domains();
  if (domain.empty() || std::find(domains.begin(), domains.end(), domain) != domains.end()) return {};
  const std::size_t allowed = domain.size() >= 8 ? 2 : 1;
  std::string_view best;
  std::size_t best_distance = allowed + 1;
  for (const std::string_view candidate : domains) {
    if (best_distance == 1) break;  // nothing closer than one edit but the domain itself
    const std::size_t distance = edit_distance_within(domain, candidate, best_distance - 1);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return std::string(best);
}

void validate_email(std::string_view text, Validation& out) {
  const unicode::Decoded decoded = unicode::decode(text);
  const auto add = [&out](Severity severity, std::string code, Msg msg, MsgArgs args, Span span) {
    out.add(Field::email, severity, std::move(code), msg, std::move(args), span);
  };
  if (!decoded.valid) {
    add(Severity::error, "email.invalid_utf8", Msg::email_bad_encoding, {},
        Span{decoded.first_invalid, decoded.first_invalid_end});
    return;
  }
  // Trim: index range [first, last) of code points that are not white space.
  std::size_t first = 0, last = decoded.chars.size();
  while (first < last && unicode::is_space(decoded.chars[first])) ++first;
  while (last > first && unicode::is_space(decoded.chars[last - 1])) --last;
  const auto byte = [&](std::size_t index) { return decoded.offsets[index]; };
  const std::string trimmed(text.substr(byte(first), byte(last) - byte(first)));
  out.normalized.email = trimmed;
  out.normalized.email_ascii.clear();
  if (first == last) {
    add(Severity::error, "email.required", Msg::email_required, {}, {});
    return;
  }
  const std::u32string_view chars(decoded.chars.data() + first, last - first);
  const std::size_t at = chars.rfind(U'@');
  const Span whole{byte(first), byte(last)};
  if (at == std::u32string_view::npos) {
    add(Severity::error, "email.syntax", Msg::email_missing_at, {}, whole);
    return;
  }
  const std::u32string_view local = chars.substr(0, at);
  const std::u32string_view domain = chars.substr(at + 1);
  const Span domain_span{byte(first + at + 1), byte(last)};
  if (local.empty() || domain.empty()) {
    add(Severity::error, "email.syntax", Msg::email_syntax, {}, whole);
    return;
  }
  for (std::size_t i = 0; i < local.size(); ++i) {
    if (is_local_char(local[i])) continue;
    add(Severity::error, "email.syntax", Msg::email_invalid_local, {{"char", show_char(local[i])}},
        Span{byte(first + i), byte(first + i + 1)});
    return;
  }
  // The domain, lower-cased and composed, label by label.
  const std::u32string lowered = unicode::nfc(unicode::to_lower(domain));
  const std::string domain_text = unicode::encode(lowered);
  bool labels_ok = true;
  std::size_t start = 0;
  while (start <= lowered.size() && labels_ok) {
    std::size_t dot = lowered.find(U'.', start);
    if (dot == std::u32string::npos) dot = lowered.size();
    const std::u32string_view label(lowered.data() + start, dot - start);
    labels_ok = !label.empty() && label.front() != U'-' && label.back() != U'-' &&
                std::all_of(label.begin(), label.end(), is_label_char) && !unicode::is_mark(label.front());
    start = dot + 1;
  }
  if (!labels_ok) {
    add(Severity::error, "email.syntax", Msg::email_invalid_domain, {{"domain", unicode::encode(domain)}},
        domain_span);
    return;
  }
  const std::string local_text = unicode::encode(local);
  out.normalized.email = local_text + "@" + domain_text;
  if (lowered.find(U'.') == std::u32string::npos) {
    add(Severity::error, "email.no_dot_domain", Msg::email_no_dot_domain, {{"domain", domain_text}},
        domain_span);
    return;
  }
  std::string ascii_domain;
  if (!domain_to_ascii(domain_text, ascii_domain)) {
    add(Severity::error, "email.syntax", Msg::email_invalid_domain, {{"domain", domain_text}}, domain_span);
    return;
  }
  bool fits = true;
  if (local_text.size() > kMaxLocal) {
    fits = false;
    add(Severity::error, "email.local_too_long", Msg::email_local_too_long,
        {{"length", std::to_string(local_text.size())}, {"max", std::to_string(kMaxLocal)}},
        Span{byte(first), byte(first + at)});
  }
  std::size_t label_start = 0;
  while (label_start <= ascii_domain.size()) {
    std::size_t dot = ascii_domain.find('.', label_start);
    if (dot == std::string::npos) dot = ascii_domain.size();
    if (dot - label_start > kMaxLabel) {
      fits = false;
      add(Severity::error, "email.label_too_long", Msg::email_label_too_long,
          {{"label", ascii_domain.substr(label_start, dot - label_start)},
           {"length", std::to_string(dot - label_start)},
           {"max", std::to_string(kMaxLabel)}},
          domain_span);
    }
    label_start = dot + 1;
  }
  const std::string ascii = local_text + "@" + ascii_domain;
  if (ascii.size() > kMaxAddress) {
    fits = false;
    add(Severity::error, "email.too_long", Msg::email_too_long,
        {{"length", std::to_string(ascii.size())}, {"max", std::to_string(kMaxAddress)}}, whole);
  }
  if (!fits) return;
  out.normalized.email_ascii = ascii;
  const std::string suggestion = suggest_email_domain(ascii_domain);
  if (!suggestion.empty()) {
    add(Severity::warning, "email.typo", Msg::email_typo,
        {{"suggestion", local_text + "@" + suggestion}, {"domain", suggestion}}, domain_span);
  }
}

}  // namespace verji::core
