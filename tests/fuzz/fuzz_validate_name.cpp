// The full name's rules (validate_full_name) and the username preview derived from it, on any text,
// in both username styles.
//
// Checked besides the common checks (fuzz_validation.h): normalising is idempotent and gives valid
// UTF-8 without white space at either end or twice in a row; the likely username has only the
// characters the preview keeps and is never all digits; the user id is built from it.
#include <cstdint>
#include <string>

#include "fuzz_validation.h"
#include "verji/core/username.h"

namespace {

bool username_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '=' || c == '-' ||
         c == '/' || c == '+';
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace verji::core;
  const std::string_view text = verji::fuzz::as_text(data, size);

  const std::string normal = normalize_full_name(text);
  VERJI_FUZZ_CHECK(unicode::is_valid_utf8(normal));
  VERJI_FUZZ_CHECK(normalize_full_name(normal) == normal);
  VERJI_FUZZ_CHECK(normal.empty() || (normal.front() != ' ' && normal.back() != ' '));
  VERJI_FUZZ_CHECK(normal.find("  ") == std::string::npos);

  for (const UsernameStyle style : {UsernameStyle::joined, UsernameStyle::dotted}) {
    ValidationOptions options;
    options.username_style = style;
    options.server_name = "verji.app";
    Validation v;
    validate_full_name(text, options, v);
    verji::fuzz::check_findings(v, Field::full_name, "name.", text);
    Validation again;
    validate_full_name(text, options, again);
    verji::fuzz::check_same(v, again);

    const Normalized& n = v.normalized;
    if (!verji::fuzz::has_error(v)) VERJI_FUZZ_CHECK(n.full_name == normal);
    bool all_digits = true;
    for (const char c : n.username) {
      VERJI_FUZZ_CHECK(username_char(c));
      all_digits = all_digits && c >= '0' && c <= '9';
    }
    if (!n.username.empty()) {
      VERJI_FUZZ_CHECK(!all_digits);
      VERJI_FUZZ_CHECK(n.user_id == "@" + n.username + ":verji.app");
    }
  }
  return 0;
}
