// The welcome message's rules: well-formed UTF-8, a length limit, the standing "sent unencrypted"
// notice and one warning per sensitive match (sensitive.h), each needing the admin's confirmation.
#include "verji/core/sensitive.h"
#include "verji/core/unicode.h"
#include "verji/core/validation.h"

#include <string>

namespace verji::core {
namespace {

bool is_continuation(char c) noexcept { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Byte offset of code point number `index` (0-based), or text.size() when there are fewer.
std::size_t offset_of_code_point(std::string_view text, std::size_t index) noexcept {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_continuation(text[i])) continue;
    if (seen == index) return i;
    ++seen;
  }
  return text.size();
}

std::size_t count_code_points(std::string_view text) noexcept {
  std::size_t count = 0;
  for (const char c : text) count += is_continuation(c) ? 0 : 1;
  return count;
}

// The match with every digit but the last two hidden, so that reports and logs do not repeat it.
std::string masked(std::string_view text) {
  std::size_t digits_left = 0;
  for (const char c : text) digits_left += (c >= '0' && c <= '9') ? 1 : 0;
  std::string out;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      out += digits_left > 2 ? std::string("•") : std::string(1, c);
      --digits_left;
    } else {
      out += c;
    }
  }
  return out;
}

Msg message_for(SensitiveKind kind) noexcept {
  switch (kind) {
    case SensitiveKind::national_id: return Msg::welcome_national_id;
    case SensitiveKind::d_number: return Msg::welcome_d_number;
    case SensitiveKind::h_number: return Msg::welcome_h_number;
    case SensitiveKind::bank_account: return Msg::welcome_bank_account;
    case SensitiveKind::card_number: return Msg::welcome_card_number;
    case SensitiveKind::keyword: return Msg::welcome_keyword;
  }
  return Msg::welcome_keyword;
}

}  // namespace

void validate_welcome_message(std::string_view text, Validation& out) {
  if (is_blank(text)) return;  // nothing is sent, so nothing to say

  out.add(Field::welcome_message, Severity::notice, "welcome.unencrypted", Msg::welcome_unencrypted);

  // The message is sent as typed, in JSON, which carries only UTF-8: ill-formed bytes (a lone
  // surrogate from the page, a broken paste) would reach the CompanyBot as U+FFFD, not as typed
  // (found by fuzzing the invite request's round trip: tests/core/test_validate_welcome.cpp).
  if (const unicode::Decoded decoded = unicode::decode(text); !decoded.valid) {
    out.add(Field::welcome_message, Severity::error, "welcome.invalid_utf8", Msg::welcome_bad_encoding, {},
            Span{decoded.first_invalid, decoded.first_invalid_end});
  }

  const std::size_t count = count_code_points(text);
  if (count > kWelcomeMessageMaxLength) {
    out.add(Field::welcome_message, Severity::error, "welcome.too_long", Msg::welcome_too_long,
            {{"count", std::to_string(count)}, {"max", std::to_string(kWelcomeMessageMaxLength)}},
            Span{offset_of_code_point(text, kWelcomeMessageMaxLength), text.size()});
  }

  for (const auto& match : scan_sensitive(text)) {
    // The number itself is masked, so that the message (and any log of it) does not repeat it.
    MsgArgs args = match.kind == SensitiveKind::keyword ? MsgArgs{{"word", match.text}}
                                                        : MsgArgs{{"masked", masked(match.text)}};
    out.add(Field::welcome_message, Severity::warning, "welcome." + std::string(to_string(match.kind)),
            message_for(match.kind), std::move(args), match.span)
        .needs_confirmation = true;
  }
}

}  // namespace verji::core
