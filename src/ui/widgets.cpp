#include "verji/ui/widgets.h"

#include <imgui_stdlib.h>

namespace verji::ui {
namespace {

// ImGui ids come from the field, so a label change (language switch) keeps the edit state.
const char* field_id(core::Field field) {
  switch (field) {
    case core::Field::email: return "##email";
    case core::Field::full_name: return "##full_name";
    case core::Field::phone: return "##phone";
    case core::Field::welcome_message: return "##welcome_message";
    case core::Field::verification: return "##verification";
    case core::Field::user_type: return "##user_type";
  }
  return "##field";
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

// Wraps text at the right edge of the current item width (the form's column), not the window's.
void push_wrap_at_item_width() { ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::CalcItemWidth()); }

}  // namespace

void secondary_text(const DrawContext& ctx, std::string_view text) {
  if (text.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, palette(ctx.theme).text_secondary);
  push_wrap_at_item_width();
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

void title_text(const DrawContext& ctx, std::string_view text) {
  ImGui::PushFont(ctx.fonts.title);
  push_wrap_at_item_width();
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
}

void field_label(const DrawContext& ctx, std::string_view label, std::string_view hint) {
  ImGui::PushFont(ctx.fonts.strong);
  push_wrap_at_item_width();
  ImGui::TextUnformatted(label.data(), label.data() + label.size());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
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
  const char* id = field_id(spec.field);
  const std::string placeholder(spec.placeholder);
  if (spec.kind == TextKind::multiline) {
    edited = ImGui::InputTextMultiline(id, &buffer, ImVec2(ImGui::CalcItemWidth(), 5.0f * em), flags,
                                       max_bytes > 0 ? limit_length : nullptr, &max_bytes);
  } else {
    edited = ImGui::InputTextWithHint(id, placeholder.c_str(), &buffer, flags,
                                      max_bytes > 0 ? limit_length : nullptr, &max_bytes);
  }
  ImGui::PopStyleColor();

  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  const bool focused = ImGui::IsItemActive();
  if (focused) {
    // A clear focus ring: ImGui's own nav highlight only shows for keyboard navigation.
    ImGui::GetWindowDrawList()->AddRect(ImVec2(min.x - 1, min.y - 1), ImVec2(max.x + 1, max.y + 1),
                                        palette(ctx.theme).focus, ImGui::GetStyle().FrameRounding,
                                        ImDrawFlags_None, 2.0f);
  }
  if (ctx.layout != nullptr) ctx.layout->fields.push_back(FieldBox{spec.field, spec.kind, min, max, focused});

  if (edited && buffer != value) return buffer;
  return std::nullopt;
}

}  // namespace verji::ui
