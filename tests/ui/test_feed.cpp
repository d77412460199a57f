// The status feed's view (src/ui/feed_view.cpp) on its own: its lines (ui::wrap_lines) keep Matrix ids
// whole, and the cards drawn from a hand-made view model (ids, order, the busy indicator).
#include "headless.h"
#include "verji/app/state.h"
#include "verji/app/view_model.h"
#include "verji/ui/widget_view.h"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

using verji::test::HeadlessImGui;

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

// The whole widget as an empty app state derives it, in a window of `size`, with cards put into its
// feed by hand: draw() runs one frame with a fresh layout and returns the intents.
struct FeedScene {
  explicit FeedScene(ImVec2 size)
      : ui(size), ctx{verji::app::Theme::light, ui.fonts(), &layout}, vm(verji::app::derive_view({})) {}
  std::vector<verji::app::Intent> draw() {
    return ui.frame([&] { return verji::ui::draw_widget(ctx, vm); });
  }
  HeadlessImGui ui;
  verji::app::FrameLayout layout;
  verji::ui::DrawContext ctx;
  verji::app::ViewModel vm;
};

using verji::app::Tone;

// A card as the app words one: its state line, in `tone`.
verji::app::FeedCard card(std::string request_id, std::string title, std::string state, Tone tone) {
  verji::app::FeedCard c;
  c.request_id = request_id;
  c.title = std::move(title);
  c.state = {"submission=" + request_id, std::move(state), tone};
  c.detail = {"submission=" + request_id + ".detail", {}, Tone::secondary};
  return c;
}

// A button of a card: `id` with `label`, doing `action`.
verji::app::ControlView card_button(std::string id, std::string label, verji::app::Intent action) {
  verji::app::ControlView c;
  c.id = std::move(id);
  c.label = std::move(label);
  c.action = std::move(action);
  return c;
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

TEST_CASE("feed cards are drawn newest first with their ids; the copy button is always there", "[feed]") {
  FeedScene scene(ImVec2(360.0f, 2400.0f));
  auto& vm = scene.vm;
  const auto& layout = scene.layout;
  scene.draw();
  CHECK(layout.find("copy_notice") != nullptr);
  CHECK(layout.find("submission=") == nullptr);

  auto newest = card("b", "Per Hansen (per@firma.no)", "Behandler …", Tone::neutral);
  newest.busy = true;
  auto older = card("a", "Ola Nordmann (ola@firma.no)", "Brukernavnet olanordmann er opptatt", Tone::warning);
  older.detail.text = "Endre navnet, for eksempel ved å legge til eller fjerne et mellomnavn.";
  older.alternatives_heading = "Prøv et annet navn:";
  older.alternatives = {
      card_button("pick=a/0", "O. Nordmann → onordmann", verji::app::PickName{"O. Nordmann"})};
  older.actions = {card_button("resend=a", "Send på nytt", verji::app::Resend{"a"})};
  vm.feed.cards = {newest, older};
  const auto intents = scene.draw();
  CHECK(intents.empty());
  const auto* b = layout.find("submission=b");
  const auto* a = layout.find("submission=a");
  REQUIRE(b != nullptr);
  REQUIRE(a != nullptr);
  CHECK(b->max.y < a->min.y);  // newest first
  CHECK(b->label == "Behandler …");
  REQUIRE(layout.find("submission=a.detail") != nullptr);
  CHECK(layout.find("submission=a.detail")->min.y >= a->max.y);
  CHECK(layout.find("submission=b.detail") == nullptr);
  REQUIRE(layout.find("pick=a/0") != nullptr);
  CHECK(layout.find("pick=a/0")->label == "O. Nordmann → onordmann");
  CHECK(layout.find("resend=a") != nullptr);
  CHECK(layout.find("resend=b") == nullptr);
  CHECK(layout.find("copy_notice")->min.y > layout.find("resend=a")->max.y);
  // The busy indicator sits before the state text, inside the state line's box.
  CHECK(b->max.x - b->min.x > ImGui::CalcTextSize("Behandler …").x);
  // Everything stays inside the 360 px viewport.
  for (const auto& c : layout.controls) CHECK(c.max.x <= 360.0f);
}

TEST_CASE("feed buttons wrap a label too long for a 280 px card and stay inside it", "[feed]") {
  FeedScene scene(ImVec2(280.0f, 2400.0f));
  const auto& layout = scene.layout;
  auto entry = card("a", "Kristoffer Alexander Bjørnstad-Hagen (k@firma.no)", "Brukernavnet er opptatt",
                    Tone::warning);
  entry.alternatives = {card_button("pick=a/0", "Kristoffer Bjørnstad-Hagen → kristofferbjørnstadhagen",
                                    verji::app::PickName{"K. A. Bjørnstad-Hagen"}),
                        card_button("pick=a/1", "K. Hagen → khagen", verji::app::PickName{"K. Hagen"})};
  scene.vm.feed.cards = {entry};
  scene.draw();
  const auto* long_one = layout.find("pick=a/0");
  const auto* short_one = layout.find("pick=a/1");
  REQUIRE(long_one != nullptr);
  REQUIRE(short_one != nullptr);
  CHECK(long_one->label == "Kristoffer Bjørnstad-Hagen → kristofferbjørnstadhagen");  // the whole label
  const float line = ImGui::GetFontSize();
  CHECK(long_one->max.y - long_one->min.y > 2.0f * line);  // on more than one line
  const auto* column = layout.find("email");               // the form's column, as wide as a card
  REQUIRE(column != nullptr);
  CHECK(long_one->max.x <= column->max.x);  // inside the card
  CHECK(long_one->max.x - long_one->min.x < ImGui::CalcTextSize(long_one->label.c_str()).x);
  CHECK(short_one->min.y >= long_one->max.y);                // the next one below it
  CHECK(short_one->max.y - short_one->min.y < 2.5f * line);  // a short label keeps one line
  for (const auto& c : layout.controls) CHECK(c.max.x <= 280.0f);

  // A click on the two-line button picks its name (ImGui acts on the release).
  scene.ui.mouse_move(
      ImVec2((long_one->min.x + long_one->max.x) / 2, (long_one->min.y + long_one->max.y) / 2));
  scene.draw();
  scene.ui.mouse_down(true);
  scene.draw();
  scene.ui.mouse_down(false);
  const auto intents = scene.draw();
  REQUIRE(intents.size() == 1);
  CHECK(std::get<verji::app::PickName>(intents[0]).full_name == "K. A. Bjørnstad-Hagen");
}
