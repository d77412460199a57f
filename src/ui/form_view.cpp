// The invite form, drawn from the view model's form section; what the admin does comes back as
// intents. The confirm step is in confirm_view.cpp, the feed below them in feed_view.cpp.
#include "form_view.h"

#include "verji/core/phone.h"

#include <algorithm>
#include <string>

namespace verji::ui {
namespace {

using core::Field;

void lines(const DrawContext& ctx, const std::vector<app::Line>& all) {
  for (const auto& line : all) status_text(ctx, line);
}

// True when a line of `text` is wider than the multi-line field shows (ImGui 1.86's field does not
// wrap: the admin would only see part of the line).
bool wider_than_field(const DrawContext& ctx, std::string_view text) {
  const float inner = ImGui::CalcItemWidth() - 2.0f * ImGui::GetStyle().FramePadding.x;
  const ImFont& font = *ctx.fonts.body;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const char* b = text.data() + start;
    if (font.CalcTextSizeA(font.FontSize, 1e30f, 0.0f, b, text.data() + end).x > inner) return true;
    start = end + 1;
  }
  return false;
}

// The welcome message wrapped, set off like a quotation, when it has flagged stretches (they are
// highlighted) or a line too long for the field to show whole.
void draw_marked_welcome(const DrawContext& ctx, const app::FormSection& form) {
  const std::string& message = form.welcome_message.control.value;
  const bool marked = !form.welcome_marks.empty();
  if (!marked && !wider_than_field(ctx, message)) return;
  const float em = ctx.fonts.em;
  secondary_text(ctx, marked ? form.welcome_marked_heading : form.welcome_wrapped_heading);
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
  ImGui::GetWindowDrawList()->AddRectFilled(
      top, ImVec2(top.x + std::max(2.0f, 0.2f * em), bottom),
      marked ? palette(ctx.theme).warning : palette(ctx.theme).field_border);
}

// A text field, its live status lines and its notes; its edits as intents.
void field(const DrawContext& ctx, const app::TextFieldView& view, std::vector<app::Intent>& intents,
           const Reformat& reformat = {}) {
  auto events = text_field(ctx, view, reformat);
  if (events.text) intents.push_back(app::EditText{view.field, std::move(*events.text)});
  if (events.left) intents.push_back(app::LeaveField{view.field});
}

void radio_group(const DrawContext& ctx, const app::RadioGroupView& group, bool one_line,
                 std::vector<app::Intent>& intents) {
  field_label(ctx, group.legend, {});
  for (std::size_t i = 0; i < group.options.size(); ++i) {
    if (one_line && i > 0) ImGui::SameLine(0.0f, 1.5f * ctx.fonts.em);
    act(radio_button(ctx, group.options[i]), group.options[i], intents);
  }
  lines(ctx, group.notes);
}

}  // namespace

void draw_form(const DrawContext& ctx, const app::FormSection& form, std::vector<app::Intent>& intents) {
  title_text(ctx, form.title);
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
  lines(ctx, form.email.notes);
  if (form.email_suggestion) act(link_button(ctx, *form.email_suggestion), *form.email_suggestion, intents);
  section_gap(ctx);

  field(ctx, form.full_name, intents);
  lines(ctx, form.full_name.status);
  lines(ctx, form.full_name.notes);
  section_gap(ctx);

  Reformat phone_format;
  if (!form.phone_format_region.empty()) {
    phone_format = [region = form.phone_format_region](std::string_view typed) {
      return core::format_phone_as_typed(typed, region);
    };
  }
  field(ctx, form.phone, intents, phone_format);
  lines(ctx, form.phone.status);
  lines(ctx, form.phone.notes);
  section_gap(ctx);

  radio_group(ctx, form.verification, true, intents);
  section_gap(ctx);
  radio_group(ctx, form.user_type, false, intents);
  section_gap(ctx);

  field(ctx, form.welcome_message, intents);
  draw_marked_welcome(ctx, form);
  lines(ctx, form.welcome_message.notes);
  if (form.confirm_sensitive) act(checkbox(ctx, *form.confirm_sensitive), *form.confirm_sensitive, intents);
  section_gap(ctx);

  const bool enabled = !form.create.disabled;
  const bool clicked = primary_button(ctx, form.create);
  // A click on the greyed-out button is a send attempt too: every error then shows, and why.
  const bool attempted = !enabled && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled) &&
                         ImGui::IsMouseClicked(ImGuiMouseButton_Left);
  if (clicked || attempted || (enabled && enter_on_last_item())) intents.push_back(app::Submit{});
  status_text(ctx, form.create_hint);
}

}  // namespace verji::ui
