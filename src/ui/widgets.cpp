#include "verji/ui/widgets.h"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
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
bool record_button(const DrawContext& ctx, const app::ControlView& control, bool clicked) {
  ControlBox box;
  box.role = ControlRole::button;
  box.id = control.id;
  box.label = control.label;
  box.disabled = control.disabled;
  box.focused = control.focused;
  box.focus_request = control.focus;
  box.description = control.error;
  record(ctx, std::move(box));
  return clicked && !control.disabled;
}

void draw_focus_ring(const DrawContext& ctx) {
  // A clear focus ring where the page's keyboard focus is (the DOM layer reports it).
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  ImGui::GetWindowDrawList()->AddRect(ImVec2(min.x - 1, min.y - 1), ImVec2(max.x + 1, max.y + 1),
                                      palette(ctx.theme).focus, ImGui::GetStyle().FrameRounding,
                                      ImDrawFlags_None, 2.0f);
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

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

void title_text(const DrawContext& ctx, std::string_view id, std::string_view text) {
  if (text.empty()) return;
  ImGui::BeginGroup();
  wrapped_text(ctx, text, ctx.fonts.title, palette(ctx.theme).text);
  ImGui::EndGroup();
  ControlBox box;
  box.role = ControlRole::heading;
  box.id = std::string(id);
  box.label = std::string(text);
  record(ctx, std::move(box));
}

void field_label(const DrawContext& ctx, std::string_view label, std::string_view hint) {
  wrapped_text(ctx, label, ctx.fonts.strong, palette(ctx.theme).text);
  secondary_text(ctx, hint);
}

namespace {

// Where the blank run after `line` ends (its trailing spaces, not a line break): a caret or a
// selection there is drawn after the line's last word.
std::size_t visible_end(std::string_view text, const TextLine& line) {
  std::size_t end = line.end;
  while (end < text.size() && is_blank(text[end])) ++end;
  return end;
}

// The line of `lines` that holds byte `offset` (a caret at a wrap goes to the start of the next line).
std::size_t line_of(const std::vector<TextLine>& lines, std::size_t offset) {
  std::size_t n = 0;
  while (n + 1 < lines.size() && lines[n + 1].begin <= offset) ++n;
  return n;
}

// The x of byte `offset` on `line`, from the line's start.
float x_on_line(const ImFont& font, std::string_view text, const TextLine& line, std::size_t offset) {
  return text_width(font, text, line.begin, std::clamp(offset, line.begin, visible_end(text, line)));
}

std::vector<TextLine> field_lines(const ImFont& font, std::string_view text, float wrap_width) {
  std::vector<TextLine> lines =
      wrap_width > 0.0f ? wrap_lines(font, text, wrap_width) : std::vector<TextLine>{{0, text.size()}};
  if (lines.empty()) lines.push_back({0, 0});
  return lines;
}

// Fills the parts of [span.begin, span.end) on each line: a selection's background, or (with
// `underline`) a composition's underline.
void draw_span(ImDrawList* draw, const ImFont& font, std::string_view text,
               const std::vector<TextLine>& lines, ImVec2 origin, float line_height, app::Span span,
               ImU32 colour, float underline) {
  const std::size_t b = std::min(span.begin, span.end);
  const std::size_t e = std::max(span.begin, span.end);
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const std::size_t line_end = n + 1 < lines.size() ? lines[n + 1].begin : text.size();
    const std::size_t from = std::max(b, lines[n].begin);
    const std::size_t to = std::min(e, line_end);
    if (to <= from) continue;  // nothing of the span on this line
    const float y = origin.y + static_cast<float>(n) * line_height;
    const float x0 = origin.x + x_on_line(font, text, lines[n], from);
    float x1 = origin.x + x_on_line(font, text, lines[n], to);
    if (to > visible_end(text, lines[n])) x1 += 0.3f * font.FontSize;  // the line break is selected too
    if (underline > 0.0f) {
      draw->AddRectFilled(ImVec2(x0, y + line_height - underline), ImVec2(x1, y + line_height), colour);
    } else {
      draw->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + line_height), colour);
    }
  }
}

}  // namespace

bool text_field(const DrawContext& ctx, const app::TextFieldView& field) {
  const app::ControlView& control = field.control;
  field_label(ctx, control.label, control.help);

  const float em = ctx.fonts.em;
  const ImFont& font = *ctx.fonts.body;
  const ImGuiStyle& style = ImGui::GetStyle();
  const Palette& p = palette(ctx.theme);
  const std::string& text = control.value;
  const bool multiline = field.kind == TextKind::multiline;
  const ImVec2 pad = style.FramePadding;
  const float line_height = font.FontSize;
  const float width = ImGui::CalcItemWidth();
  const float inner = std::max(1.0f, width - 2.0f * pad.x);
  const auto lines = field_lines(font, text, multiline ? inner : 0.0f);
  const float height =
      multiline ? std::max(5.0f * em, static_cast<float>(lines.size()) * line_height + 2.0f * pad.y)
                : line_height + 2.0f * pad.y;
  const std::string id = imgui_id({}, control.id);
  const bool clicked = ImGui::InvisibleButton(id.c_str(), ImVec2(width, height));
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();

  // One line scrolls sideways to keep the caret in view; the scroll is the UI's own, kept by ImGui.
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID scroll_key = ImGui::GetID((id + "#scroll").c_str());
  float scroll = 0.0f;
  const std::size_t caret = std::min(field.selection.end, text.size());
  if (!multiline && control.focused) {
    scroll = storage->GetFloat(scroll_key, 0.0f);
    const float caret_x = text_width(font, text, 0, caret);
    const float full = text_width(font, text, 0, text.size());
    if (caret_x - scroll > inner - 1.0f) scroll = caret_x - inner + 1.0f;
    if (caret_x < scroll) scroll = caret_x;
    scroll = std::clamp(scroll, 0.0f, std::max(0.0f, full - inner + 1.0f));
  }
  storage->SetFloat(scroll_key, scroll);
  const ImVec2 origin(min.x + pad.x - scroll, min.y + pad.y);

  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, ImGui::GetColorU32(ImGuiCol_FrameBg), style.FrameRounding);
  if (style.FrameBorderSize > 0.0f) {
    draw->AddRect(min, max, p.field_border, style.FrameRounding, ImDrawFlags_None, style.FrameBorderSize);
  }
  draw->PushClipRect(ImVec2(min.x + 0.5f * pad.x, min.y), ImVec2(max.x - 0.5f * pad.x, max.y), true);
  if (control.focused && !field.selection.empty()) {
    draw_span(draw, font, text, lines, origin, line_height, field.selection,
              ImGui::GetColorU32(ImGuiCol_TextSelectedBg), 0.0f);
  }
  if (text.empty()) {
    draw->AddText(&font, font.FontSize, origin, ImGui::GetColorU32(ImGuiCol_TextDisabled),
                  field.placeholder.data(), field.placeholder.data() + field.placeholder.size());
  }
  for (std::size_t n = 0; n < lines.size(); ++n) {
    draw->AddText(&font, font.FontSize, ImVec2(origin.x, origin.y + static_cast<float>(n) * line_height),
                  p.text, text.data() + lines[n].begin, text.data() + lines[n].end);
  }
  const float thin = std::max(1.0f, std::round(em / 15.0f));
  if (control.focused && !field.composition.empty()) {
    draw_span(draw, font, text, lines, origin, line_height, field.composition, p.text, thin);
  }
  if (control.focused && field.selection.empty() && ctx.caret_visible) {
    const std::size_t n = line_of(lines, caret);
    const float x = std::round(origin.x + x_on_line(font, text, lines[n], caret));
    const float y = origin.y + static_cast<float>(n) * line_height;
    draw->AddRectFilled(ImVec2(x, y), ImVec2(x + thin, y + line_height), p.text);
  }
  draw->PopClipRect();
  if (control.focused) draw_focus_ring(ctx);

  ControlBox box;
  box.role = ControlRole::text_field;
  box.id = control.id;
  box.label = control.label;
  box.kind = field.kind;
  box.focused = control.focused;
  box.focus_request = control.focus;
  box.invalid = control.invalid;
  box.required = control.required;
  box.description = control.help;
  box.text_origin = point(origin);
  box.padding = {pad.x, pad.y};
  box.wrap_width = multiline ? inner : 0.0f;
  box.line_height = line_height;
  record(ctx, std::move(box));
  return clicked;
}

std::size_t caret_at(const ImFont& font, const app::ControlBox& box, std::string_view text, app::Point at) {
  const auto lines = field_lines(font, text, box.wrap_width);
  const float row = box.line_height > 0.0f ? (at.y - box.text_origin.y) / box.line_height : 0.0f;
  const std::size_t n = row <= 0.0f ? 0 : std::min(lines.size() - 1, static_cast<std::size_t>(row));
  const TextLine& line = lines[n];
  const std::size_t end = visible_end(text, line);
  const float x = at.x - box.text_origin.x;
  std::size_t offset = line.begin;
  float left = 0.0f;
  while (offset < end) {
    std::size_t next = offset + 1;
    while (next < end && is_continuation(text[next])) ++next;
    const float right = text_width(font, text, line.begin, next);
    if (x < 0.5f * (left + right)) return offset;  // nearer this character's left edge
    offset = next;
    left = right;
  }
  return end;
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
  box.focused = control.focused;
  box.focus_request = control.focus;
  if (control.focused) draw_focus_ring(ctx);
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
  box.focused = control.focused;
  box.focus_request = control.focus;
  box.required = control.required;
  if (control.focused) draw_focus_ring(ctx);
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

  if (control.focused) draw_focus_ring(ctx);
  const bool acts = record_button(ctx, control, clicked);
  if (ctx.layout != nullptr) ctx.layout->controls.back().submit = true;
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

  if (control.focused) draw_focus_ring(ctx);
  return record_button(ctx, control, clicked);
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
  if (control.focused) draw_focus_ring(ctx);
  return record_button(ctx, control, clicked);
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

void describe(const DrawContext& ctx, std::string_view id, std::string_view line) {
  if (ctx.layout == nullptr || line.empty()) return;
  for (auto it = ctx.layout->controls.rbegin(); it != ctx.layout->controls.rend(); ++it) {
    if (it->id != id) continue;
    if (!it->description.empty()) it->description += '\n';
    it->description += line;
    return;
  }
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
