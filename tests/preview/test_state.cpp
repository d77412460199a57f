// The preview's fixture schema (src/preview/state.cpp): states.json parses into typed steps and
// checks; a fixture error is named, never thrown.
#include "preview_fixtures.h"
#include "verji/preview/state.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <variant>
#include <vector>

using json = nlohmann::json;
using verji::preview::State;
using verji::test::parse_one;

TEST_CASE("states.json parses, and names every state once", "[preview]") {
  const auto parsed = verji::preview::parse_states(verji::test::preview_states_text());
  INFO(json(parsed.errors).dump(2));
  CHECK(parsed.errors.empty());
  CHECK(parsed.states.size() >= 30);
}

TEST_CASE("script steps become typed steps, parsed once", "[preview]") {
  const State state =
      parse_one({{"name", "typed"},
                 {"title", {{"nb", "Typet"}, {"en", "Typed"}}},
                 {"connection", "send_denied"},
                 {"script",
                  {{{"edit", "full_name"}, {"text", "ab"}, {"repeat", 3}},
                   {{"leave", "full_name"}},
                   {{"choose", "user_type"}, {"value", "administrator"}},
                   {{"confirm_sensitive", true}},
                   {{"intent", "send_invite"}},
                   {{"intent", "resend"}},
                   {{"pick", 2}},
                   {{"bot", "Success"}, {"reply_to_request", true}},
                   {{"wait_ms", 1500}},
                   {{"host", "rate_limit"}},
                   {{"wait_ms", 500}}}},
                 {"expect",
                  {{{"status", "submission=*"}, {"contains", {{"nb", "Opprettet"}, {"en", "Created"}}}},
                   {{"control", "create"}, {"disabled", true}, {"count", 1}},
                   {{"absent", "pick=*"}}}}});
  CHECK(state.title.in(verji::core::Lang::en) == "Typed");
  CHECK(state.connection == verji::preview::Connection::send_denied);
  REQUIRE(state.script.size() == 11);
  const auto intent = [&](std::size_t i) {
    return std::get<verji::preview::Dispatch>(state.script[i].step).intent;
  };
  const auto edit = std::get<verji::app::EditText>(intent(0));
  CHECK(edit.field == verji::core::Field::full_name);
  CHECK(edit.text == "ababab");
  CHECK(std::get<verji::app::LeaveField>(intent(1)).field == verji::core::Field::full_name);
  CHECK(std::get<verji::app::ChooseUserType>(intent(2)).value == verji::core::UserType::administrator);
  CHECK(std::get<verji::app::ConfirmSensitive>(intent(3)).value);
  CHECK(std::holds_alternative<verji::app::SendInvite>(intent(4)));
  CHECK(std::holds_alternative<verji::preview::ResendNewest>(state.script[5].step));
  CHECK(std::get<verji::preview::PickAlternative>(state.script[6].step).index == 2);
  const auto& bot = std::get<verji::preview::BotSays>(state.script[7].step);
  CHECK(bot.text == "Success");
  CHECK(bot.reply_to_request);
  CHECK(std::get<verji::preview::AnswerNextSend>(state.script[9].step).answer ==
        verji::testing::FakeMatrixClient::SendAnswer::rate_limit);
  CHECK(state.duration() == 2000);
  CHECK(state.script[0].source == json({{"edit", "full_name"}, {"text", "ab"}, {"repeat", 3}}).dump());

  REQUIRE(state.expect.size() == 3);
  CHECK(state.expect[0].selects == verji::preview::Check::Selects::status);
  CHECK(state.expect[0].id == "submission=*");
  CHECK(state.expect[0].contains->in(verji::core::Lang::nb) == "Opprettet");
  CHECK(state.expect[1].disabled == true);
  CHECK(state.expect[1].count == 1u);
  CHECK_FALSE(state.expect[1].checked.has_value());
  CHECK(state.expect[2].selects == verji::preview::Check::Selects::absent);
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
    const auto parsed = verji::preview::parse_state(object);
    INFO(object.dump());
    INFO(json(parsed.errors).dump(2));
    CHECK_FALSE(parsed.state);
    REQUIRE(parsed.errors.size() == 1);
    CHECK(parsed.errors[0].find(c.says) != std::string::npos);
  }
  // The lists in the messages are the vocabulary's own names, in full.
  json object = base;
  object["script"] = {{{"jump", 1}}};
  CHECK(verji::preview::parse_state(object).errors ==
        std::vector<std::string>{"state \"x\": script[0] {\"jump\":1}: no known verb (edit, leave, choose, "
                                 "intent, confirm_sensitive, bot, wait_ms, host, pick)"});
  object["script"] = {{{"host", "explode"}}};
  CHECK(verji::preview::parse_state(object).errors ==
        std::vector<std::string>{
            "state \"x\": script[0] {\"host\":\"explode\"}: host: ok, deny_send, rate_limit or timeout"});
}

TEST_CASE("states.json as a whole: not an array, or a name used twice", "[preview]") {
  const json base = {
      {"name", "x"}, {"title", {{"nb", "X"}, {"en", "X"}}}, {"expect", {{{"control", "email"}}}}};
  const auto file = verji::preview::parse_states("[{\"name\": \"x\"");
  CHECK(file.errors == std::vector<std::string>{"states.json must be a JSON array of states"});
  const std::string twice = "[" + base.dump() + "," + base.dump() + "]";
  const auto parsed = verji::preview::parse_states(twice);
  CHECK(parsed.errors == std::vector<std::string>{"state \"x\": the name is used twice"});
  CHECK(parsed.states.size() == 1);
}
