// The sensitive-data scanner (scan_sensitive) on any text.
//
// Checked: matches are in order, never overlap, lie inside the text and hold exactly the text
// they cover; a number's digits (its separators removed) pass the check of its kind (a bank account
// written as an IBAN, "NO93 8601 1117 947": the 11 digits after the IBAN's two check digits).
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "verji/core/sensitive.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace verji::core;
  const std::string_view text = verji::fuzz::as_text(data, size);
  const auto matches = scan_sensitive(text);
  std::size_t previous_end = 0;
  for (const SensitiveMatch& m : matches) {
    VERJI_FUZZ_CHECK(m.span.begin < m.span.end && m.span.end <= text.size());
    VERJI_FUZZ_CHECK(m.span.begin >= previous_end);
    previous_end = m.span.end;
    VERJI_FUZZ_CHECK(m.text == text.substr(m.span.begin, m.span.end - m.span.begin));
    VERJI_FUZZ_CHECK(!to_string(m.kind).empty());
    std::string digits;
    for (const char c : m.text) {
      if (c >= '0' && c <= '9') digits += c;
    }
    switch (m.kind) {
      case SensitiveKind::national_id:
      case SensitiveKind::d_number:
      case SensitiveKind::h_number:
        VERJI_FUZZ_CHECK(is_national_id(digits));
        VERJI_FUZZ_CHECK(national_id_kind(digits) == m.kind);
        break;
      case SensitiveKind::bank_account:
        if (digits.size() == 13) {
          VERJI_FUZZ_CHECK(m.text.size() > 2 && (m.text[0] == 'N' || m.text[0] == 'n') &&
                           (m.text[1] == 'O' || m.text[1] == 'o'));
          VERJI_FUZZ_CHECK(is_bank_account(digits.substr(2)));
        } else {
          VERJI_FUZZ_CHECK(is_bank_account(digits));
        }
        break;
      case SensitiveKind::card_number: VERJI_FUZZ_CHECK(is_card_number(digits)); break;
      case SensitiveKind::keyword: VERJI_FUZZ_CHECK(digits.empty()); break;
    }
  }
  VERJI_FUZZ_CHECK(scan_sensitive(text).size() == matches.size());
  return 0;
}
