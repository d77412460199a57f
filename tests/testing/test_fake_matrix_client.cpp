// The fake Matrix client itself (verji/testing/fake_matrix_client.h): its automatic answers, the
// CompanyBot it plays, its clock and what it records, on the core's pair. The manual mode is what
// the core tests use throughout.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "verji/core/invite_tracker.h"
#include "verji/core/widget_api_client.h"
#include "verji/testing/fake_matrix_client.h"

using json = nlohmann::json;
using verji::core::SubmissionState;
using verji::testing::CoreWidget;
using verji::testing::FakeMatrixClient;
using verji::testing::FakeRoom;
using verji::testing::ManualClock;

namespace {

const std::string kSubmittedId = "6f1c0e8a9b2d4c7e8f00112233445566";

json invite(const std::string& email = "Ola.Nordmann@Firma.no") {
  return {{"msgtype", "m.text"},
          {"body", "Invitasjon til Ola Nordmann"},
          {"app.verji.invite",
           {{"request_id", kSubmittedId}, {"email", email}, {"username_hint", "olanordmann"}}}};
}

// The preview's room, answered automatically, connected with every capability.
struct Connected {
  explicit Connected(FakeRoom r = preview_room()) : room(std::move(r)), widget(room) { host.connect(true); }
  static FakeRoom preview_room() { return FakeRoom::prod_admin_room("preview"); }
  SubmissionState state() const { return widget.tracker.find(kSubmittedId)->state; }
  void send() {
    REQUIRE(widget.tracker.submit(kSubmittedId, invite(), clock.now()).ok());
    host.pump();
  }

  FakeRoom room;
  CoreWidget widget;
  ManualClock clock{1000};
  FakeMatrixClient host{clock, verji::testing::port_of(widget.client, clock), room,
                        FakeMatrixClient::Answering::automatic};
};

}  // namespace

TEST_CASE("connect() completes the handshake answering everything the widget asks", "[fake_matrix_client]") {
  Connected c;
  CHECK(c.widget.client.ready());
  CHECK(c.widget.client.can_send());
  CHECK(c.widget.client.content_loaded_answer() == "");
  CHECK(c.widget.client.host_versions() == verji::core::supported_api_versions());
  CHECK(c.host.requests("org.matrix.msc2876.read_events").size() == 2);  // answered with no events
  CHECK(c.widget.client.next_deadline() == std::nullopt);                // nothing left unanswered
  CHECK(c.widget.client.counters().dropped_malformed == 0);
  CHECK(c.widget.client.counters().unknown_actions == 0);

  CoreWidget other(Connected::preview_room());
  ManualClock clock;
  FakeMatrixClient host(clock, verji::testing::port_of(other.client, clock), Connected::preview_room());
  host.connect(false);
  CHECK(other.client.ready());
  CHECK_FALSE(other.client.can_send());
  CHECK(other.client.approved(verji::core::kCapRequiresClient));
}

TEST_CASE("an ok send is answered, then echoed into the room as the admin", "[fake_matrix_client]") {
  Connected c;
  c.send();
  CHECK(c.host.sends() == 1);
  CHECK(c.state() == SubmissionState::sent);
  const auto* s = c.widget.tracker.find(kSubmittedId);
  CHECK(s->echo_seen);
  CHECK(s->event_id == c.host.newest_invite_id());
  REQUIRE(c.host.newest_invite() != nullptr);
  CHECK(*c.host.newest_invite() == invite());
  // The echo is the last thing delivered: an m.room.message from the admin, in the room, at the
  // room's time.
  const json& echo = c.host.delivered().back();
  CHECK(echo["action"] == "send_event");
  CHECK(echo["data"]["sender"] == "@ola:prod.verji.app");
  CHECK(echo["data"]["room_id"] == "!adm:prod.verji.app");
  CHECK(echo["data"]["event_id"] == s->event_id);
  CHECK(echo["data"]["origin_server_ts"] == 1700000000000 + 1000);
}

TEST_CASE("the CompanyBot replies to the newest invite with the status block bot.js writes",
          "[fake_matrix_client]") {
  struct Row {
    const char* text;
    SubmissionState state;
    json block;  // what the block holds besides version, request_id and state
  };
  const Row rows[] = {
      {"Success", SubmissionState::success, {{"user_id", "@olanordmann:prod.verji.app"}}},
      {"A user is already registered with the following email: Ola.Nordmann@Firma.no",
       SubmissionState::email_registered,
       {{"email", "Ola.Nordmann@Firma.no"},
        {"user_id", "@ola.nordmann:prod.verji.app"},
        {"room_id", "!dm-ola.nordmann:prod.verji.app"}}},
      {"UserID 'olanordmann' is already occupied",
       SubmissionState::username_taken,
       {{"username", "olanordmann"}}},
      {"Failed: no licence left", SubmissionState::failed, {{"message", "no licence left"}}},
      {"Processing, please wait...", SubmissionState::processing, json::object()},
  };
  for (const auto& row : rows) {
    INFO(row.text);
    Connected c;
    c.send();
    c.host.bot_says(row.text, true);
    CHECK(c.state() == row.state);
    const json& content = c.host.delivered().back()["data"]["content"];
    CHECK(content["msgtype"] == "m.notice");
    CHECK(content["m.relates_to"]["m.in_reply_to"]["event_id"] == c.host.newest_invite_id());
    json block = row.block;
    block["version"] = 1;
    block["request_id"] = kSubmittedId;
    block["state"] = std::string(verji::core::to_string(verji::core::classify_bot_text(row.text).kind));
    CHECK(content["app.verji.invite.status"] == block);
  }
}

TEST_CASE("the bot's other words carry no block, and without a reply no relation", "[fake_matrix_client]") {
  Connected c;
  c.send();
  c.host.bot_says("Have a nice day", true);
  const json& chatter = c.host.delivered().back()["data"]["content"];
  CHECK(chatter.contains("m.relates_to"));
  CHECK_FALSE(chatter.contains("app.verji.invite.status"));
  CHECK(c.state() == SubmissionState::unknown_text);
  c.host.bot_says("Success", false);
  const json& plain = c.host.delivered().back()["data"];
  CHECK(plain["content"] == json({{"msgtype", "m.notice"}, {"body", "Success"}}));
  CHECK(plain["sender"] == "@companybot:prod.verji.app");
  CHECK(c.state() == SubmissionState::success);  // by order
}

TEST_CASE("deny, rate_limit and timeout answer the next send, then ok again", "[fake_matrix_client]") {
  Connected c;
  c.host.answer_next_send(FakeMatrixClient::SendAnswer::deny);
  c.send();
  CHECK(c.state() == SubmissionState::capability_denied);
  CHECK(c.widget.tracker.find(kSubmittedId)->reason == verji::core::kMissingSendCapabilityRefusal);

  c.host.answer_next_send(FakeMatrixClient::SendAnswer::rate_limit);
  REQUIRE(c.widget.tracker.resend(kSubmittedId, c.clock.now()));
  c.host.pump();
  CHECK(c.state() == SubmissionState::rate_limited);
  CHECK(c.widget.tracker.find(kSubmittedId)->retry_at == c.clock.now() + 5000);
  c.host.advance(4999);
  CHECK_FALSE(c.widget.tracker.find(kSubmittedId)->resend_allowed);
  c.host.advance(1);
  CHECK(c.widget.tracker.find(kSubmittedId)->resend_allowed);

  c.host.answer_next_send(FakeMatrixClient::SendAnswer::timeout);
  REQUIRE(c.widget.tracker.resend(kSubmittedId, c.clock.now()));
  c.host.pump();
  CHECK(c.state() == SubmissionState::sending);
  // advance() ticks at the timeout, and the read_events check it causes is answered at once.
  c.host.advance(60000);
  CHECK(c.clock.now() == 1000 + 5000 + 60000);
  CHECK(c.state() == SubmissionState::unknown_after_timeout);
  CHECK(c.widget.tracker.find(kSubmittedId)->resend_allowed);

  REQUIRE(c.widget.tracker.resend(kSubmittedId, c.clock.now()));
  c.host.pump();
  CHECK(c.state() == SubmissionState::sent);
  CHECK(c.host.sends() == 4);
  CHECK(c.host.requests("send_event").size() == 4);
}

TEST_CASE("manual answering: advance() only ticks, and leaves the widget's requests to the test",
          "[fake_matrix_client]") {
  CoreWidget widget;
  ManualClock clock(100);
  FakeMatrixClient host(clock, verji::testing::port_of(widget.client, clock));
  host.handshake(verji::core::requested_capabilities());
  REQUIRE(widget.tracker.submit(kSubmittedId, invite(), clock.now()).ok());
  CHECK(host.outbound().size() == 1);  // the send_event, unanswered
  host.advance(10000);
  CHECK(clock.now() == 10100);
  CHECK(widget.tracker.find(kSubmittedId)->state == SubmissionState::unknown_after_timeout);
  const auto reads = FakeMatrixClient::requests(host.outbound(), "org.matrix.msc2876.read_events");
  REQUIRE(reads.size() == 1);  // the check, left for the test to answer
  CHECK(widget.tracker.find(kSubmittedId)->checking);
  CHECK(host.sends() == 1);
}

TEST_CASE("everything delivered and posted is recorded, in order", "[fake_matrix_client]") {
  CoreWidget widget;
  ManualClock clock;
  FakeMatrixClient host(clock, verji::testing::port_of(widget.client, clock));
  const json first = host.request("theme_change", {{"name", "dark"}});
  host.deliver_text("{not json");
  host.deliver_text("[1,2]");
  CHECK(first["requestId"] == "host-1");
  CHECK(first["widgetId"] == "w1");
  REQUIRE(host.delivered().size() == 3);
  CHECK(host.delivered()[0] == first);
  CHECK(host.delivered()[1] == "{not json");  // no JSON: kept as the text
  CHECK(host.delivered()[2] == json::array({1, 2}));
  CHECK(host.posted().empty());
  const auto out = host.outbound();
  REQUIRE(out.size() == 1);
  CHECK(out[0]["response"] == json::object());
  CHECK(host.posted() == out);
  CHECK(host.outbound().empty());
  CHECK(host.posted().size() == 1);
  CHECK(widget.client.counters().dropped_malformed == 2);

  const std::string id = host.post("@kari:verji.app", {{"msgtype", "m.text"}, {"body", "hei"}});
  CHECK(id == "$event-1");
  CHECK(host.newest_invite() == nullptr);  // Kari's message is no invite of the admin's
  CHECK(host.post(host.room().admin, invite(), "$mine") == "$mine");
  CHECK(host.newest_invite_id() == "$mine");
}

TEST_CASE("the room's ids make the core's configuration", "[fake_matrix_client]") {
  const FakeRoom room;
  CHECK(room.widget_api_config().widget_id == "w1");
  const auto tracker = room.tracker_config();
  CHECK(tracker.user_id == "@admin:verji.app");
  CHECK(tracker.room_id == "!admin-room:verji.app");
  CHECK(tracker.bot_user_id == "@companybot:verji.app");
  CHECK(tracker.silence_timeout == verji::core::InviteTrackerConfig{}.silence_timeout);

  ManualClock clock;
  const FakeMatrixClient fake(clock, verji::testing::WidgetPort{}, room);  // only for its builders
  CHECK(fake.bot_reply("$b", "Success", "$i", 5) ==
        json({{"type", "m.room.message"},
              {"sender", "@companybot:verji.app"},
              {"event_id", "$b"},
              {"room_id", "!admin-room:verji.app"},
              {"content",
               {{"msgtype", "m.notice"},
                {"body", "Success"},
                {"m.relates_to", {{"m.in_reply_to", {{"event_id", "$i"}}}}}}},
              {"origin_server_ts", 5}}));
}
