// The widget's own controls (src/ui/widgets.cpp): wrapped text, text fields' limits, and each control
// drawn from its ControlView, recorded in the layout and acting through its intent.
#include "widget_scene.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using json = nlohmann::json;
using verji::app::Config;
using verji::app::ControlBox;
using verji::app::ControlRole;
using verji::core::Field;
using verji::test::box_of;
using verji::test::centre;
using verji::test::click_at;
using verji::test::frame;
using verji::test::HeadlessImGui;
using verji::test::Screen;
using verji::test::TestApp;

namespace {

float width_of(const ImFont& font, const std::string& text) {
  return font.CalcTextSizeA(font.FontSize, 1e30f, 0.0f, text.c_str()).x;
}

// The lines of ui::wrap_lines() as strings.
std::vector<std::string> wrap_at_spaces(const ImFont& font, float, std::string_view text, float width) {
  std::vector<std::string> lines;
  for (const auto& line : verji::ui::wrap_lines(font, text, width)) {
    lines.emplace_back(text.substr(line.begin, line.end - line.begin));
  }
  return lines;
}

}  // namespace

TEST_CASE("feed lines break at spaces, never inside a Matrix id that fits on a line", "[feed]") {
  HeadlessImGui ui;
  const ImFont& font = *ui.fonts().body;
  const float size = font.FontSize;
  for (const std::string id :
       {"@john.doe:prod.verji.app", "!dm-john.doe:prod.verji.app", "#admin:firma.no"}) {
    INFO(id);
    const std::string text = "Et privat rom med brukeren er opprettet: " + id;
    // Just wider than the id: the id must start a line of its own and stay whole.
    const float width = width_of(font, id) + 2.0f;
    REQUIRE(width < width_of(font, text));
    const auto lines = wrap_at_spaces(font, size, text, width);
    REQUIRE(lines.size() >= 2);
    CHECK(lines.back() == id);
    std::string joined;
    for (const auto& line : lines) {
      CHECK(width_of(font, line) <= width);
      joined += (joined.empty() ? "" : " ") + line;
    }
    CHECK(joined == text);  // nothing lost but the spaces broken at
  }
}

TEST_CASE("feed lines keep hard breaks and cut only a word too long for any line", "[feed]") {
  HeadlessImGui ui;
  const ImFont& font = *ui.fonts().body;
  const float size = font.FontSize;
  CHECK(wrap_at_spaces(font, size, "first line\nsecond", 1000.0f) ==
        std::vector<std::string>{"first line", "second"});
  CHECK(wrap_at_spaces(font, size, "", 1000.0f) == std::vector<std::string>{""});
  const std::string word = "@a.very.long.identifier.that.never.fits:server.example";
  const float width = width_of(font, "@a.very.long");
  const auto lines = wrap_at_spaces(font, size, "Opprettet: " + word, width);
  std::string rest;
  for (const auto& line : lines) {
    CHECK(width_of(font, line) <= width);
    CHECK_FALSE(line.empty());
    if (line != "Opprettet:") rest += line;
  }
  CHECK(rest == word);
  // UTF-8 characters are never split.
  for (const auto& line : wrap_at_spaces(font, size, "ææææææææææææææææææææ", width_of(font, "æææ"))) {
    CHECK(line.size() % 2 == 0);
  }
}

TEST_CASE("wrapped text breaks at spaces and splits a word only when it cannot fit", "[form][wrap]") {
  Screen ui;
  const ImFont& font = *ui.fonts().body;
  const auto lines_of = [&](std::string_view text, float width) {
    std::vector<std::string> out;
    for (const auto& line : verji::ui::wrap_lines(font, text, width)) {
      const std::string piece(text.substr(line.begin, line.end - line.begin));
      CHECK(font.CalcTextSizeA(font.FontSize, FLT_MAX, 0.0f, piece.c_str()).x <= width);
      out.push_back(piece);
    }
    return out;
  };
  const std::string id = "@kari.nordmann:prod.verji.app";
  const float id_width = font.CalcTextSizeA(font.FontSize, FLT_MAX, 0.0f, id.c_str()).x;
  // The identifier fits on a line: it moves there whole, not cut at its dots.
  const auto fits = lines_of("Brukernavnet blir trolig " + id, id_width + 2.0f);
  REQUIRE(fits.size() >= 2);
  CHECK(fits.back() == id);
  // Too long for any line: split as late as possible, nothing lost.
  const auto split = lines_of(id, id_width * 0.6f);
  REQUIRE(split.size() == 2);
  CHECK(split[0] + split[1] == id);
  CHECK(split[0].size() > id.size() / 2);
  // Line breaks are kept, empty lines too; a UTF-8 character is never cut.
  CHECK(lines_of("a\n\nb", 500.0f) == std::vector<std::string>{"a", "", "b"});
  const auto letters = lines_of("æøåæøåæøå", font.FontSize * 1.2f);
  std::string joined;
  for (const auto& l : letters) joined += l;
  CHECK(joined == "æøåæøåæøå");
  CHECK(letters.size() >= 3);
}

TEST_CASE("text fields cut input at their limit on a UTF-8 boundary", "[app][ui]") {
  Screen ui;
  TestApp app(Config{});
  frame(ui, app);
  click_at(ui, app, centre(*box_of(ui, Field::full_name)));
  // The full name holds at most 200 bytes: "a" + 150 x "ø" (301 bytes) ends in the middle of the
  // 100th "ø", which must go whole.
  std::string typed = "a";
  for (int i = 0; i < 150; ++i) typed += "ø";
  type(ui, app, typed);
  frame(ui, app);
  CHECK(app.form().full_name.size() == 199);
  CHECK(app.form().full_name == typed.substr(0, 199));
}

namespace {

// One frame of `draw` in a fresh layout; returns the intents it appended.
template <typename Draw>
std::vector<verji::app::Intent> draw_once(HeadlessImGui& ui, verji::app::FrameLayout& layout, Draw&& draw) {
  layout.clear();
  std::vector<verji::app::Intent> intents;
  ui.frame([&] {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("widgets test", nullptr, ImGuiWindowFlags_NoDecoration);
    ImGui::PushItemWidth(300.0f);
    const verji::ui::DrawContext ctx{verji::app::Theme::light, ui.fonts(), &layout};
    draw(ctx, intents);
    ImGui::PopItemWidth();
    ImGui::End();
  });
  return intents;
}

verji::app::ControlView control(std::string id, ControlRole role, std::string label,
                                verji::app::Intent action) {
  verji::app::ControlView c;
  c.id = std::move(id);
  c.role = role;
  c.label = std::move(label);
  c.action = std::move(action);
  return c;
}

}  // namespace

TEST_CASE("each control is recorded from its ControlView: id, role, label and state", "[widgets]") {
  HeadlessImGui ui(ImVec2(400.0f, 600.0f));
  verji::app::FrameLayout layout;
  auto radio = control("verification=sms", ControlRole::radio, "SMS", verji::app::ChooseVerification{});
  radio.checked = true;
  auto box = control("confirm_sensitive", ControlRole::checkbox, "Jeg har sett advarslene",
                     verji::app::ConfirmSensitive{true});
  auto off = control("create", ControlRole::button, "Opprett", verji::app::Submit{});
  off.disabled = true;
  auto link = control("email.suggestion", ControlRole::button, "Bruk den",
                      verji::app::EditText{Field::email, "a@b.no"});
  draw_once(ui, layout, [&](const verji::ui::DrawContext& ctx, std::vector<verji::app::Intent>& intents) {
    verji::ui::act(verji::ui::radio_button(ctx, radio), radio, intents);
    verji::ui::act(verji::ui::checkbox(ctx, box), box, intents);
    verji::ui::act(verji::ui::primary_button(ctx, off), off, intents);
    verji::ui::act(verji::ui::link_button(ctx, link), link, intents);
    verji::ui::status_text(ctx, {"empty", "", verji::app::Tone::error});
    verji::ui::status_text(ctx, {"hint", "Fyll inn", verji::app::Tone::error});
    verji::ui::summary_rows(ctx, "summary", {{"E-post", "ola@firma.no"}, {"Navn", "Ola"}});
  });
  REQUIRE(layout.find("verification=sms") != nullptr);
  CHECK(layout.find("verification=sms")->role == ControlRole::radio);
  CHECK(layout.find("verification=sms")->checked);
  CHECK(layout.find("verification=sms")->label == "SMS");
  CHECK(layout.find("confirm_sensitive")->role == ControlRole::checkbox);
  CHECK_FALSE(layout.find("confirm_sensitive")->checked);
  CHECK(layout.find("create")->disabled);
  CHECK(layout.find("email.suggestion")->label == "Bruk den");
  CHECK(layout.find("empty") == nullptr);  // a line with no text draws nothing
  CHECK(layout.find("hint")->role == ControlRole::status);
  CHECK(layout.find("summary")->label == "E-post: ola@firma.no\nNavn: Ola");
  for (const auto& c : layout.controls) CHECK(c.max.y > c.min.y);
}

TEST_CASE("a click acts through the control's intent, and a disabled button only records itself",
          "[widgets]") {
  HeadlessImGui ui(ImVec2(400.0f, 600.0f));
  verji::app::FrameLayout layout;
  auto on = control("resend=a", ControlRole::button, "Send på nytt", verji::app::Resend{"a"});
  auto off = control("create", ControlRole::button, "Opprett", verji::app::Submit{});
  off.disabled = true;
  const auto draw = [&](const verji::ui::DrawContext& ctx, std::vector<verji::app::Intent>& intents) {
    verji::ui::act(verji::ui::secondary_button(ctx, on), on, intents);
    verji::ui::act(verji::ui::primary_button(ctx, off), off, intents);
  };
  draw_once(ui, layout, draw);
  const auto click_on = [&](const std::string& id) {
    const ControlBox* box = layout.find(id);
    REQUIRE(box != nullptr);
    ui.mouse_move(centre(*box));
    draw_once(ui, layout, draw);
    ui.mouse_down(true);
    draw_once(ui, layout, draw);
    ui.mouse_down(false);
    return draw_once(ui, layout, draw);  // ImGui acts on the release
  };
  const auto resend = click_on("resend=a");
  REQUIRE(resend.size() == 1);
  CHECK(std::get<verji::app::Resend>(resend[0]).request_id == "a");
  for (int i = 0; i < 30; ++i) draw_once(ui, layout, draw);  // no double click
  CHECK(click_on("create").empty());
}

TEST_CASE("a button that asks for focus says so to the page, and draws its focus ring while focused",
          "[widgets]") {
  HeadlessImGui ui(ImVec2(400.0f, 600.0f));
  verji::app::FrameLayout layout;
  auto send = control("confirm.send", ControlRole::button, "Send invitasjon", verji::app::SendInvite{});
  int vertices = 0;
  const auto draw = [&](const verji::ui::DrawContext& ctx, std::vector<verji::app::Intent>& intents) {
    verji::ui::act(verji::ui::primary_button(ctx, send), send, intents);
    vertices = ImGui::GetWindowDrawList()->VtxBuffer.Size;
  };
  draw_once(ui, layout, draw);
  const int plain = vertices;
  CHECK_FALSE(layout.find("confirm.send")->focus_request);
  CHECK_FALSE(layout.find("confirm.send")->focused);
  CHECK(layout.find("confirm.send")->submit);  // the form's main action: Enter in a field
  send.focus = true;                           // the app moves focus here (one frame), and has it at once
  send.focused = true;
  draw_once(ui, layout, draw);
  CHECK(layout.find("confirm.send")->focus_request);
  CHECK(layout.find("confirm.send")->focused);
  CHECK(vertices > plain);  // the ring
  send.focus = false;
  draw_once(ui, layout, draw);
  CHECK_FALSE(layout.find("confirm.send")->focus_request);
  CHECK(layout.find("confirm.send")->focused);
}
