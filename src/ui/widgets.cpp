#include "verji/ui/widgets.h"

#include <imgui_stdlib.h>

#include <algorithm>
#include <utility>

namespace verji::ui {
namespace {

// ImGui ids come from our stable ids, never from labels, so a language switch keeps edit state.
std::string imgui_id(std::string_view label, std::string_view id) {
  std::string out(label);
  out += "##";
  out += id;
  return out;
}

void record(const DrawContext& ctx, ControlBox box) {
  if (ctx.layout == nullptr) return;
  box.min = ImGui::GetItemRectMin();
  box.max = ImGui::GetItemRectMax();
  ctx.layout->controls.push_back(std::move(box));
}

// Records the button just drawn; returns whether it acts (clicked and enabled).
bool record_button(const DrawContext& ctx, std::string_view id, std::string_view label, bool enabled,
                   bool clicked) {
  ControlBox box;
  box.role = ControlRole::button;
  box.id = std::string(id);
  box.label = std::string(label);
  box.disabled = !enabled;
  box.focused = ImGui::IsItemFocused();
  record(ctx, std::move(box));
  return clicked && enabled;
}

void draw_focus_ring(const DrawContext& ctx) {
  // A clear focus ring: ImGui's own nav highlight only shows for keyboard navigation.
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  ImGui::GetWindowDrawList()->AddRect(ImVec2(min.x - 1, min.y - 1), ImVec2(max.x + 1, max.y + 1),
                                      palette(ctx.theme).focus, ImGui::GetStyle().FrameRounding,
                                      ImDrawFlags_None, 2.0f);
}

int limit_length(ImGuiInputTextCallbackData* data) {
  const int max_bytes = *static_cast<const int*>(data->UserData);
  if (data->EventFlag == ImGuiInputTextFlags_CallbackEdit && max_bytes > 0 && data->BufTextLen > max_bytes) {
    // Cut on a UTF-8 boundary so that no half character is left behind.
    int cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(data->Buf[cut]) & 0xC0) == 0x80) --cut;
    data->DeleteChars(cut, data->BufTextLen - cut);
  }
  return 0;
}

// Text in `font` and `colour`, wrapped at the right edge of the current item width (the form's
// column), not the window's. Empty text draws nothing and takes no room.
void wrapped_text(std::string_view text, ImFont* font, ImU32 colour) {
  if (text.empty()) return;
  ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::CalcItemWidth());
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

ImU32 tone_colour(const DrawContext& ctx, Tone tone) {
  const Palette& p = palette(ctx.theme);
  switch (tone) {
    case Tone::neutral: return p.text;
    case Tone::secondary: return p.text_secondary;
    case Tone::success: return p.success;
    case Tone::warning: return p.warning;
    case Tone::error: return p.error;
  }
  return p.text;
}

}  // namespace

const ControlBox* FrameLayout::find(std::string_view id) const {
  for (const auto& control : controls) {
    if (control.id == id) return &control;
  }
  return nullptr;
}

void secondary_text(const DrawContext& ctx, std::string_view text) {
  wrapped_text(text, ctx.fonts.body, palette(ctx.theme).text_secondary);
}

void wrapped_label(const DrawContext& ctx, std::string_view text) {
  wrapped_text(text, ctx.fonts.strong, palette(ctx.theme).text);
}

void error_text(const DrawContext& ctx, std::string_view text) {
  wrapped_text(text, ctx.fonts.body, palette(ctx.theme).error);
}

void title_text(const DrawContext& ctx, std::string_view text) {
  wrapped_text(text, ctx.fonts.title, palette(ctx.theme).text);
}

void field_label(const DrawContext& ctx, std::string_view label, std::string_view hint) {
  wrapped_text(label, ctx.fonts.strong, palette(ctx.theme).text);
  secondary_text(ctx, hint);
}

std::optional<std::string> text_field(const DrawContext& ctx, const TextFieldSpec& spec,
                                      std::string_view value) {
  field_label(ctx, spec.label, spec.hint);

  const float em = ctx.fonts.em;
  std::string buffer(value);
  int max_bytes = spec.max_bytes;
  ImGuiInputTextFlags flags = ImGuiInputTextFlags_None;
  if (max_bytes > 0) flags |= ImGuiInputTextFlags_CallbackEdit;

  ImGui::PushStyleColor(ImGuiCol_Border, palette(ctx.theme).field_border);
  bool edited = false;
  const std::string_view name = core::field_name(spec.field);
  const std::string id = imgui_id({}, name);
  const std::string placeholder(spec.placeholder);
  if (spec.kind == TextKind::multiline) {
    edited = ImGui::InputTextMultiline(id.c_str(), &buffer, ImVec2(ImGui::CalcItemWidth(), 5.0f * em), flags,
                                       max_bytes > 0 ? limit_length : nullptr, &max_bytes);
  } else {
    edited = ImGui::InputTextWithHint(id.c_str(), placeholder.c_str(), &buffer, flags,
                                      max_bytes > 0 ? limit_length : nullptr, &max_bytes);
  }
  ImGui::PopStyleColor();

  ControlBox box;
  box.role = ControlRole::text_field;
  box.id = std::string(name);
  box.label = std::string(spec.label);
  box.kind = spec.kind;
  box.focused = ImGui::IsItemActive();
  if (box.focused) draw_focus_ring(ctx);
  record(ctx, std::move(box));

  if (edited && buffer != value) return buffer;
  return std::nullopt;
}

bool radio_button(const DrawContext& ctx, std::string_view id, std::string_view label, bool checked) {
  // ImGui sizes the circle by the frame height, which is made for text fields; a radio gets a
  // circle of about 1.3 em.
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.15f * ctx.fonts.em, 0.15f * ctx.fonts.em));
  const bool clicked = ImGui::RadioButton(imgui_id(label, id).c_str(), checked);
  ImGui::PopStyleVar();

  ControlBox box;
  box.role = ControlRole::radio;
  box.id = std::string(id);
  box.label = std::string(label);
  box.checked = checked;
  box.focused = ImGui::IsItemFocused();
  record(ctx, std::move(box));
  return clicked;
}

bool checkbox(const DrawContext& ctx, std::string_view id, std::string_view label, bool checked) {
  // The label wraps in the form's column: ImGui's own check box label does not wrap, so the box
  // is drawn without one and the text beside it.
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.15f * ctx.fonts.em, 0.15f * ctx.fonts.em));
  bool value = checked;
  const bool clicked = ImGui::Checkbox(imgui_id({}, id).c_str(), &value);
  ImGui::PopStyleVar();
  ControlBox box;
  box.role = ControlRole::checkbox;
  box.id = std::string(id);
  box.label = std::string(label);
  box.checked = checked;
  box.focused = ImGui::IsItemFocused();
  record(ctx, std::move(box));
  const float indent = ImGui::GetItemRectSize().x + ImGui::GetStyle().ItemInnerSpacing.x;
  ImGui::SameLine(0.0f, ImGui::GetStyle().ItemInnerSpacing.x);
  ImGui::PushItemWidth(ImGui::CalcItemWidth() - indent);
  wrapped_text(label, ctx.fonts.body, palette(ctx.theme).text);
  ImGui::PopItemWidth();
  return clicked;
}

bool primary_button(const DrawContext& ctx, std::string_view id, std::string_view label, bool enabled) {
  const float em = ctx.fonts.em;
  const std::string text = imgui_id(label, id);
  ImGui::PushFont(ctx.fonts.strong);
  ImGui::PushStyleColor(ImGuiCol_Text, palette(ctx.theme).accent_text);
  ImGui::BeginDisabled(!enabled);
  const float width = std::max(8.0f * em, ImGui::CalcTextSize(text.c_str(), nullptr, true).x + 2.0f * em);
  const bool clicked = ImGui::Button(text.c_str(), ImVec2(width, 2.4f * em));
  ImGui::EndDisabled();
  ImGui::PopStyleColor();
  ImGui::PopFont();

  return record_button(ctx, id, label, enabled, clicked);
}

bool secondary_button(const DrawContext& ctx, std::string_view id, std::string_view label, bool enabled) {
  const float em = ctx.fonts.em;
  const Palette& p = palette(ctx.theme);
  const std::string text = imgui_id(label, id);
  ImGui::PushStyleColor(ImGuiCol_Button, p.field_background);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.field_border);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, p.field_border);
  ImGui::PushStyleColor(ImGuiCol_Text, p.text);
  ImGui::PushStyleColor(ImGuiCol_Border, p.field_border);
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, std::max(1.0f, 0.07f * em));
  ImGui::BeginDisabled(!enabled);
  const bool clicked = ImGui::Button(text.c_str(), ImVec2(0.0f, 2.0f * em));
  ImGui::EndDisabled();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(5);

  return record_button(ctx, id, label, enabled, clicked);
}

void status_text(const DrawContext& ctx, std::string_view id, std::string_view text, Tone tone) {
  if (text.empty()) return;
  ImGui::BeginGroup();
  wrapped_text(text, ctx.fonts.body, tone_colour(ctx, tone));
  ImGui::EndGroup();
  ControlBox box;
  box.role = ControlRole::status;
  box.id = std::string(id);
  box.label = std::string(text);
  record(ctx, std::move(box));
}

}  // namespace verji::ui
