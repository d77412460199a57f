// The user type as it reaches the core from outside: a name ("standard", "administrator") read
// from an invite record or block, then its rule (validate_user_type); the verification channel's
// name alike.
//
// Checked: only the contract's names are accepted and they read back as themselves; the rule says
// exactly one thing, the cost notice, and only for an administrator.
#include <cstdint>
#include <string>

#include "fuzz_validation.h"
#include "verji/core/invite_request.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace verji::core;
  const std::string_view text = verji::fuzz::as_text(data, size);

  if (const auto verification = verification_from_string(text)) {
    VERJI_FUZZ_CHECK(to_string(*verification) == text);
  } else {
    VERJI_FUZZ_CHECK(text != "sms" && text != "email");
  }

  const auto user_type = user_type_from_string(text);
  if (!user_type) {
    VERJI_FUZZ_CHECK(text != "standard" && text != "administrator");
    return 0;
  }
  VERJI_FUZZ_CHECK(to_string(*user_type) == text);
  InviteForm form;
  form.user_type = *user_type;
  Validation v;
  validate_user_type(form, v);
  verji::fuzz::check_findings(v, Field::user_type, "user_type.", "");
  if (*user_type == UserType::administrator) {
    VERJI_FUZZ_CHECK(v.findings.size() == 1 && v.findings[0].severity == Severity::notice);
  } else {
    VERJI_FUZZ_CHECK(v.findings.empty());
  }
  return 0;
}
