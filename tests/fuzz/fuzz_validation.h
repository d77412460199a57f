// Checks every field validator's fuzz target applies to what validate() found: each finding is
// about the field it was asked about, has a stable code of that field, a message that formats in
// both languages, and a span inside the text as typed; and the result is the same the second time
// (the validators are pure functions).
#pragma once

#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "verji/core/i18n.h"
#include "verji/core/unicode.h"
#include "verji/core/validation.h"

namespace verji::fuzz {

inline void check_findings(const core::Validation& v, core::Field field, std::string_view code_prefix,
                           std::string_view text) {
  for (const core::Finding& f : v.findings) {
    VERJI_FUZZ_CHECK(f.field == field);
    VERJI_FUZZ_CHECK(f.code.size() > code_prefix.size() &&
                     f.code.compare(0, code_prefix.size(), code_prefix) == 0);
    VERJI_FUZZ_CHECK(f.message != core::Msg::count_);
    VERJI_FUZZ_CHECK(f.span.begin <= f.span.end && f.span.end <= text.size());
    for (const core::Lang lang : {core::Lang::nb, core::Lang::en}) {
      VERJI_FUZZ_CHECK(!core::format(lang, f.message, f.args).empty());
    }
  }
}

inline void check_same(const core::Validation& a, const core::Validation& b) {
  VERJI_FUZZ_CHECK(a.findings.size() == b.findings.size());
  for (std::size_t i = 0; i < a.findings.size(); ++i) {
    VERJI_FUZZ_CHECK(a.findings[i].code == b.findings[i].code);
    VERJI_FUZZ_CHECK(a.findings[i].span == b.findings[i].span);
  }
}

inline bool has_error(const core::Validation& v) {
  for (const core::Finding& f : v.findings) {
    if (f.severity == core::Severity::error) return true;
  }
  return false;
}

}  // namespace verji::fuzz
