// The welcome message's rules (validate_welcome_message, with the sensitive-data scanner) on any
// text.
//
// Checked besides the common checks (fuzz_validation.h): "too long" exactly when the text has more
// than kWelcomeMessageMaxLength code points; each sensitive match is a warning on a non-empty span
// that needs the admin's confirmation, and a number is never repeated in its message (at most its
// last two digits are shown).
#include <cstdint>
#include <string>

#include "fuzz_validation.h"
#include "verji/core/sensitive.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace verji::core;
  const std::string_view text = verji::fuzz::as_text(data, size);
  Validation v;
  validate_welcome_message(text, v);
  verji::fuzz::check_findings(v, Field::welcome_message, "welcome.", text);
  Validation again;
  validate_welcome_message(text, again);
  verji::fuzz::check_same(v, again);

  std::size_t code_points = 0;
  for (const char c : text) code_points += (static_cast<unsigned char>(c) & 0xC0) == 0x80 ? 0 : 1;
  bool too_long = false;
  for (const Finding& f : v.findings) {
    if (f.code == "welcome.too_long") too_long = true;
    if (!f.needs_confirmation) continue;
    VERJI_FUZZ_CHECK(f.severity == Severity::warning);
    VERJI_FUZZ_CHECK(!f.span.empty());
    for (const MsgArg& arg : f.args) {
      if (arg.name != "masked") continue;
      std::size_t digits = 0;
      for (const char c : arg.value) digits += (c >= '0' && c <= '9') ? 1 : 0;
      VERJI_FUZZ_CHECK(digits <= 2);
    }
  }
  VERJI_FUZZ_CHECK(too_long == (!is_blank(text) && code_points > kWelcomeMessageMaxLength));
  return 0;
}
