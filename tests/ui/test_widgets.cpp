// The widget's own controls (src/ui/widgets.cpp): wrapped text, text fields' limits, and each control
// drawn from its ControlView, recorded in the layout and acting through its intent.
#include "view_queries.h"
#include "widget_scene.h"

#include "verji/core/phone.h"
#include "verji/core/username.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using json = nlohmann::json;
using verji::app::App;
using verji::app::Config;
using verji::app::Connection;
using verji::app::ControlBox;
using verji::app::ControlRole;
using verji::core::Field;
using verji::test::accept;
using verji::test::all_notes;
using verji::test::bot_reply;
using verji::test::centre;
using verji::test::chosen_verification;
using verji::test::click;
using verji::test::click_at;
using verji::test::ConnectedWidget;
using verji::test::fill;
using verji::test::frame;
using verji::test::HeadlessImGui;
using verji::test::hosted_config;
using verji::test::HostedWidget;
using verji::test::invite_ola;
using verji::test::kAdmin;
using verji::test::kBot;
using verji::test::label_of;
using verji::test::notes_of;
using verji::test::phone_status;
using verji::test::press;
using verji::test::request_id_of;
using verji::test::Screen;
using verji::test::TestApp;
using verji::testing::FakeMatrixClient;

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

const ControlBox* box_of(const Screen& ui, Field field) {
  return ui.layout.find(verji::core::field_name(field));
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
  ui.type(typed);
  frame(ui, app);
  CHECK(app.form().full_name.size() == 199);
  CHECK(app.form().full_name == typed.substr(0, 199));
}
