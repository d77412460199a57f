#include "dom_sync.h"

#include "verji/app/state.h"

#include <utility>

namespace verji::web {
namespace {

// The length in bytes of the UTF-8 sequence that starts with `lead` (1 for a stray byte).
std::size_t sequence_length(unsigned char lead) noexcept {
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
  if (lead >= 0xC2) return 2;
  return 1;
}

}  // namespace

std::size_t utf8_offset(std::string_view utf8, long units) noexcept {
  std::size_t byte = 0;
  long unit = 0;
  while (byte < utf8.size() && unit < units) {
    const std::size_t length = sequence_length(static_cast<unsigned char>(utf8[byte]));
    unit += length == 4 ? 2 : 1;  // four bytes: outside the BMP, a surrogate pair
    byte += length;
  }
  return byte < utf8.size() ? byte : utf8.size();
}

long utf16_offset(std::string_view utf8, std::size_t bytes) noexcept {
  std::size_t byte = 0;
  long unit = 0;
  while (byte < utf8.size()) {
    const std::size_t length = sequence_length(static_cast<unsigned char>(utf8[byte]));
    if (byte + length > bytes) break;
    unit += length == 4 ? 2 : 1;
    byte += length;
  }
  return unit;
}

std::size_t DomSync::slot(core::Field field) noexcept {
  for (std::size_t i = 0; i < std::size(app::kTextFields); ++i) {
    if (app::kTextFields[i] == field) return i;
  }
  return 0;
}

void DomSync::holds(core::Field field, std::string text) { held_[slot(field)] = std::move(text); }

std::optional<std::string> DomSync::write_for(core::Field field, std::string_view value) const {
  if (held_[slot(field)] == value) return std::nullopt;
  return std::string(value);
}

}  // namespace verji::web
