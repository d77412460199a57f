#include "verji/ui/widgets.h"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <string>
#include <utility>

namespace verji::ui {
namespace {

using app::ControlBox;
using app::ControlRole;
using app::TextKind;

// ImGui ids come from our stable ids, never from labels, so a language switch keeps edit state.
std::string imgui_id(std::string_view label, std::string_view id) {
  std::string out(label);
  out += "##";
  out += id;
  return out;
}

app::Point point(ImVec2 v) { return {v.x, v.y}; }

void record(const DrawContext& ctx, ControlBox box) {
  if (ctx.layout == nullptr) return;
  box.min = point(ImGui::GetItemRectMin());
  box.max = point(ImGui::GetItemRectMax());
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

// What a text field's edit callback enforces.
struct EditRules {
  int max_bytes = 0;
  const std::function<std::string(std::string_view)>* reformat = nullptr;
};

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

int on_edit(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag != ImGuiInputTextFlags_CallbackEdit) return 0;
  const auto& rules = *static_cast<const EditRules*>(data->UserData);
  if (rules.max_bytes > 0 && data->BufTextLen > rules.max_bytes) {
    // Cut on a UTF-8 boundary so that no half character is left behind.
    int cut = rules.max_bytes;
    while (cut > 0 && is_continuation(data->Buf[cut])) --cut;
    data->DeleteChars(cut, data->BufTextLen - cut);
  }
  // Rewrite only while typing at the end: a caret in the middle stays where the admin put it.
  if (rules.reformat != nullptr && *rules.reformat && data->CursorPos == data->BufTextLen) {
    const std::string_view current(data->Buf, static_cast<std::size_t>(data->BufTextLen));
    const std::string formatted = (*rules.reformat)(current);
    const bool fits = rules.max_bytes <= 0 || formatted.size() <= static_cast<std::size_t>(rules.max_bytes);
    if (fits && formatted != current) {
      data->DeleteChars(0, data->BufTextLen);
      data->InsertChars(0, formatted.data(), formatted.data() + formatted.size());
      data->CursorPos = data->BufTextLen;
      data->SelectionStart = data->SelectionEnd = data->CursorPos;
    }
  }
  return 0;
}

float text_width(const ImFont& font, std::string_view text, std::size_t begin, std::size_t end) {
  if (end <= begin) return 0.0f;
  return font.CalcTextSizeA(font.FontSize, FLT_MAX, 0.0f, text.data() + begin, text.data() + end).x;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Wraps one paragraph (no line breaks) [begin, end) of `text` into `out`.
void wrap_paragraph(const ImFont& font, std::string_view text, std::size_t begin, std::size_t end,
                    float width, std::vector<TextLine>& out) {
  std::size_t start = begin;
  if (start == end) {
    out.push_back({begin, end});
    return;
  }
  while (start < end) {
    // Whole words while they fit.
    std::size_t fitted = start;
    std::size_t i = start;
    while (i < end) {
      std::size_t word_end = i;
      while (word_end < end && is_blank(text[word_end])) ++word_end;
      while (word_end < end && !is_blank(text[word_end])) ++word_end;
      if (text_width(font, text, start, word_end) > width) break;
      fitted = word_end;
      i = word_end;
    }
    if (fitted == start) {
      // The first word alone is too wide: as many characters as fit (at least one).
      std::size_t next = start + 1;
      while (next < end && is_continuation(text[next])) ++next;
      fitted = next;
      while (fitted < end && !is_blank(text[fitted])) {
        next = fitted + 1;
        while (next < end && is_continuation(text[next])) ++next;
        if (text_width(font, text, start, next) > width) break;
        fitted = next;
      }
    }
    out.push_back({start, fitted});
    start = fitted;
    while (start < end && is_blank(text[start])) ++start;
  }
}

// Draws `text` wrapped in the current item width with `font` and `colour`, behind it the `marks`
// (when any) on the highlight colour; returns the box of each mark's first line.
std::vector<std::pair<ImVec2, ImVec2>> draw_wrapped(const DrawContext& ctx, std::string_view text,
                                                    ImFont* font, ImU32 colour,
                                                    const std::vector<app::Span>& marks) {
  std::vector<std::pair<ImVec2, ImVec2>> mark_boxes(marks.size(), {ImVec2(-1, -1), ImVec2(-1, -1)});
  const float width = ImGui::CalcItemWidth();
  const auto lines = wrap_lines(*font, text, width);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float line_height = font->FontSize;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const Palette& p = palette(ctx.theme);
  const float underline = std::max(1.0f, 0.08f * ctx.fonts.em);
  float widest = 0.0f;
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const TextLine& line = lines[n];
    const float y = origin.y + static_cast<float>(n) * line_height;
    for (std::size_t m = 0; m < marks.size(); ++m) {
      const std::size_t b = std::max(line.begin, marks[m].begin);
      const std::size_t e = std::min(line.end, marks[m].end);
      if (e <= b) continue;
      const ImVec2 min(origin.x + text_width(*font, text, line.begin, b), y);
      const ImVec2 max(origin.x + text_width(*font, text, line.begin, e), y + line_height);
      draw->AddRectFilled(min, max, p.highlight, 0.15f * ctx.fonts.em);
      draw->AddRectFilled(ImVec2(min.x, max.y - underline), max, p.warning);
      if (mark_boxes[m].first.x < 0.0f) mark_boxes[m] = {min, max};
    }
    draw->AddText(font, font->FontSize, ImVec2(origin.x, y), colour, text.data() + line.begin,
                  text.data() + line.end);
    widest = std::max(widest, text_width(*font, text, line.begin, line.end));
  }
  ImGui::Dummy(ImVec2(std::max(widest, 1.0f), static_cast<float>(lines.size()) * line_height));
  return mark_boxes;
}

}  // namespace

void wrapped_text(const DrawContext& ctx, std::string_view text, ImFont* font, ImU32 colour) {
  if (text.empty()) return;
  draw_wrapped(ctx, text, font, colour, {});
}

ImU32 tone_colour(app::Theme theme, app::Tone tone) {
  using app::Tone;
  const Palette& p = palette(theme);
  switch (tone) {
    case Tone::neutral: return p.text;
    case Tone::secondary: return p.text_secondary;
    case Tone::success: return p.success;
    case Tone::warning: return p.warning;
    case Tone::error: return p.error;
  }
  return p.text;
}

void secondary_text(const DrawContext& ctx, std::string_view text) {
  wrapped_text(ctx, text, ctx.fonts.body, palette(ctx.theme).text_secondary);
}

void wrapped_label(const DrawContext& ctx, std::string_view text) {
  wrapped_text(ctx, text, ctx.fonts.strong, palette(ctx.theme).text);
}

void error_text(const DrawContext& ctx, std::string_view text) {
  wrapped_text(ctx, text, ctx.fonts.body, palette(ctx.theme).error);
}

void title_text(const DrawContext& ctx, std::string_view text) {
  wrapped_text(ctx, text, ctx.fonts.title, palette(ctx.theme).text);
}

void field_label(const DrawContext& ctx, std::string_view label, std::string_view hint) {
  wrapped_text(ctx, label, ctx.fonts.strong, palette(ctx.theme).text);
  secondary_text(ctx, hint);
}

TextFieldEvents text_field(const DrawContext& ctx, const app::TextFieldView& field,
                           const Reformat& reformat) {
  const app::ControlView& control = field.control;
  field_label(ctx, control.label, control.help);

  const float em = ctx.fonts.em;
  std::string buffer(control.value);
  EditRules rules{field.max_bytes, reformat ? &reformat : nullptr};
  ImGuiInputTextFlags flags = ImGuiInputTextFlags_None;
  const bool callback = rules.max_bytes > 0 || rules.reformat != nullptr;
  if (callback) flags |= ImGuiInputTextFlags_CallbackEdit;

  ImGui::PushStyleColor(ImGuiCol_Border, palette(ctx.theme).field_border);
  bool edited = false;
  const std::string id = imgui_id({}, control.id);
  if (field.kind == TextKind::multiline) {
    edited = ImGui::InputTextMultiline(id.c_str(), &buffer, ImVec2(ImGui::CalcItemWidth(), 5.0f * em), flags,
                                       callback ? on_edit : nullptr, &rules);
  } else {
    edited = ImGui::InputTextWithHint(id.c_str(), field.placeholder.c_str(), &buffer, flags,
                                      callback ? on_edit : nullptr, &rules);
  }
  ImGui::PopStyleColor();

  TextFieldEvents events;
  events.left = ImGui::IsItemDeactivated();
  ControlBox box;
  box.role = ControlRole::text_field;
  box.id = control.id;
  box.label = control.label;
  box.kind = field.kind;
  box.focused = ImGui::IsItemActive();
  if (box.focused) draw_focus_ring(ctx);
  record(ctx, std::move(box));

  if (edited && buffer != control.value) events.text = std::move(buffer);
  return events;
}

bool radio_button(const DrawContext& ctx, const app::ControlView& control) {
  // ImGui sizes the circle by the frame height, which is made for text fields; a radio gets a
  // circle of about 1.3 em.
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.15f * ctx.fonts.em, 0.15f * ctx.fonts.em));
  const bool clicked = ImGui::RadioButton(imgui_id(control.label, control.id).c_str(), control.checked);
  ImGui::PopStyleVar();

  ControlBox box;
  box.role = ControlRole::radio;
  box.id = control.id;
  box.label = control.label;
  box.checked = control.checked;
  box.focused = ImGui::IsItemFocused();
  record(ctx, std::move(box));
  return clicked;
}

bool checkbox(const DrawContext& ctx, const app::ControlView& control) {
  // The label wraps in the form's column: ImGui's own check box label does not wrap, so the box
  // is drawn without one and the text beside it.
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.15f * ctx.fonts.em, 0.15f * ctx.fonts.em));
  bool value = control.checked;
  const bool clicked = ImGui::Checkbox(imgui_id({}, control.id).c_str(), &value);
  ImGui::PopStyleVar();
  ControlBox box;
  box.role = ControlRole::checkbox;
  box.id = control.id;
  box.label = control.label;
  box.checked = control.checked;
  box.focused = ImGui::IsItemFocused();
  record(ctx, std::move(box));
  const float indent = ImGui::GetItemRectSize().x + ImGui::GetStyle().ItemInnerSpacing.x;
  ImGui::SameLine(0.0f, ImGui::GetStyle().ItemInnerSpacing.x);
  ImGui::PushItemWidth(ImGui::CalcItemWidth() - indent);
  wrapped_text(ctx, control.label, ctx.fonts.body, palette(ctx.theme).text);
  ImGui::PopItemWidth();
  return clicked;
}

bool primary_button(const DrawContext& ctx, const app::ControlView& control) {
  const float em = ctx.fonts.em;
  const bool enabled = !control.disabled;
  const std::string text = imgui_id(control.label, control.id);
  ImGui::PushFont(ctx.fonts.strong);
  ImGui::PushStyleColor(ImGuiCol_Text, palette(ctx.theme).accent_text);
  ImGui::BeginDisabled(!enabled);
  const float width = std::max(8.0f * em, ImGui::CalcTextSize(text.c_str(), nullptr, true).x + 2.0f * em);
  const bool clicked = ImGui::Button(text.c_str(), ImVec2(width, 2.4f * em));
  ImGui::EndDisabled();
  ImGui::PopStyleColor();
  ImGui::PopFont();

  const bool acts = record_button(ctx, control.id, control.label, enabled, clicked);
  if (control.focus) focus_last_item();
  return acts;
}

bool secondary_button(const DrawContext& ctx, const app::ControlView& control, float height_em,
                      float max_width) {
  const std::string_view label = control.label;
  const bool enabled = !control.disabled;
  const float em = ctx.fonts.em;
  const Palette& p = palette(ctx.theme);
  const ImGuiStyle& style = ImGui::GetStyle();
  // A label wider than `max_width` goes on as many lines as it needs (ImGui centres a label
  // with line breaks as a block); the button grows to hold them.
  std::string shown(label);
  float height = height_em * em;
  if (max_width > 0.0f) {
    const float room = max_width - 2.0f * style.FramePadding.x;
    if (ImGui::CalcTextSize(shown.data(), shown.data() + shown.size()).x > room) {
      const auto lines = wrap_lines(*ImGui::GetFont(), label, room);
      shown.clear();
      for (const TextLine& line : lines) {
        if (!shown.empty()) shown += '\n';
        shown.append(label.substr(line.begin, line.end - line.begin));
      }
      const float text_height = static_cast<float>(lines.size()) * ImGui::GetFontSize();
      height = std::max(height, text_height + (height_em * em - ImGui::GetFontSize()));
    }
  }
  const std::string text = imgui_id(shown, control.id);
  ImGui::PushStyleColor(ImGuiCol_Button, p.field_background);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.field_border);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, p.field_border);
  ImGui::PushStyleColor(ImGuiCol_Text, p.text);
  ImGui::PushStyleColor(ImGuiCol_Border, p.field_border);
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, std::max(1.0f, 0.07f * em));
  ImGui::BeginDisabled(!enabled);
  const bool clicked = ImGui::Button(text.c_str(), ImVec2(0.0f, height));
  ImGui::EndDisabled();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(5);

  const bool acts = record_button(ctx, control.id, control.label, enabled, clicked);
  if (control.focus) focus_last_item();
  return acts;
}

bool link_button(const DrawContext& ctx, const app::ControlView& control) {
  const Palette& p = palette(ctx.theme);
  const std::string text = imgui_id(control.label, control.id);
  ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(0, 0, 0, 0));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(0, 0, 0, 0));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, IM_COL32(0, 0, 0, 0));
  ImGui::PushStyleColor(ImGuiCol_Text, p.focus);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.1f * ctx.fonts.em, 0.05f * ctx.fonts.em));
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.0f);
  const bool clicked = ImGui::Button(text.c_str());
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor(4);
  // Underlined like a link; thicker under the pointer.
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  const float pad = 0.1f * ctx.fonts.em;
  const float thickness = std::max(1.0f, (ImGui::IsItemHovered() ? 0.12f : 0.07f) * ctx.fonts.em);
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(min.x + pad, max.y - thickness - 0.05f * ctx.fonts.em),
                                            ImVec2(max.x - pad, max.y - 0.05f * ctx.fonts.em), p.focus);
  return record_button(ctx, control.id, control.label, !control.disabled, clicked);
}

void act(bool activated, const app::ControlView& control, std::vector<app::Intent>& intents) {
  if (activated && control.action) intents.push_back(*control.action);
}

void record_status(const DrawContext& ctx, std::string_view id, std::string label) {
  ControlBox box;
  box.role = ControlRole::status;
  box.id = std::string(id);
  box.label = std::move(label);
  record(ctx, std::move(box));
}

void focus_last_item() {
  ImGui::SetFocusID(ImGui::GetItemID(), ImGui::GetCurrentWindow());
  ImGuiContext& g = *ImGui::GetCurrentContext();
  g.NavDisableHighlight = false;
  g.NavDisableMouseHover = true;
}

bool enter_on_last_item() {
  if (!ImGui::IsItemFocused()) return false;
  return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
         ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
}

void section_gap(const DrawContext& ctx) { ImGui::Dummy(ImVec2(0.0f, 0.35f * ctx.fonts.em)); }

void status_text(const DrawContext& ctx, const app::Line& line) {
  if (line.text.empty()) return;
  ImGui::BeginGroup();
  wrapped_text(ctx, line.text, ctx.fonts.body, tone_colour(ctx.theme, line.tone));
  ImGui::EndGroup();
  record_status(ctx, line.id, line.text);
}

}  // namespace verji::ui

namespace verji::ui {

std::vector<TextLine> wrap_lines(const ImFont& font, std::string_view text, float width) {
  std::vector<TextLine> lines;
  std::size_t start = 0;
  for (;;) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    wrap_paragraph(font, text, start, end, width, lines);
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

void marked_text(const DrawContext& ctx, std::string_view id, std::string_view text,
                 const std::vector<app::Span>& marks) {
  if (text.empty()) return;
  const auto boxes = draw_wrapped(ctx, text, ctx.fonts.body, palette(ctx.theme).text, marks);
  if (ctx.layout == nullptr) return;
  for (std::size_t m = 0; m < marks.size(); ++m) {
    if (boxes[m].first.x < 0.0f || marks[m].end > text.size()) continue;
    ControlBox box;
    box.role = ControlRole::status;
    box.id = std::string(id) + ".mark" + std::to_string(m);
    box.label = std::string(text.substr(marks[m].begin, marks[m].end - marks[m].begin));
    box.min = point(boxes[m].first);
    box.max = point(boxes[m].second);
    ctx.layout->controls.push_back(std::move(box));
  }
}

void summary_rows(const DrawContext& ctx, std::string_view id, const std::vector<app::SummaryRow>& rows) {
  std::string all;
  ImGui::BeginGroup();
  for (const auto& row : rows) {
    wrapped_text(ctx, row.label, ctx.fonts.strong, palette(ctx.theme).text_secondary);
    wrapped_text(ctx, row.value, ctx.fonts.body, palette(ctx.theme).text);
    ImGui::Dummy(ImVec2(0.0f, 0.15f * ctx.fonts.em));
    if (!all.empty()) all += '\n';
    all += row.label + ": " + row.value;
  }
  ImGui::EndGroup();
  record_status(ctx, id, std::move(all));
}

}  // namespace verji::ui
