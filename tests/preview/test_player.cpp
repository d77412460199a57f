// Playing a preview state (src/preview/player.cpp) on an App against the fake Matrix client: sends
// answered as the script says, the bot played, steps that cannot apply reported.
#include "app_fixture.h"
#include "preview_fixtures.h"
#include "verji/preview/player.h"
#include "verji/preview/state.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using json = nlohmann::json;
using verji::core::Lang;
using verji::test::parse_one;
using verji::test::TestApp;
using verji::testing::FakeMatrixClient;

namespace {

FakeMatrixClient client_for(TestApp& app) {
  return FakeMatrixClient(app.clock(), verji::preview::port_of(app), verji::preview::room(),
                          FakeMatrixClient::Answering::automatic);
}

}  // namespace

TEST_CASE("the preview host answers sends as the script says and plays the bot", "[preview]") {
  const auto state = parse_one({{"name", "host"},
                                {"title", {{"nb", "T"}, {"en", "T"}}},
                                {"script",
                                 {{{"edit", "email"}, {"text", "ola@firma.no"}},
                                  {{"edit", "full_name"}, {"text", "Ola Nordmann"}},
                                  {{"host", "rate_limit"}},
                                  {{"intent", "submit"}},
                                  {{"intent", "send_invite"}}}},
                                {"expect", {{{"control", "email"}}}}});
  TestApp app(verji::preview::config_for(state, Lang::en, verji::app::Theme::dark));
  app.clock().set(5000);
  FakeMatrixClient host(app.clock(), verji::preview::port_of(app), verji::preview::room(),
                        FakeMatrixClient::Answering::automatic);
  CHECK(verji::preview::play(app, host, state).empty());
  REQUIRE(app.connection() == verji::app::Connection::ready);
  REQUIRE(app.tracker()->submissions().size() == 1);
  CHECK(app.tracker()->submissions()[0].state == verji::core::SubmissionState::rate_limited);
  CHECK(app.config().theme == verji::app::Theme::dark);
  CHECK(host.sends() == 1);

  // After the retry time the same request goes out again and this time lands in the room.
  host.advance(5000);
  app.dispatch(verji::app::Resend{app.tracker()->submissions()[0].request_id});
  host.pump();
  REQUIRE(host.newest_invite() != nullptr);
  CHECK(host.sends() == 2);
  CHECK(app.tracker()->submissions()[0].state == verji::core::SubmissionState::sent);
  host.bot_says("UserID 'olanordmann' is already occupied", true);
  const auto& s = app.tracker()->submissions()[0];
  CHECK(s.state == verji::core::SubmissionState::username_taken);
  CHECK(s.username == "olanordmann");
  CHECK(app.client()->counters().dropped_malformed == 0);
  CHECK(app.client()->counters().unknown_actions == 0);
}

TEST_CASE("a picked alternative and a wait play as the admin and the clock would", "[preview]") {
  const auto state =
      parse_one({{"name", "pick"},
                 {"title", {{"nb", "T"}, {"en", "T"}}},
                 {"script",
                  {{{"edit", "email"}, {"text", "ola@firma.no"}},
                   {{"edit", "full_name"}, {"text", "Ola Johan Nordmann"}},
                   {{"intent", "submit"}},
                   {{"intent", "send_invite"}},
                   {{"bot", "UserID 'olajohannordmann' is already occupied"}, {"reply_to_request", true}},
                   {{"pick", 0}},
                   {{"wait_ms", 40000}}}},
                 {"expect", {{{"control", "email"}}}}});
  TestApp app(verji::preview::config_for(state, Lang::nb, verji::app::Theme::light));
  FakeMatrixClient host = client_for(app);
  const auto start = app.clock().now();
  CHECK(verji::preview::play(app, host, state).empty());
  CHECK(app.form().full_name != "Ola Johan Nordmann");
  CHECK_FALSE(app.form().full_name.empty());
  CHECK(app.clock().now() == start + state.duration());
  CHECK(app.tracker()->submissions()[0].state == verji::core::SubmissionState::username_taken);  // final
}

TEST_CASE("a script step that cannot apply is reported with its index", "[preview]") {
  const auto state = parse_one({{"name", "early-bot"},
                                {"title", {{"nb", "T"}, {"en", "T"}}},
                                {"script", {{{"bot", "Success"}}, {{"pick", 0}}, {{"intent", "resend"}}}},
                                {"expect", {{{"control", "email"}}}}});
  TestApp app(verji::preview::config_for(state, Lang::nb, verji::app::Theme::light));
  app.clock().set(0);
  FakeMatrixClient host = client_for(app);
  const auto errors = verji::preview::play(app, host, state);
  INFO(json(errors).dump(2));
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].find("script[0]") != std::string::npos);
  CHECK(errors[0].find("no invitation was posted yet") != std::string::npos);
  CHECK(errors[1].find("no alternative name number 0") != std::string::npos);
  CHECK(errors[2].find("nothing to resend") != std::string::npos);
}

TEST_CASE("a standalone state connects nothing", "[preview]") {
  const auto state = parse_one({{"name", "alone"},
                                {"title", {{"nb", "T"}, {"en", "T"}}},
                                {"connection", "standalone"},
                                {"script", {{{"edit", "email"}, {"text", "ola@firma.no"}}}},
                                {"expect", {{{"control", "email"}}}}});
  TestApp app(verji::preview::config_for(state, Lang::nb, verji::app::Theme::light));
  FakeMatrixClient host = client_for(app);
  CHECK(verji::preview::play(app, host, state).empty());
  CHECK(app.connection() == verji::app::Connection::standalone);
  CHECK(host.posted().empty());
  CHECK(app.form().email == "ola@firma.no");
}
