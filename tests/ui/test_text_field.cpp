// The draw-only text field (ui::text_field, src/ui/widgets.cpp) and where a click puts the caret
// (ui::caret_at): the page's native control edits, the widget draws the text, its selection, its
// composition and its caret from the view, and records what the DOM layer needs (the text's origin
// and metrics, the description read with the field, radio groups).
#include "widget_scene.h"

#include <catch2/catch.hpp>

#include <cfloat>
#include <string>
#include <vector>

using verji::app::Config;
using verji::app::ControlBox;
using verji::app::Span;
using verji::app::TextFieldView;
using verji::app::TextKind;
using verji::core::Field;
using verji::test::frame;
using verji::test::HeadlessImGui;
using verji::test::Screen;
using verji::test::TestApp;

namespace {

float width_of(const ImFont& font, std::string_view text) {
  return font.CalcTextSizeA(font.FontSize, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
}

TextFieldView field_view(std::string id, TextKind kind, std::string value) {
  TextFieldView v;
  v.kind = kind;
  v.control.id = std::move(id);
  v.control.role = verji::app::ControlRole::text_field;
  v.control.label = "Label";
  v.control.value = std::move(value);
  return v;
}

// What one frame drew for `field` (300 px wide): its recorded box, and the vertices of its draw list.
struct Drawn {
  ControlBox box;
  std::vector<ImDrawVert> vertices;
};

Drawn draw_field(HeadlessImGui& ui, const TextFieldView& field, bool caret_visible = true) {
  verji::app::FrameLayout layout;
  Drawn drawn;
  ui.frame([&] {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("text field test", nullptr, ImGuiWindowFlags_NoDecoration);
    ImGui::PushItemWidth(300.0f);
    const verji::ui::DrawContext ctx{verji::app::Theme::light, ui.fonts(), &layout, caret_visible};
    const int before = ImGui::GetWindowDrawList()->VtxBuffer.Size;
    verji::ui::text_field(ctx, field);
    const ImDrawList* list = ImGui::GetWindowDrawList();
    drawn.vertices.assign(list->VtxBuffer.Data + before, list->VtxBuffer.Data + list->VtxBuffer.Size);
    ImGui::PopItemWidth();
    ImGui::End();
  });
  const ControlBox* box = layout.find(field.control.id);
  REQUIRE(box != nullptr);
  drawn.box = *box;
  return drawn;
}

// The bounding box of the vertices drawn in `colour`; x > max when there are none.
std::pair<ImVec2, ImVec2> extent_in(const std::vector<ImDrawVert>& vertices, ImU32 colour) {
  ImVec2 min(FLT_MAX, FLT_MAX);
  ImVec2 max(-FLT_MAX, -FLT_MAX);
  for (const auto& v : vertices) {
    if (v.col != colour) continue;
    min = ImVec2(std::min(min.x, v.pos.x), std::min(min.y, v.pos.y));
    max = ImVec2(std::max(max.x, v.pos.x), std::max(max.y, v.pos.y));
  }
  return {min, max};
}

bool is_boundary(std::string_view text, std::size_t offset) {
  return offset == text.size() || (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80;
}

}  // namespace

TEST_CASE("a click puts the caret before the nearer edge of the character under it", "[ui][caret]") {
  HeadlessImGui ui(ImVec2(400.0f, 600.0f));
  const ImFont& font = *ui.fonts().body;
  const std::string text = "Ola Nordmann";
  const ControlBox box = draw_field(ui, field_view("full_name", TextKind::name, text)).box;
  REQUIRE(box.wrap_width == 0.0f);  // one line
  REQUIRE(box.line_height == font.FontSize);
  CHECK(box.text_origin.x == box.min.x + box.padding.x);  // not focused: not scrolled
  CHECK(box.text_origin.y == box.min.y + box.padding.y);
  const float y = box.text_origin.y + 0.5f * box.line_height;
  const auto at = [&](float x) { return verji::ui::caret_at(font, box, text, {box.text_origin.x + x, y}); };
  // The start, and before the text (in the padding).
  CHECK(at(0.0f) == 0);
  CHECK(at(-4.0f) == 0);
  // The end, and past it (the rest of the field).
  CHECK(at(width_of(font, text)) == text.size());
  CHECK(at(250.0f) == text.size());
  // In the middle of "N" (offset 4): its left half before it, its right half after it.
  const float n_left = width_of(font, "Ola ");
  const float n_width = width_of(font, "Ola N") - n_left;
  CHECK(at(n_left + 0.3f * n_width) == 4);
  CHECK(at(n_left + 0.7f * n_width) == 5);
  // Above or below the line: the same line (one line only).
  CHECK(verji::ui::caret_at(font, box, text,
                            {box.text_origin.x + n_left + 0.3f * n_width, box.min.y - 20.0f}) == 4);
  CHECK(verji::ui::caret_at(font, box, text,
                            {box.text_origin.x + n_left + 0.3f * n_width, box.max.y + 20.0f}) == 4);
}

TEST_CASE("a click never puts the caret inside a UTF-8 character", "[ui][caret]") {
  HeadlessImGui ui(ImVec2(400.0f, 600.0f));
  const ImFont& font = *ui.fonts().body;
  const std::string text = "\xC3\x86rlig \xC3\x98stby";  // "Ærlig Østby"
  const ControlBox box = draw_field(ui, field_view("full_name", TextKind::name, text)).box;
  const float y = box.text_origin.y + 0.5f * box.line_height;
  const auto at = [&](float x) { return verji::ui::caret_at(font, box, text, {box.text_origin.x + x, y}); };
  // "Ø" is bytes 7 and 8.
  const float o_left = width_of(font, "\xC3\x86rlig ");
  const float o_width = width_of(font, "\xC3\x86rlig \xC3\x98") - o_left;
  CHECK(at(o_left + 0.3f * o_width) == 7);
  CHECK(at(o_left + 0.7f * o_width) == 9);
  CHECK(at(0.3f * width_of(font, "\xC3\x86")) == 0);
  CHECK(at(0.7f * width_of(font, "\xC3\x86")) == 2);
  // Across the whole line, pixel by pixel: always on a character boundary, never going back.
  std::size_t last = 0;
  for (float x = -2.0f; x < width_of(font, text) + 4.0f; x += 0.5f) {
    const std::size_t offset = at(x);
    INFO("x " << x << " offset " << offset);
    CHECK(is_boundary(text, offset));
    CHECK(offset >= last);
    last = offset;
  }
  CHECK(last == text.size());
  // CJK and an emoji outside the BMP, too.
  const std::string wide = "\xE5\xB1\xB1\xE7\x94\xB0 \xF0\x9F\x91\x8B!";  // "山田 👋!"
  const ControlBox wide_box = draw_field(ui, field_view("full_name", TextKind::name, wide)).box;
  for (float x = -2.0f; x < width_of(font, wide) + 4.0f; x += 0.5f) {
    const std::size_t offset = verji::ui::caret_at(font, wide_box, wide, {wide_box.text_origin.x + x, y});
    CHECK(is_boundary(wide, offset));
  }
}

TEST_CASE("a click on the second line of a wrapped welcome message puts the caret on that line",
          "[ui][caret]") {
  HeadlessImGui ui(ImVec2(400.0f, 900.0f));
  const ImFont& font = *ui.fonts().body;
  const std::string text =
      "Velkommen til Verji! Her snakker vi trygt med kundene v\xC3\xA5re, og du f\xC3\xA5r "
      "invitasjonen p\xC3\xA5 e-post. \xC3\x86rlig talt er dette det beste vi har funnet.";
  const ControlBox box = draw_field(ui, field_view("welcome_message", TextKind::multiline, text)).box;
  REQUIRE(box.wrap_width > 0.0f);
  const auto lines = verji::ui::wrap_lines(font, text, box.wrap_width);
  REQUIRE(lines.size() >= 3);
  const float second = box.text_origin.y + 1.5f * box.line_height;
  const auto at = [&](float x, float y) {
    return verji::ui::caret_at(font, box, text, {box.text_origin.x + x, y});
  };
  CHECK(at(-1.0f, second) == lines[1].begin);  // the start of the second line
  // Its end: after its last word (and the space the line broke at), not on the line below.
  const std::size_t end = at(box.wrap_width + 10.0f, second);
  CHECK(end >= lines[1].end);
  CHECK(end <= lines[2].begin);
  // The middle of the second line's first character.
  const std::string_view first(text.data() + lines[1].begin, lines[1].end - lines[1].begin);
  std::size_t next = 1;
  while (next < first.size() && !is_boundary(first, next)) ++next;
  const float w = width_of(font, first.substr(0, next));
  CHECK(at(0.3f * w, second) == lines[1].begin);
  CHECK(at(0.7f * w, second) == lines[1].begin + next);
  // Above the text: the first line; below it: the last.
  CHECK(at(-1.0f, box.min.y - 10.0f) == 0);
  CHECK(at(box.wrap_width + 10.0f, box.max.y + 10.0f) == text.size());
}

TEST_CASE("a focused one-line field scrolls to its caret, and a click hits the text where it is drawn",
          "[ui][caret]") {
  HeadlessImGui ui(ImVec2(400.0f, 600.0f));
  const ImFont& font = *ui.fonts().body;
  std::string text;
  for (int i = 0; i < 8; ++i) text += "ola.nordmann";
  text += "@firma.no";
  REQUIRE(width_of(font, text) > 600.0f);
  TextFieldView view = field_view("email", TextKind::email, text);
  view.control.focused = true;
  view.selection = {text.size(), text.size()};
  const ControlBox box = draw_field(ui, view).box;
  CHECK(box.text_origin.x < box.min.x);  // scrolled to the end
  const float y = box.text_origin.y + 0.5f * box.line_height;
  CHECK(verji::ui::caret_at(font, box, text, {box.max.x - 1.0f, y}) == text.size());
  const std::size_t left = verji::ui::caret_at(font, box, text, {box.min.x + box.padding.x, y});
  CHECK(left > 0);
  CHECK(left < text.size());
  // The same field without focus shows its start.
  view.control.focused = false;
  CHECK(draw_field(ui, view).box.text_origin.x == box.min.x + box.padding.x);
}

TEST_CASE("the welcome message's field grows with its lines, from 5 em", "[ui]") {
  HeadlessImGui ui(ImVec2(400.0f, 1200.0f));
  const float em = ui.fonts().em;
  const auto height_for = [&](const std::string& text) {
    const ControlBox box = draw_field(ui, field_view("welcome_message", TextKind::multiline, text)).box;
    return box.max.y - box.min.y;
  };
  CHECK(height_for("") == Approx(5.0f * em));
  CHECK(height_for("Hei!") == Approx(5.0f * em));
  std::string twelve = "1";
  for (int i = 2; i <= 12; ++i) twelve += "\n" + std::to_string(i);
  const ControlBox box = draw_field(ui, field_view("welcome_message", TextKind::multiline, twelve)).box;
  CHECK(box.max.y - box.min.y == Approx(12.0f * box.line_height + 2.0f * box.padding.y));
  CHECK(height_for(twelve + "\n13") == Approx(13.0f * box.line_height + 2.0f * box.padding.y));
  // A long line wraps: more lines, a taller field, never a wider one.
  const std::string words(60, 'a');
  std::string paragraph;
  for (int i = 0; i < 40; ++i) paragraph += (i ? " " : "") + words.substr(0, 9);
  const ControlBox wrapped =
      draw_field(ui, field_view("welcome_message", TextKind::multiline, paragraph)).box;
  const auto lines = verji::ui::wrap_lines(*ui.fonts().body, paragraph, wrapped.wrap_width);
  REQUIRE(lines.size() > 5);
  CHECK(wrapped.max.y - wrapped.min.y ==
        Approx(static_cast<float>(lines.size()) * wrapped.line_height + 2.0f * wrapped.padding.y));
  CHECK(wrapped.max.x - wrapped.min.x == Approx(300.0f));
}

TEST_CASE("a focused field draws its selection over the selected text, and the caret only when visible",
          "[ui]") {
  HeadlessImGui ui(ImVec2(400.0f, 600.0f));
  const ImFont& font = *ui.fonts().body;
  const std::string text = "Ola Nordmann";
  TextFieldView view = field_view("full_name", TextKind::name, text);
  const ImU32 selected = ImGui::GetColorU32(ImGuiCol_TextSelectedBg);

  view.selection = {4, 12};  // "Nordmann", but the field has no focus: no selection drawn
  const Drawn unfocused = draw_field(ui, view);
  CHECK(extent_in(unfocused.vertices, selected).first.x == FLT_MAX);

  view.control.focused = true;
  const Drawn drawn = draw_field(ui, view);
  const auto [min, max] = extent_in(drawn.vertices, selected);
  REQUIRE(min.x < max.x);
  CHECK(min.x == Approx(drawn.box.text_origin.x + width_of(font, "Ola ")));
  CHECK(max.x == Approx(drawn.box.text_origin.x + width_of(font, text)));
  CHECK(min.y == Approx(drawn.box.text_origin.y));
  CHECK(max.y == Approx(drawn.box.text_origin.y + drawn.box.line_height));
  view.selection = {12, 4};  // the same, selected backwards
  const auto backwards = extent_in(draw_field(ui, view).vertices, selected);
  CHECK(backwards.first.x == Approx(min.x));
  CHECK(backwards.second.x == Approx(max.x));

  // A caret instead: one rectangle, drawn only in the blink's visible phase.
  view.selection = {4, 4};
  const std::size_t with_caret = draw_field(ui, view, true).vertices.size();
  const std::size_t without = draw_field(ui, view, false).vertices.size();
  CHECK(with_caret == without + 4);
  // An IME composition is underlined: one rectangle more.
  view.composition = {4, 12};
  CHECK(draw_field(ui, view, false).vertices.size() == without + 4);
  CHECK(extent_in(draw_field(ui, view, false).vertices, selected).first.x == FLT_MAX);
}

TEST_CASE(
    "what is read with a field: its help, its live lines and its findings, and radios with their legend",
    "[ui][form]") {
  Screen ui(ImVec2(400.0f, 2000.0f));
  TestApp app(Config{});
  app.dispatch(verji::app::Focus{"full_name"});
  app.dispatch(verji::app::TextInput{Field::full_name, "Ola Nordmann", {12, 12}, {}});
  app.dispatch(verji::app::Focus{"email"});
  app.dispatch(verji::app::TextInput{Field::email, "ola@", {4, 4}, {}});
  app.dispatch(verji::app::Focus{"phone"});  // the e-mail field is left: its error shows
  frame(ui, app);
  frame(ui, app);

  const ControlBox* name = ui.layout.find("full_name");
  REQUIRE(name != nullptr);
  const auto& view = app.view().form;
  CHECK(name->description == view.full_name.control.help + "\n" + view.full_name.status.at(0).text);
  CHECK(name->description.find("olanordmann") != std::string::npos);  // the username preview
  CHECK(name->required);
  CHECK_FALSE(name->invalid);

  const ControlBox* email = ui.layout.find("email");
  REQUIRE(email != nullptr);
  REQUIRE(view.email.notes.size() == 1);
  CHECK(email->invalid);
  CHECK(email->description == view.email.control.help + "\n" + view.email.notes[0].text);

  const ControlBox* phone = ui.layout.find("phone");
  REQUIRE(phone != nullptr);
  CHECK(phone->focused);
  CHECK(phone->description.rfind(view.phone.control.help, 0) == 0);

  for (const auto* group : {&view.verification, &view.user_type}) {
    for (const auto& option : group->options) {
      INFO(option.id);
      const ControlBox* radio = ui.layout.find(option.id);
      REQUIRE(radio != nullptr);
      CHECK(radio->group == group->id);
      CHECK(radio->group_label == group->legend);
      CHECK_FALSE(radio->group_label.empty());
    }
  }
  // A group's notes are read with each of its choices: the administrator's cost notice.
  CHECK(app.activate("user_type=administrator"));
  frame(ui, app);
  const auto& notes = app.view().form.user_type.notes;
  REQUIRE_FALSE(notes.empty());
  CHECK(ui.layout.find("user_type=standard")->description.find(notes[0].text) != std::string::npos);
  CHECK(ui.layout.find("user_type=administrator")->description.find(notes[0].text) != std::string::npos);
}

TEST_CASE("the titles are headings: the form's and the confirm step's", "[ui]") {
  verji::test::ConnectedWidget widget(ImVec2(400.0f, 2400.0f));
  auto& [ui, app, host] = widget;
  frame(ui, app);
  REQUIRE_FALSE(ui.layout.controls.empty());
  CHECK(ui.layout.controls.front().id == "title");
  CHECK(ui.layout.controls.front().role == verji::app::ControlRole::heading);
  CHECK(ui.layout.controls.front().label == app.view().form.title);
  app.dispatch(verji::app::EditText{Field::email, "kari@firma.no"});
  app.dispatch(verji::app::EditText{Field::full_name, "Kari Nordmann"});
  REQUIRE(app.activate("create"));
  frame(ui, app);
  const ControlBox* title = ui.layout.find("confirm.title");
  REQUIRE(title != nullptr);
  CHECK(title->role == verji::app::ControlRole::heading);
  CHECK(title->label == app.view().confirm.title);
  CHECK(ui.layout.find("title") == nullptr);
  CHECK(ui.layout.find("confirm.send")->focus_request);  // the page moves focus to it
  CHECK(ui.layout.find("confirm.send")->submit);
}
