// The confirm step, in place of the form: what will be sent, then "Send invitation" and "Edit".
#include "confirm_view.h"

namespace verji::ui {

void draw_confirm(const DrawContext& ctx, const app::ConfirmSection& step,
                  std::vector<app::Intent>& intents) {
  if (step.scroll_to_top) ImGui::SetScrollY(0.0f);
  title_text(ctx, "confirm.title", step.title);
  secondary_text(ctx, step.intro);
  section_gap(ctx);
  summary_rows(ctx, "confirm.summary", step.rows);
  if (!step.warnings.empty()) {
    section_gap(ctx);
    field_label(ctx, step.warnings_heading, {});
    for (const auto& warning : step.warnings) status_text(ctx, warning);
    if (step.confirm_sensitive) act(checkbox(ctx, *step.confirm_sensitive), *step.confirm_sensitive, intents);
  }
  section_gap(ctx);

  // Enter reaches the focused native button ("Send invitation" is the form's submit button), Escape
  // comes from the DOM layer wherever the focus is (app::PressKey): neither is read here.
  const bool send = primary_button(ctx, step.send);
  ImGui::SameLine();
  const bool edit = secondary_button(ctx, step.edit, 2.4f);
  secondary_text(ctx, step.keys_hint);
  if (send) {
    intents.push_back(app::SendInvite{});
  } else if (edit) {
    intents.push_back(app::EditAgain{});
  }
}

}  // namespace verji::ui
