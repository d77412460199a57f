// The invite form, drawn from the view model's form section; what the admin does comes back as
// intents. The confirm step is in confirm_view.cpp, the feed below them in feed_view.cpp.
#include "form_view.h"

#include <algorithm>
#include <string>

namespace verji::ui {
namespace {

using core::Field;

// The welcome message again, set off like a quotation, with its flagged stretches highlighted.
void draw_marked_welcome(const DrawContext& ctx, const app::FormSection& form) {
  const std::string& message = form.welcome_message.control.value;
  const bool marked = !form.welcome_marks.empty();
  if (!marked) return;
  const float em = ctx.fonts.em;
  secondary_text(ctx, form.welcome_marked_heading);
  const float indent = 0.75f * em;
  const ImVec2 top = ImGui::GetCursorScreenPos();
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
  ImGui::PushItemWidth(ImGui::CalcItemWidth() - indent);
  ImGui::BeginGroup();
  marked_text(ctx, "welcome_message", message, form.welcome_marks);
  ImGui::EndGroup();
  record_status(ctx, "welcome_message.whole", message);
  ImGui::PopItemWidth();
  const float bottom = ImGui::GetItemRectMax().y;
  ImGui::GetWindowDrawList()->AddRectFilled(top, ImVec2(top.x + std::max(2.0f, 0.2f * em), bottom),
                                            palette(ctx.theme).warning);
}

// Lines under the control `id`, read with it too.
void described_lines(const DrawContext& ctx, std::string_view id, const std::vector<app::Line>& all) {
  for (const auto& line : all) {
    status_text(ctx, line);
    describe(ctx, id, line.text);
  }
}

// A text field, then its live status lines and its notes (read with it). A click on it (tests
// without a page) focuses it; on the page its native control takes the click.
void field(const DrawContext& ctx, const app::TextFieldView& view, std::vector<app::Intent>& intents) {
  if (text_field(ctx, view)) intents.push_back(app::Focus{view.control.id});
  described_lines(ctx, view.control.id, view.status);
  described_lines(ctx, view.control.id, view.notes);
}

void radio_group(const DrawContext& ctx, const app::RadioGroupView& group, bool one_line,
                 std::vector<app::Intent>& intents) {
  field_label(ctx, group.legend, {});
  for (std::size_t i = 0; i < group.options.size(); ++i) {
    if (one_line && i > 0) ImGui::SameLine(0.0f, 1.5f * ctx.fonts.em);
    act(radio_button(ctx, group.options[i]), group.options[i], intents);
    if (ctx.layout != nullptr && !ctx.layout->controls.empty()) {
      ctx.layout->controls.back().group = group.id;
      ctx.layout->controls.back().group_label = group.legend;
    }
  }
  for (const auto& note : group.notes) {
    status_text(ctx, note);
    for (const auto& option : group.options) describe(ctx, option.id, note.text);
  }
}

}  // namespace

void draw_form(const DrawContext& ctx, const app::FormSection& form, std::vector<app::Intent>& intents) {
  title_text(ctx, "title", form.title);
  secondary_text(ctx, form.intro);
  section_gap(ctx);

  if (!form.connection.text.empty()) {
    status_text(ctx, form.connection);
    if (form.request_permission) {
      act(secondary_button(ctx, *form.request_permission), *form.request_permission, intents);
    }
    section_gap(ctx);
  }

  field(ctx, form.email, intents);
  if (form.email_suggestion) act(link_button(ctx, *form.email_suggestion), *form.email_suggestion, intents);
  section_gap(ctx);

  field(ctx, form.full_name, intents);
  section_gap(ctx);

  field(ctx, form.phone, intents);
  section_gap(ctx);

  radio_group(ctx, form.verification, true, intents);
  section_gap(ctx);
  radio_group(ctx, form.user_type, false, intents);
  section_gap(ctx);

  field(ctx, form.welcome_message, intents);
  draw_marked_welcome(ctx, form);
  if (form.confirm_sensitive) act(checkbox(ctx, *form.confirm_sensitive), *form.confirm_sensitive, intents);
  section_gap(ctx);

  const bool enabled = !form.create.disabled;
  const bool clicked = primary_button(ctx, form.create);
  // A click on the greyed-out button is a send attempt too: every error then shows, and why.
  const bool attempted = !enabled && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled) &&
                         ImGui::IsMouseClicked(ImGuiMouseButton_Left);
  if (clicked || attempted) intents.push_back(app::Submit{});
  status_text(ctx, form.create_hint);
  describe(ctx, form.create.id, form.create_hint.text);
}

}  // namespace verji::ui
