// The designers' preview states (web/preview/states.json) drawn: every state, in both languages,
// played on an App against the fake Matrix client and drawn by the real UI in headless ImGui, must
// show what its expectations say; and the checks fail when the drawn widget disagrees.
#include "app_driver.h"
#include "preview_fixtures.h"
#include "verji/preview/checks.h"
#include "verji/preview/player.h"
#include "verji/preview/state.h"
#include "verji/testing/fake_matrix_client.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

using json = nlohmann::json;
using verji::core::Lang;
using verji::preview::State;
using verji::test::parse_one;
using verji::test::Screen;
using verji::test::TestApp;

namespace {

struct Played {
  std::vector<std::string> script_errors;
  std::vector<std::string> failures;
};

// Plays `state` as the web page does: script first, then frames.
Played play(const State& state, Lang lang, verji::app::Theme theme = verji::app::Theme::light,
            float width = 480.0f) {
  Screen ui(ImVec2(width, 3000.0f));
  TestApp app(verji::preview::config_for(state, lang, theme));
  const verji::core::Millis now = 500;  // as early as a page: the script may start before 0
  app.clock().set(now - state.duration());
  verji::testing::FakeMatrixClient host(app.clock(), verji::preview::port_of(app), verji::preview::room(),
                                        verji::testing::FakeMatrixClient::Answering::automatic);
  Played out;
  out.script_errors = verji::preview::play(app, host, state);
  CHECK(host.now() == now);
  for (int i = 0; i < 3; ++i) frame(ui, app);
  out.failures = verji::preview::check(ui.layout, state, lang);
  return out;
}

}  // namespace

TEST_CASE("every preview state shows what it promises, in Bokmål and English", "[preview]") {
  const auto parsed = verji::preview::parse_states(verji::test::preview_states_text());
  REQUIRE(parsed.errors.empty());
  for (const auto& state : parsed.states) {
    for (const Lang lang : {Lang::nb, Lang::en}) {
      const Played played = play(state, lang);
      INFO("state " << state.name << " (" << (lang == Lang::en ? "en" : "nb") << ")");
      INFO(json(played.script_errors).dump(2));
      INFO(json(played.failures).dump(2));
      CHECK(played.script_errors.empty());
      CHECK(played.failures.empty());
    }
  }
}

TEST_CASE("every state holds in the dark theme, and some at 320 and 800 px", "[preview]") {
  const auto parsed = verji::preview::parse_states(verji::test::preview_states_text());
  REQUIRE(parsed.errors.empty());
  const auto check = [](const State& state, Lang lang, verji::app::Theme theme, float width) {
    const Played played = play(state, lang, theme, width);
    INFO("state " << state.name << " (" << (lang == Lang::en ? "en" : "nb") << ", "
                  << (theme == verji::app::Theme::dark ? "dark" : "light") << ", " << width << " px)");
    INFO(json(played.script_errors).dump(2));
    INFO(json(played.failures).dump(2));
    CHECK(played.script_errors.empty());
    CHECK(played.failures.empty());
  };
  const std::vector<std::string> narrow_and_wide = {"empty",          "filled",  "welcome-national-id",
                                                    "status-failure", "confirm", "status-username-taken"};
  std::size_t resized = 0;
  for (const auto& state : parsed.states) {
    check(state, Lang::nb, verji::app::Theme::dark, 480.0f);
    if (std::find(narrow_and_wide.begin(), narrow_and_wide.end(), state.name) == narrow_and_wide.end())
      continue;
    ++resized;
    for (const float width : {320.0f, 800.0f}) {
      check(state, Lang::nb, verji::app::Theme::light, width);
      check(state, Lang::en, verji::app::Theme::dark, width);
    }
  }
  CHECK(resized == narrow_and_wide.size());  // none of them renamed away
}

TEST_CASE("checks fail when the drawn widget disagrees, and say why", "[preview]") {
  const State state =
      parse_one({{"name", "wrong"},
                 {"title", {{"nb", "Feil"}, {"en", "Wrong"}}},
                 {"script", {{{"choose", "user_type"}, {"value", "administrator"}}}},
                 {"expect",
                  {{{"control", "user_type=administrator"}, {"checked", false}},
                   {{"absent", "user_type.note*"}},
                   {{"status", "user_type.note0"}, {"contains", {{"nb", "gratis"}, {"en", "free"}}}},
                   {{"control", "no_such_control"}},
                   {{"control", "user_type=*"}, {"count", 3}},
                   {{"control", "user_type=*"}, {"count", 2}},
                   {{"status", "create"}}}}});
  const Played played = play(state, Lang::en);
  CHECK(played.script_errors.empty());
  INFO(json(played.failures).dump(2));
  REQUIRE(played.failures.size() == 6);
  CHECK(played.failures[0].find("expect[0]") != std::string::npos);
  CHECK(played.failures[0].find("it is checked") != std::string::npos);
  CHECK(played.failures[1].find("\"user_type.note0\" is drawn") != std::string::npos);
  CHECK(played.failures[2].find("does not contain \"free\"") != std::string::npos);
  CHECK(played.failures[3].find("nothing drawn with that id") != std::string::npos);
  CHECK(played.failures[4].find("2 drawn") != std::string::npos);
  CHECK(played.failures[5].find("expect[6]") != std::string::npos);  // "create" is a button
}
