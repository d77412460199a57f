// The user-type rule: an administrator is a co-worker and costs money by the customer's
// agreement, which the admin should know before sending (a notice, not an error).
#include "verji/core/validation.h"

namespace verji::core {

void validate_user_type(const InviteForm& form, Validation& out) {
  if (form.user_type != UserType::administrator) return;
  out.add(Field::user_type, Severity::notice, "user_type.administrator_cost",
          Msg::user_type_administrator_cost);
}

}  // namespace verji::core
