// The user-type rule: an administrator is a co-worker and costs money by the customer's
// agreement, which the admin should know before sending (a notice, not an error).
#include "verji/core/validation.h"

namespace verji::core {

void validate_user_type(const InviteForm& form, Validation& out) {
  if (form.user_type != UserType::administrator) return;
  Finding f;
  f.field = Field::user_type;
  f.severity = Severity::notice;
  f.code = "user_type.administrator_cost";
  f.message = Msg::user_type_administrator_cost;
  out.findings.push_back(std::move(f));
}

}  // namespace verji::core
