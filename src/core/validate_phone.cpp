// The phone rule and the verification channel: a typed number must be valid; SMS needs a number
// that can receive SMS; while the admin has not chosen, the channel follows the number
// (validation.h, phone.h).
#include "verji/core/phone.h"
#include "verji/core/unicode.h"
#include "verji/core/validation.h"

namespace verji::core {
namespace {

bool can_receive_sms(PhoneType type) noexcept {
  return type == PhoneType::mobile || type == PhoneType::fixed_line_or_mobile;
}

// The typed text without surrounding white space, and its byte span.
Span trimmed_span(std::string_view text) {
  const unicode::Decoded decoded = unicode::decode(text);
  std::size_t first = 0, last = decoded.chars.size();
  while (first < last && unicode::is_space(decoded.chars[first])) ++first;
  while (last > first && unicode::is_space(decoded.chars[last - 1])) --last;
  return Span{decoded.offsets[first], decoded.offsets[last]};
}

}  // namespace

Verification default_verification(const Normalized& normalized) noexcept {
  return !normalized.phone_e164.empty() && can_receive_sms(normalized.phone_type) ? Verification::sms
                                                                                  : Verification::email;
}

void validate_phone(const InviteForm& form, const ValidationOptions& options, Validation& out) {
  Normalized& n = out.normalized;
  n.phone_e164.clear();
  n.phone_international.clear();
  n.phone_region.clear();
  n.phone_type = PhoneType::unknown;
  out.phone_pending = false;

  const Span span = trimmed_span(form.phone);
  const std::string_view typed = std::string_view(form.phone).substr(span.begin, span.end - span.begin);
  bool invalid = false;
  if (!typed.empty()) {
    if (!phone_ready() && !options.allow_phone_startup) {
      out.phone_pending = true;
      out.add(Field::phone, Severity::notice, "phone.pending", Msg::phone_pending, {});
    } else if (!unicode::is_valid_utf8(typed)) {
      invalid = true;
    } else {
      const PhoneCheck check = check_phone(typed, options.phone_region);
      if (check.valid) {
        n.phone_e164 = check.e164;
        n.phone_international = check.international;
        n.phone_region = check.region;
        n.phone_type = check.type;
      } else {
        invalid = true;
      }
    }
  }
  if (invalid) {
    out.add(Field::phone, Severity::error, "phone.invalid", Msg::phone_not_a_number,
            {{"phone", std::string(typed)}}, span);
  }

  n.verification = form.verification_chosen ? form.verification : default_verification(n);
  if (n.verification != Verification::sms || !form.verification_chosen || out.phone_pending || invalid) {
    // Not chosen: the default never picks SMS for a number that cannot take it. Pending or invalid:
    // the finding above already says what to do.
    if (!n.phone_e164.empty() && !can_receive_sms(n.phone_type)) {
      out.add(Field::phone, Severity::warning, "phone.not_mobile", Msg::phone_not_mobile,
              {{"phone", n.phone_international}}, span);
    }
    return;
  }
  if (typed.empty()) {
    out.add(Field::phone, Severity::error, "phone.required_for_sms", Msg::phone_required_for_sms, {});
  } else if (!can_receive_sms(n.phone_type)) {
    const Msg msg = n.phone_type == PhoneType::fixed_line ? Msg::phone_landline_cannot_receive_sms
                                                          : Msg::phone_cannot_receive_sms;
    out.add(Field::phone, Severity::error, "phone.cannot_receive_sms", msg,
            {{"phone", n.phone_international}}, span);
  }
}

}  // namespace verji::core
