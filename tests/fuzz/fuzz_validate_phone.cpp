// The mobile number's rules (validate_phone, through libphonenumber) and the as-you-type format.
//
// The first byte picks the default region and the verification channel (chosen or not, SMS or
// e-mail); the rest is the number as typed. Checked besides the common checks
// (fuzz_validation.h): a valid number's E.164 form is "+" and 2 to 15 digits and reads back as
// itself; reformatting a valid number as it is typed (what the app does while the admin types at
// its end) does not change which number it is.
#include <array>
#include <cstdint>
#include <string>

#include "fuzz_validation.h"
#include "verji/core/phone.h"

namespace {

bool is_e164(const std::string& text) {
  if (text.size() < 3 || text.size() > 16 || text[0] != '+' || text[1] == '0') return false;
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace verji::core;
  if (size == 0) return 0;
  static constexpr std::array<const char*, 8> kRegions = {"NO", "SE", "DK", "GB", "US", "DE", "ZZ", ""};
  const std::uint8_t flags = data[0];
  InviteForm form;
  form.phone = std::string(verji::fuzz::as_text(data + 1, size - 1));
  form.verification_chosen = (flags & 0x08) != 0;
  form.verification = (flags & 0x10) != 0 ? Verification::sms : Verification::email;
  ValidationOptions options;
  options.phone_region = kRegions[flags & 0x07];

  Validation v;
  validate_phone(form, options, v);
  verji::fuzz::check_findings(v, Field::phone, "phone.", form.phone);
  Validation again;
  validate_phone(form, options, again);
  verji::fuzz::check_same(v, again);

  const Normalized& n = v.normalized;
  if (!n.phone_e164.empty()) {
    VERJI_FUZZ_CHECK(is_e164(n.phone_e164));
    VERJI_FUZZ_CHECK(!n.phone_international.empty());
    const PhoneCheck back = check_phone(n.phone_e164, options.phone_region);
    VERJI_FUZZ_CHECK(back.valid && back.e164 == n.phone_e164);

    InviteForm typed = form;
    typed.phone = format_phone_as_typed(form.phone, options.phone_region);
    Validation retyped;
    validate_phone(typed, options, retyped);
    VERJI_FUZZ_CHECK(retyped.normalized.phone_e164 == n.phone_e164);
  }
  format_as_you_type(form.phone, options.phone_region);
  return 0;
}
