// The invite form, drawn from state; user actions come back as intents.
#pragma once

#include "verji/core/i18n.h"
#include "verji/core/invite_form.h"
#include "verji/ui/widgets.h"

#include <string>
#include <variant>
#include <vector>

namespace verji::ui {

// What the app derives for the view each frame (the view computes nothing itself).
struct FormViewModel {
  core::Lang lang = core::Lang::nb;
  const core::InviteForm* form = nullptr;
  std::string phone_status;  // e.g. "+47 412 34 567 · mobil", or a loading/error text
  bool phone_status_is_error = false;
  bool can_submit = false;
};

struct EditText {
  core::Field field;
  std::string text;
};
struct ChooseVerification {
  core::Verification value;
};
struct ChooseUserType {
  core::UserType value;
};
struct Submit {};

using Intent = std::variant<EditText, ChooseVerification, ChooseUserType, Submit>;

// Draws the whole widget into the current ImGui viewport (no window chrome).
std::vector<Intent> draw_form(const DrawContext& ctx, const FormViewModel& vm);

}  // namespace verji::ui
