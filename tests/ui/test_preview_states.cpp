// The designers' preview states (web/preview/states.json): every state, in both languages, played
// on an App in headless ImGui, must show what its expectations say. Also the preview machinery
// itself: fixture errors are named, never thrown; checks can fail.
//
// The file is read by path natively (VERJI_PREVIEW_STATES_FILE) and embedded in the wasm build
// (verji::assets::preview_states), so both trees test the same fixtures.
#include "app_driver.h"
#include "headless.h"
#include "verji/app/preview.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#ifdef VERJI_PREVIEW_STATES_EMBEDDED
namespace verji::assets {
extern const unsigned char preview_states[];
extern const std::size_t preview_states_size;
}  // namespace verji::assets
#endif

using json = nlohmann::json;
using verji::app::App;
using verji::app::PreviewHost;
using verji::app::PreviewState;
using verji::core::Lang;
using verji::test::Screen;
using verji::test::TestApp;

namespace {

std::string states_text() {
#ifdef VERJI_PREVIEW_STATES_EMBEDDED
  return std::string(reinterpret_cast<const char*>(verji::assets::preview_states),
                     verji::assets::preview_states_size);
#else
  std::ifstream in(VERJI_PREVIEW_STATES_FILE);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
#endif
}

struct Played {
  std::vector<std::string> script_errors;
  std::vector<std::string> failures;
};

// Plays `state` as the web page does: script first, then frames.
Played play(const PreviewState& state, Lang lang, verji::app::Theme theme = verji::app::Theme::light) {
  Screen ui(ImVec2(480.0f, 3000.0f));
  TestApp app(verji::app::preview_config(state, lang, theme));
  const verji::core::Millis now = 500;  // as early as a page: the script may start before 0
  app.clock().set(now - verji::app::preview_script_duration(state));
  PreviewHost host(app, app.clock());
  Played out;
  out.script_errors = verji::app::run_script(app, host, state);
  CHECK(host.now() == now);
  for (int i = 0; i < 3; ++i) frame(ui, app);
  out.failures = verji::app::check_expectations(ui.layout, state, lang);
  return out;
}

PreviewState parse_one(const json& object) {
  auto parsed = verji::app::parse_preview_state(object);
  INFO(json(parsed.errors).dump(2));
  REQUIRE(parsed.state);
  return *parsed.state;
}

}  // namespace

TEST_CASE("states.json parses, and names every state once", "[preview]") {
  const auto parsed = verji::app::parse_preview_states(states_text());
  INFO(json(parsed.errors).dump(2));
  CHECK(parsed.errors.empty());
  CHECK(parsed.states.size() >= 30);
}

TEST_CASE("every preview state shows what it promises, in Bokmål and English", "[preview]") {
  const auto parsed = verji::app::parse_preview_states(states_text());
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

TEST_CASE("a fixture error is named, never thrown", "[preview]") {
  const json base = {
      {"name", "x"}, {"title", {{"nb", "X"}, {"en", "X"}}}, {"expect", {{{"control", "email"}}}}};
  struct Case {
    json patch;
    std::string says;
  };
  const std::vector<Case> cases = {
      {{{"script", {{{"jump", 1}}}}}, "no known verb"},
      {{{"script", {{{"edit", "postcode"}, {"text", "0150"}}}}}, "the field must be email"},
      {{{"script", {{{"edit", "email"}}}}}, "\"text\" must be a string"},
      {{{"script", {{{"edit", "email"}, {"text", "a"}, {"colour", "red"}}}}}, "unknown key \"colour\""},
      {{{"script", {{{"choose", "user_type"}, {"value", "owner"}}}}}, "choose:"},
      {{{"script", {{{"intent", "fly"}}}}}, "intent: one of"},
      {{{"script", {{{"wait_ms", -5}}}}}, "wait_ms:"},
      {{{"script", {{{"host", "explode"}}}}}, "host:"},
      {{{"script", {{{"leave", "email"}, {"wait_ms", 5}}}}}, "two verbs"},
      {{{"script", "edit"}}, "\"script\" must be an array"},
      {{{"expect", json::array()}}, "non-empty array of checks"},
      {{{"expect", {{{"control", "email"}, {"status", "email"}}}}}, "exactly one of"},
      {{{"expect", {{{"absent", "email"}, {"checked", true}}}}}, "absent takes no"},
      {{{"expect", {{{"status", "email"}, {"contains", {{"nb", "x"}}}}}}}, "contains:"},
      {{{"connection", "carrier pigeon"}}, "\"connection\" must be"},
      {{{"name", "Has Spaces"}}, "\"name\" must be"},
      {{{"title", "one language"}}, "\"title\" must be"},
      {{{"colour", "red"}}, "unknown key \"colour\""},
  };
  for (const auto& c : cases) {
    json object = base;
    object.merge_patch(c.patch);
    const auto parsed = verji::app::parse_preview_state(object);
    INFO(object.dump());
    INFO(json(parsed.errors).dump(2));
    CHECK_FALSE(parsed.state);
    REQUIRE(parsed.errors.size() == 1);
    CHECK(parsed.errors[0].find(c.says) != std::string::npos);
  }
  const auto file = verji::app::parse_preview_states("[{\"name\": \"x\"");
  CHECK(file.errors == std::vector<std::string>{"states.json must be a JSON array of states"});
  const std::string twice = "[" + base.dump() + "," + base.dump() + "]";
  CHECK(verji::app::parse_preview_states(twice).errors ==
        std::vector<std::string>{"state \"x\": the name is used twice"});
}

TEST_CASE("checks fail when the drawn widget disagrees, and say why", "[preview]") {
  const PreviewState state =
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

TEST_CASE("before any frame there is nothing to check", "[preview]") {
  const PreviewState state = parse_one(
      {{"name", "early"}, {"title", {{"nb", "T"}, {"en", "T"}}}, {"expect", {{{"control", "email"}}}}});
  CHECK(verji::app::check_expectations(verji::app::FrameLayout{}, state, Lang::nb) ==
        std::vector<std::string>{"state \"early\": no frame drawn yet"});
}

TEST_CASE("the preview host answers sends as the script says and plays the bot", "[preview]") {
  const PreviewState state = parse_one({{"name", "host"},
                                        {"title", {{"nb", "T"}, {"en", "T"}}},
                                        {"script",
                                         {{{"edit", "email"}, {"text", "ola@firma.no"}},
                                          {{"edit", "full_name"}, {"text", "Ola Nordmann"}},
                                          {{"host", "rate_limit"}},
                                          {{"intent", "submit"}},
                                          {{"intent", "send_invite"}}}},
                                        {"expect", {{{"control", "email"}}}}});
  TestApp app(verji::app::preview_config(state, Lang::en, verji::app::Theme::dark));
  app.clock().set(5000);
  PreviewHost host(app, app.clock());
  CHECK(verji::app::run_script(app, host, state).empty());
  REQUIRE(app.connection() == verji::app::Connection::ready);
  REQUIRE(app.tracker()->submissions().size() == 1);
  CHECK(app.tracker()->submissions()[0].state == verji::core::SubmissionState::rate_limited);
  CHECK(app.config().theme == verji::app::Theme::dark);

  // After the retry time the same request goes out again and this time lands in the room.
  host.advance(5000);
  app.dispatch(verji::app::Resend{app.tracker()->submissions()[0].request_id});
  host.pump();
  REQUIRE(host.newest_invite() != nullptr);
  CHECK(app.tracker()->submissions()[0].state == verji::core::SubmissionState::sent);
  host.bot_says("UserID 'olanordmann' is already occupied", true);
  const auto& s = app.tracker()->submissions()[0];
  CHECK(s.state == verji::core::SubmissionState::username_taken);
  CHECK(s.username == "olanordmann");
  CHECK(app.client()->counters().dropped_malformed == 0);
  CHECK(app.client()->counters().unknown_actions == 0);
}

TEST_CASE("a script step that cannot apply is reported with its index", "[preview]") {
  const PreviewState state =
      parse_one({{"name", "early-bot"},
                 {"title", {{"nb", "T"}, {"en", "T"}}},
                 {"script", {{{"bot", "Success"}}, {{"pick", 0}}, {{"intent", "resend"}}}},
                 {"expect", {{{"control", "email"}}}}});
  TestApp app(verji::app::preview_config(state, Lang::nb, verji::app::Theme::light));
  app.clock().set(0);
  PreviewHost host(app, app.clock());
  const auto errors = verji::app::run_script(app, host, state);
  INFO(json(errors).dump(2));
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].find("script[0]") != std::string::npos);
  CHECK(errors[0].find("no invitation was posted yet") != std::string::npos);
  CHECK(errors[1].find("no alternative name number 0") != std::string::npos);
  CHECK(errors[2].find("nothing to resend") != std::string::npos);
}
