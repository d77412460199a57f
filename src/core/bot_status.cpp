// The CompanyBot's status texts and status block (see bot_status.h and docs/invite-protocol.md).
//
// Matching works on a lower-cased copy of the text with the same byte offsets (ASCII and the
// Norwegian capitals Æ Ø Å, whose lower-case forms have the same UTF-8 length), so captured
// values (username, e-mail) are cut from the original text. A space in a pattern matches any run
// of white space and the separators , ; : so "Processing,please wait" and "processing  please
// wait…" read alike.
#include "verji/core/bot_status.h"

#include <array>
#include <cstddef>

namespace verji::core {

namespace {

using json = nlohmann::json;

constexpr std::array<std::string_view, 6> kKindNames = {"processing",     "success", "email_registered",
                                                        "username_taken", "failed",  "unknown"};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_separator(char c) { return is_space(c) || c == ',' || c == ';' || c == ':'; }
bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
// A byte that continues a word: ASCII letters and digits, and any non-ASCII byte (æ, ø, å, ...).
bool is_word_byte(char c) { return is_ascii_alnum(c) || (static_cast<unsigned char>(c) & 0x80U) != 0; }

std::string lower_copy(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c - 'A' + 'a');
    } else if (static_cast<unsigned char>(c) == 0xC3 && i + 1 < out.size()) {
      // U+00C5 Å, U+00C6 Æ, U+00D8 Ø -> U+00E5 å, U+00E6 æ, U+00F8 ø (second byte + 0x20).
      const auto next = static_cast<unsigned char>(out[i + 1]);
      if (next == 0x85 || next == 0x86 || next == 0x98) out[i + 1] = static_cast<char>(next + 0x20);
      ++i;
    }
  }
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// Matches `pattern` at `pos` in `text`; returns the end offset. A space in the pattern matches one
// or more separators.
std::optional<std::size_t> match_at(std::string_view text, std::size_t pos, std::string_view pattern) {
  std::size_t i = pos;
  for (const char p : pattern) {
    if (p == ' ') {
      if (i >= text.size() || !is_separator(text[i])) return std::nullopt;
      while (i < text.size() && is_separator(text[i])) ++i;
    } else {
      if (i >= text.size() || text[i] != p) return std::nullopt;
      ++i;
    }
  }
  return i;
}

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The first place where `pattern` starts a word in `text`.
std::optional<Span> find_phrase(std::string_view text, std::string_view pattern) {
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    if (pos > 0 && is_word_byte(text[pos - 1])) continue;
    if (const auto end = match_at(text, pos, pattern)) return Span{pos, *end};
  }
  return std::nullopt;
}

// `pattern` as the first word(s) of `text` (which starts at a non-space), ending at a word boundary.
std::optional<std::size_t> starts_with_word(std::string_view text, std::string_view pattern) {
  const auto end = match_at(text, 0, pattern);
  if (!end || (*end < text.size() && is_word_byte(text[*end]))) return std::nullopt;
  return end;
}

template <std::size_t N>
std::optional<Span> find_any(std::string_view text, const std::array<std::string_view, N>& patterns) {
  std::optional<Span> best;
  for (const auto pattern : patterns) {
    const auto span = find_phrase(text, pattern);
    if (span && (!best || span->begin < best->begin)) best = span;
  }
  return best;
}

// Trailing sentence punctuation that is never part of an id or address.
std::string_view strip_trailing_punctuation(std::string_view token) {
  while (!token.empty()) {
    const char c = token.back();
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == '"' ||
        c == '\'') {
      token.remove_suffix(1);
    } else {
      break;
    }
  }
  return token;
}

// The white-space delimited token starting at `pos`, without trailing punctuation or a leading quote.
std::string_view token_at(std::string_view text, std::size_t pos) {
  std::size_t end = pos;
  while (end < text.size() && !is_space(text[end])) ++end;
  std::string_view token = text.substr(pos, end - pos);
  while (!token.empty() &&
         (token.front() == '<' || token.front() == '(' || token.front() == '"' || token.front() == '\'')) {
    token.remove_prefix(1);
  }
  token = strip_trailing_punctuation(token);
  if (!token.empty() && token.back() == '>') token.remove_suffix(1);
  return token;
}

// Matrix ids named in the text: the first "@user:server" and the first "!room:server" / "#alias:server".
void capture_matrix_ids(std::string_view text, BotStatus& status) {
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const char c = text[pos];
    if ((c != '@' && c != '!' && c != '#') || (pos > 0 && !is_space(text[pos - 1]) && text[pos - 1] != '(' &&
                                               text[pos - 1] != '"' && text[pos - 1] != '\'')) {
      continue;
    }
    const std::string_view token = token_at(text, pos);
    if (token.size() < 4 || token.find(':') == std::string_view::npos || token.front() != c) continue;
    if (c == '@' && status.user_id.empty()) status.user_id = std::string(token);
    if (c != '@' && status.room.empty()) status.room = std::string(token);
  }
}

bool classify_email_registered(std::string_view original, std::string_view lower, BotStatus& status) {
  static constexpr std::array<std::string_view, 6> kPhrases = {
      "a user is already registered with the following email",
      "a user is already registered with the following e-mail",
      "a user is already registered with this email",
      "en bruker er allerede registrert med følgende e-post",
      "en bruker er allerede registrert med følgende epost",
      "en bruker er allerede registrert med følgende e-postadresse",
  };
  const auto span = find_any(lower, kPhrases);
  if (!span) return false;
  status.kind = BotStatusKind::email_registered;
  std::size_t pos = span->end;
  while (pos < original.size() && is_separator(original[pos])) ++pos;
  const std::string_view token = token_at(original, pos);
  if (token.find('@') != std::string_view::npos && token.front() != '@') status.email = std::string(token);
  // The rest may name the user or the private room the bot created with them.
  if (pos + token.size() <= original.size()) capture_matrix_ids(original.substr(pos + token.size()), status);
  if (status.room.empty() && !status.user_id.empty()) status.room = status.user_id;  // the seed's room name
  return true;
}

// Opening quote -> closing quote, for the username: ' " ‘ ’ “ ” « ».
std::optional<std::pair<std::size_t, std::string_view>> open_quote(std::string_view text, std::size_t pos) {
  struct Quote {
    std::string_view open, close;
  };
  static constexpr std::array<Quote, 6> kQuotes = {{{"'", "'"},
                                                    {"\"", "\""},
                                                    {"\xE2\x80\x98", "\xE2\x80\x99"},
                                                    {"\xE2\x80\x99", "\xE2\x80\x99"},
                                                    {"\xE2\x80\x9C", "\xE2\x80\x9D"},
                                                    {"\xC2\xAB", "\xC2\xBB"}}};
  for (const auto& q : kQuotes) {
    if (text.substr(pos, q.open.size()) == q.open) return std::make_pair(pos + q.open.size(), q.close);
  }
  return std::nullopt;
}

bool classify_username_taken(std::string_view original, std::string_view lower, BotStatus& status) {
  static constexpr std::array<std::string_view, 5> kSubjects = {"userid", "user id", "username",
                                                                "brukernavnet", "brukernavn"};
  static constexpr std::array<std::string_view, 5> kPredicates = {" is already occupied", " is already taken",
                                                                  " is already in use", " er allerede i bruk",
                                                                  " er opptatt"};
  for (std::size_t pos = 0; pos < lower.size(); ++pos) {
    if (pos > 0 && is_word_byte(lower[pos - 1])) continue;
    for (const auto subject : kSubjects) {
      auto end = match_at(lower, pos, subject);
      if (!end) continue;
      std::size_t q = *end;
      while (q < lower.size() && is_separator(lower[q])) ++q;
      const auto quote = open_quote(lower, q);
      if (!quote) continue;
      const std::size_t close = lower.find(quote->second, quote->first);
      if (close == std::string_view::npos || close == quote->first) continue;
      const std::size_t after = close + quote->second.size();
      for (const auto predicate : kPredicates) {
        if (match_at(lower, after, predicate)) {
          status.kind = BotStatusKind::username_taken;
          status.username = std::string(trim(original.substr(quote->first, close - quote->first)));
          return true;
        }
      }
    }
  }
  return false;
}

bool classify_failed(std::string_view original, std::string_view lower, BotStatus& status) {
  static constexpr std::array<std::string_view, 5> kWords = {"failed", "failure", "error", "feilet", "feil"};
  for (const auto word : kWords) {
    const auto end = starts_with_word(lower, word);
    if (!end) continue;
    status.kind = BotStatusKind::failed;
    std::size_t pos = *end;
    while (pos < original.size() && is_space(original[pos])) ++pos;
    if (pos < original.size() && original[pos] == ':') {
      status.reason = std::string(trim(original.substr(pos + 1)));
    } else {
      status.reason = std::string(original);  // "Failed to create the user" is its own reason
    }
    return true;
  }
  return false;
}

bool classify_simple(std::string_view lower, BotStatus& status) {
  static constexpr std::array<std::string_view, 3> kSuccess = {"success", "vellykket", "vellykka"};
  static constexpr std::array<std::string_view, 4> kProcessing = {"processing please wait", "processing",
                                                                  "behandler vennligst vent", "behandler"};
  for (const auto word : kSuccess) {
    if (starts_with_word(lower, word)) {
      status.kind = BotStatusKind::success;
      return true;
    }
  }
  for (const auto word : kProcessing) {
    if (starts_with_word(lower, word)) {
      status.kind = BotStatusKind::processing;
      return true;
    }
  }
  return false;
}

// A string member that must be a string when present. False when present with another type.
bool optional_string(const json& object, const char* name, std::string& out) {
  const auto it = object.find(name);
  if (it == object.end()) return true;
  if (!it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

}  // namespace

std::string_view to_string(BotStatusKind kind) noexcept { return kKindNames[static_cast<std::size_t>(kind)]; }

std::optional<BotStatusKind> bot_status_kind_from_string(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == name) return static_cast<BotStatusKind>(i);
  }
  return std::nullopt;
}

BotStatus classify_bot_text(std::string_view body) {
  BotStatus status;
  status.text = std::string(body);
  const std::string_view original = trim(body);
  const std::string lower_text = lower_copy(original);
  const std::string_view lower = lower_text;
  if (classify_email_registered(original, lower, status)) return status;
  if (classify_username_taken(original, lower, status)) return status;
  if (classify_failed(original, lower, status)) return status;
  if (classify_simple(lower, status)) {
    if (status.kind == BotStatusKind::success) capture_matrix_ids(original, status);
    return status;
  }
  status.kind = BotStatusKind::unknown;
  return status;
}

std::optional<BotStatusBlock> status_from_block(const json& block) {
  if (!block.is_object()) return std::nullopt;
  const auto version = block.find("version");
  if (version == block.end() || !version->is_number_integer() || *version != 1) return std::nullopt;
  const auto request_id = block.find("request_id");
  if (request_id == block.end() || !request_id->is_string() ||
      request_id->get_ref<const std::string&>().empty()) {
    return std::nullopt;
  }
  const auto state = block.find("state");
  if (state == block.end() || !state->is_string()) return std::nullopt;
  const auto kind = bot_status_kind_from_string(state->get_ref<const std::string&>());
  if (!kind || *kind == BotStatusKind::unknown) return std::nullopt;

  BotStatusBlock out;
  out.request_id = request_id->get<std::string>();
  out.status.kind = *kind;
  if (!optional_string(block, "user_id", out.status.user_id) ||
      !optional_string(block, "room_id", out.status.room) ||
      !optional_string(block, "email", out.status.email) ||
      !optional_string(block, "username", out.status.username) ||
      !optional_string(block, "message", out.status.reason)) {
    return std::nullopt;
  }
  return out;
}

}  // namespace verji::core
