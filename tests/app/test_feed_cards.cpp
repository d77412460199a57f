// The feed's cards (src/app/feed_cards.cpp) from hand-made submissions: the words, the tone, the
// indicator and the actions of each state. Plain data, no ImGui.
#include "verji/app/state.h"
#include "verji/core/username.h"
#include "view_queries.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <variant>
#include <vector>

using verji::app::AppState;
using verji::app::Connection;
using verji::app::FeedCard;
using verji::app::Tone;
using verji::core::Submission;
using S = verji::core::SubmissionState;

namespace {

Submission submission(std::string id, S state, std::string full_name = "Ola Nordmann",
                      std::string email = "ola@firma.no") {
  Submission s;
  s.request_id = std::move(id);
  s.state = state;
  s.content = {
      {"msgtype", "m.text"},
      {"body", "Invitasjon"},
      {"app.verji.invite", {{"request_id", s.request_id}, {"full_name", full_name}, {"email", email}}}};
  return s;
}

AppState hosted(std::vector<Submission> submissions, bool can_send = true) {
  AppState state;
  state.host.connection = Connection::ready;
  state.host.can_send = can_send;
  state.host.submissions = std::move(submissions);
  return state;
}

std::vector<std::string> action_ids(const FeedCard& card) {
  std::vector<std::string> out;
  for (const auto& a : card.actions) out.push_back(a.id);
  return out;
}

}  // namespace

TEST_CASE("cards come newest first, titled by the invitation, with their ids", "[feed_cards]") {
  const auto cards = verji::app::derive_feed_cards(
      hosted({submission("a", S::success), submission("b", S::processing, "Per Hansen", "per@firma.no")}));
  REQUIRE(cards.size() == 2);
  CHECK(cards[0].request_id == "b");
  CHECK(cards[0].title == "Per Hansen (per@firma.no)");
  CHECK(cards[0].state.id == "submission=b");
  CHECK(cards[0].state.text == "Behandler …");
  CHECK(cards[0].busy);
  CHECK(cards[0].state.tone == Tone::neutral);
  CHECK(cards[0].detail.id == "submission=b.detail");
  CHECK(cards[1].request_id == "a");
  CHECK(cards[1].state.tone == Tone::success);
  CHECK_FALSE(cards[1].busy);
  CHECK(verji::app::derive_feed_cards(AppState{}).empty());
}

TEST_CASE("each state's words, tone and actions", "[feed_cards]") {
  SECTION("sending and sent: busy") {
    for (const auto state : {S::sending, S::sent, S::processing}) {
      CHECK(verji::app::derive_feed_cards(hosted({submission("a", state)}))[0].busy);
    }
  }
  SECTION("no answer yet: a hint, a warning, no indicator") {
    const auto card = verji::app::derive_feed_cards(hosted({submission("a", S::no_answer_yet)}))[0];
    CHECK(card.state.tone == Tone::warning);
    CHECK_FALSE(card.busy);
    CHECK(card.detail.text.find("CompanyBot svarer") != std::string::npos);
  }
  SECTION("failed: the bot's own words, quoted") {
    auto s = submission("a", S::failed);
    s.text = "Failed: the licence allows no more users";
    const auto card = verji::app::derive_feed_cards(hosted({s}))[0];
    CHECK(card.state.text == "Feilet – CompanyBot svarte:");
    CHECK(card.detail.text == "«Failed: the licence allows no more users»");
    CHECK(card.detail_is_quote);
    CHECK(card.state.tone == Tone::error);
  }
  SECTION("e-mail registered: the room and the user the bot named") {
    auto s = submission("a", S::email_registered);
    s.email = "ola@firma.no";
    s.room = "!dm:prod.verji.app";
    s.user_id = "@ola:prod.verji.app";
    const auto card = verji::app::derive_feed_cards(hosted({s}))[0];
    CHECK(card.state.tone == Tone::warning);
    CHECK(card.detail.text.find("!dm:prod.verji.app") != std::string::npos);
    CHECK(card.detail.text.find("@ola:prod.verji.app") != std::string::npos);
  }
  SECTION("username taken: the core's alternatives, each a PickName") {
    auto s = submission("a", S::username_taken, "Ola Johan Nordmann");
    s.username = "olajohannordmann";
    const auto card = verji::app::derive_feed_cards(hosted({s}))[0];
    const auto expected = verji::core::username_alternatives("Ola Johan Nordmann", "olajohannordmann",
                                                             verji::core::UsernameStyle::joined);
    REQUIRE(card.alternatives.size() == expected.size());
    REQUIRE_FALSE(expected.empty());
    CHECK(card.alternatives_heading.empty() == false);
    for (std::size_t n = 0; n < expected.size(); ++n) {
      CHECK(card.alternatives[n].id == "pick=a/" + std::to_string(n));
      CHECK(card.alternatives[n].label == expected[n].full_name + " → " + expected[n].username);
      CHECK(std::get<verji::app::PickName>(*card.alternatives[n].action).full_name == expected[n].full_name);
    }
  }
  SECTION("resend when the tracker allows it; ask again while the capability is missing") {
    auto limited = submission("a", S::rate_limited);
    limited.resend_allowed = true;
    auto card = verji::app::derive_feed_cards(hosted({limited}))[0];
    CHECK(action_ids(card) == std::vector<std::string>{"resend=a"});
    CHECK(std::get<verji::app::Resend>(*card.actions[0].action).request_id == "a");
    limited.resend_allowed = false;
    CHECK(verji::app::derive_feed_cards(hosted({limited}))[0].actions.empty());

    const auto denied = submission("b", S::capability_denied);
    card = verji::app::derive_feed_cards(hosted({denied}, false))[0];
    CHECK(action_ids(card) == std::vector<std::string>{"ask_again=b"});
    CHECK(std::holds_alternative<verji::app::RequestPermission>(*card.actions[0].action));
    CHECK_FALSE(card.detail.text.empty());
    CHECK(verji::app::derive_feed_cards(hosted({denied}, true))[0].actions.empty());  // allowed again
  }
}

TEST_CASE("invite another: on the newest card once it is done, while the form holds what was sent",
          "[feed_cards]") {
  AppState state = hosted({submission("a", S::success)});
  state.form.form.email = "ola@firma.no";
  state.form.form.full_name = "Ola Nordmann";
  state.form.submitted_form = state.form.form;
  state.form.submitted_request = "a";
  CHECK(action_ids(verji::app::derive_feed_cards(state)[0]) == std::vector<std::string>{"invite_another"});
  CHECK(std::holds_alternative<verji::app::InviteAnother>(
      *verji::app::derive_feed_cards(state)[0].actions[0].action));

  state.host.submissions[0].state = S::email_registered;
  CHECK(action_ids(verji::app::derive_feed_cards(state)[0]) == std::vector<std::string>{"invite_another"});
  state.host.submissions[0].state = S::failed;  // a failed one keeps the form: nothing to clear
  CHECK(verji::app::derive_feed_cards(state)[0].actions.empty());
  state.host.submissions[0].state = S::success;
  state.form.form.full_name = "Kari Nordmann";  // changed since it was sent
  CHECK(verji::app::derive_feed_cards(state)[0].actions.empty());
  state.form.form = {};  // already empty
  state.form.submitted_form = state.form.form;
  CHECK(verji::app::derive_feed_cards(state)[0].actions.empty());
}
