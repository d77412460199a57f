// The e-mail field's rules (validate_email) on any text.
//
// Checked besides the common checks (fuzz_validation.h): an address without errors is normalised
// to valid UTF-8 with one "@", and its ASCII form is ASCII; a typo suggestion is itself free of
// errors.
#include <cstdint>
#include <string>

#include "fuzz_validation.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace verji::core;
  const std::string_view text = verji::fuzz::as_text(data, size);
  Validation v;
  validate_email(text, v);
  verji::fuzz::check_findings(v, Field::email, "email.", text);
  Validation again;
  validate_email(text, again);
  verji::fuzz::check_same(v, again);

  if (!verji::fuzz::has_error(v) && !is_blank(text)) {
    const Normalized& n = v.normalized;
    VERJI_FUZZ_CHECK(unicode::is_valid_utf8(n.email));
    VERJI_FUZZ_CHECK(n.email.find('@') != std::string::npos);
    VERJI_FUZZ_CHECK(!n.email_ascii.empty());
    for (const char c : n.email_ascii) VERJI_FUZZ_CHECK(static_cast<unsigned char>(c) < 0x80);
  }
  for (const Finding& f : v.findings) {
    if (f.code != "email.typo") continue;
    for (const auto& [name, value] : f.args) {
      if (name != "suggestion") continue;
      Validation fixed;
      validate_email(value, fixed);
      VERJI_FUZZ_CHECK(!verji::fuzz::has_error(fixed));
    }
  }
  return 0;
}
