// Finds sensitive data in free text; see sensitive.h for what and why.
#include "verji/core/sensitive.h"

namespace verji::core {

std::vector<SensitiveMatch> scan_sensitive(std::string_view text) {
  (void)text;
  return {};
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

bool is_national_id(std::string_view digits) noexcept { return digits.size() == 11 && false; }
SensitiveKind national_id_kind(std::string_view digits) noexcept {
  (void)digits;
  return SensitiveKind::national_id;
}
bool is_bank_account(std::string_view digits) noexcept { return digits.size() == 11 && false; }
bool luhn_valid(std::string_view digits) noexcept { return digits.size() >= 2 && false; }
bool is_card_number(std::string_view digits) noexcept { return digits.size() >= 13 && false; }

}  // namespace verji::core
