#include "verji/core/invite_form.h"

namespace verji::core {

std::string_view field_name(Field field) noexcept {
  switch (field) {
    case Field::email: return "email";
    case Field::full_name: return "full_name";
    case Field::phone: return "phone";
    case Field::verification: return "verification";
    case Field::user_type: return "user_type";
    case Field::welcome_message: return "welcome_message";
  }
  return "";
}

namespace {
// One mapping from Field to member, for both constness: Form is InviteForm or const InviteForm.
template <typename Form>
auto* text_slot(Form& form, Field field) noexcept {
  using Slot = decltype(&form.email);
  switch (field) {
    case Field::email: return &form.email;
    case Field::full_name: return &form.full_name;
    case Field::phone: return &form.phone;
    case Field::welcome_message: return &form.welcome_message;
    case Field::verification:
    case Field::user_type: break;
  }
  return static_cast<Slot>(nullptr);
}
}  // namespace

bool set_text(InviteForm& form, Field field, std::string value) {
  std::string* slot = text_slot(form, field);
  if (slot == nullptr) return false;
  *slot = std::move(value);
  return true;
}

std::string_view text_of(const InviteForm& form, Field field) noexcept {
  const std::string* slot = text_slot(form, field);
  return slot == nullptr ? std::string_view{} : std::string_view(*slot);
}

bool is_blank(std::string_view text) noexcept {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace verji::core
