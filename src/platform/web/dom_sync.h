// The DOM layer's text bookkeeping, as plain C++ (tested natively and under node): UTF-16 offsets
// (the DOM's selectionStart/End) and UTF-8 byte offsets (the app's) in both directions, and what
// the web runner writes back into a field's native control. The rule: the app owns each value; the
// control is the editing engine. The runner writes a control only where the app's text differs from
// what the control last reported or was given (a one-click fix, a reformatted phone number, "Invite
// another"), so that nothing the person typed is ever overwritten by an echo of itself.
#pragma once

#include "verji/core/invite_form.h"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace verji::web {

// The byte offset in `utf8` of the UTF-16 offset `units` (clamped to the text; an offset inside a
// surrogate pair or past the end goes to the end of that character or of the text).
std::size_t utf8_offset(std::string_view utf8, long units) noexcept;

// The UTF-16 offset of the byte offset `bytes` in `utf8` (clamped; inside a character: its start).
long utf16_offset(std::string_view utf8, std::size_t bytes) noexcept;

class DomSync {
 public:
  // The native control of `field` holds `text` now: it reported it, or the runner wrote it.
  void holds(core::Field field, std::string text);
  // The text to write into the control of `field` when the app holds `value`; none when the
  // control holds it already.
  std::optional<std::string> write_for(core::Field field, std::string_view value) const;

 private:
  static std::size_t slot(core::Field field) noexcept;
  std::array<std::string, 4> held_;  // what each text field's control holds, by kTextFields order
};

}  // namespace verji::web
