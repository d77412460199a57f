// validate(): the per-field rules joined into one result, and the result's queries.
#include "verji/core/validation.h"

#include <utility>

#include <algorithm>

namespace verji::core {

Validation validate(const InviteForm& form, const ValidationOptions& options) {
  Validation out;
  validate_email(form.email, out);
  validate_full_name(form.full_name, options, out);
  validate_phone(form, options, out);
  validate_user_type(form, out);
  validate_welcome_message(form.welcome_message, out);
  return out;
}

Finding& Validation::add(Field field, Severity severity, std::string code, Msg message, MsgArgs args,
                         Span span) {
  Finding f;
  f.field = field;
  f.severity = severity;
  f.code = std::move(code);
  f.message = message;
  f.args = std::move(args);
  f.span = span;
  findings.push_back(std::move(f));
  return findings.back();
}

bool Validation::sendable() const noexcept {
  if (phone_pending) return false;
  return std::none_of(findings.begin(), findings.end(),
                      [](const Finding& f) { return f.severity == Severity::error; });
}

bool Validation::needs_confirmation() const noexcept {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.needs_confirmation; });
}

std::vector<const Finding*> Validation::for_field(Field field) const {
  std::vector<const Finding*> out;
  for (const Finding& f : findings) {
    if (f.field == field) out.push_back(&f);
  }
  return out;
}

std::string_view to_string(Severity severity) noexcept {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::notice: return "notice";
  }
  return "error";
}

}  // namespace verji::core
