// Sensitive data in free text: Norwegian national identity numbers (fødselsnummer, D- and
// H-numbers), Norwegian bank account numbers, payment card numbers and telling keywords.
//
// The welcome message is sent unencrypted by e-mail, so validate_welcome_message() turns every
// match into a warning the admin must confirm. The scanner is deliberately conservative about
// digits: a number is only reported when its check digits hold and, where random digits pass too
// often (bank accounts, cards), when the way it is written or a keyword nearby makes it likely.
#pragma once

#include "verji/core/validation.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace verji::core {

enum class SensitiveKind {
  national_id,   // fødselsnummer: DDMMYY + individual number + two mod-11 check digits
  d_number,      // D-number: as a fødselsnummer with 4 added to the first digit
  h_number,      // H-number: as a fødselsnummer with 4 added to the third digit
  bank_account,  // Norwegian account number, mod 11 (written 1234.56.78903 or next to a keyword)
  card_number,   // payment card: Luhn, a known issuer prefix, 13-19 digits
  keyword,       // "passord", "personnummer", "kontonummer", ...
};

struct SensitiveMatch {
  SensitiveKind kind = SensitiveKind::keyword;
  Span span;         // byte offsets into the scanned text, exactly what was matched
  std::string text;  // the matched text as typed (digits with their separators, or the word)
};

// The welcome message's length limit, in code points (validate_welcome_message() reports more).
inline constexpr std::size_t kWelcomeMessageMaxLength = 1000;

// Every match in `text` (UTF-8), ordered by position; matches never overlap.
std::vector<SensitiveMatch> scan_sensitive(std::string_view text);

// Stable lower-case name for codes and JSON ("national_id", "card_number", ...).
std::string_view to_string(SensitiveKind kind) noexcept;

// The checks the scanner uses, on plain digit strings (no separators); false for anything else.
bool is_national_id(std::string_view digits) noexcept;             // 11 digits, fnr/D/H date and both checks
SensitiveKind national_id_kind(std::string_view digits) noexcept;  // which of the three; call after is_
bool is_bank_account(std::string_view digits) noexcept;            // 11 digits, mod-11 check digit
bool luhn_valid(std::string_view digits) noexcept;                 // any length >= 2
bool is_card_number(std::string_view digits) noexcept;             // 13-19 digits, known prefix, Luhn

}  // namespace verji::core
