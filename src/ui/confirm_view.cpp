// The confirm step, in place of the form: what will be sent, then "Send invitation" and "Edit".
#include "confirm_view.h"

namespace verji::ui {
namespace {

bool key_pressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), false); }

}  // namespace

void draw_confirm(const DrawContext& ctx, const app::ConfirmSection& step,
                  std::vector<app::Intent>& intents) {
  if (step.scroll_to_top) ImGui::SetScrollY(0.0f);
  title_text(ctx, step.title);
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

  bool send = primary_button(ctx, step.send);
  ImGui::SameLine();
  bool edit = secondary_button(ctx, step.edit, 2.4f);
  secondary_text(ctx, step.keys_hint);

  // Enter sends and Escape goes back wherever the focus is (the step has no text field).
  if (!ImGui::GetIO().WantTextInput) {
    send =
        send || (!step.send.disabled && (key_pressed(ImGuiKey_Enter) || key_pressed(ImGuiKey_KeyPadEnter)));
    edit = edit || key_pressed(ImGuiKey_Escape);
  }
  if (send) {
    intents.push_back(app::SendInvite{});
  } else if (edit) {
    intents.push_back(app::EditAgain{});
  }
}

}  // namespace verji::ui
