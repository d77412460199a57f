// The invite tracker (invite_tracker.h): sending an invitation exactly once and following the
// CompanyBot's answers, through a Widget API client in front of the fake Matrix client.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "verji/core/invite_tracker.h"
#include "verji/core/widget_api_client.h"
#include "verji/testing/fake_matrix_client.h"

using json = nlohmann::json;
using verji::core::describe;
using verji::core::InviteTracker;
using verji::core::InviteTrackerConfig;
using verji::core::Lang;
using verji::core::requested_capabilities;
using verji::core::Submission;
using verji::core::SubmissionChanged;
using verji::core::SubmissionState;
using verji::core::SubmitResult;
using verji::core::to_json;
using verji::core::to_string;
using verji::core::WidgetApiClient;
using verji::testing::FakeMatrixClient;
using verji::testing::FakeRoom;

namespace {

const std::string kTrackedId = "6f1c0e8a9b2d4c7e8f00112233445566";
const std::string kOther = "00112233445566778899aabbccddeeff";
const std::string kAdmin = FakeRoom{}.admin;
const std::string kRoom = FakeRoom{}.room_id;

// The content of an invite as the app would build it.
json invite_content(const std::string& request_id, const std::string& email = "ola@firma.no") {
  return {{"msgtype", "m.text"},
          {"body", "Invitasjon til Ola Nordmann <" + email + ">"},
          {"app.verji.invite",
           {{"version", 1}, {"request_id", request_id}, {"email", email}, {"full_name", "Ola Nordmann"}}}};
}

std::string state_of(const InviteTracker& tracker, const std::string& id) {
  const Submission* s = tracker.find(id);
  return s == nullptr ? "missing" : std::string(to_string(s->state));
}

// The states announced by SubmissionChanged events since the last call.
std::vector<std::string> changes(InviteTracker& tracker) {
  std::vector<std::string> out;
  for (const auto& e : tracker.take_events()) {
    if (const auto* c = std::get_if<SubmissionChanged>(&e)) out.push_back(std::string(to_string(c->state)));
  }
  return out;
}

// The core's pair with the fake Matrix client in front, nothing said yet.
struct Widget {
  explicit Widget(InviteTrackerConfig config = FakeRoom{}.tracker_config())
      : pair(FakeRoom{}.widget_api_config(), std::move(config)) {}
  verji::testing::CoreWidget pair;
  WidgetApiClient& client = pair.client;
  InviteTracker& tracker = pair.tracker;
  verji::testing::ManualClock clock;
  FakeMatrixClient host{clock, verji::testing::port_of(pair.client, clock)};
};

// ... after the handshake, with `approved`; what it announced is taken.
struct TrackerFixture : Widget {
  explicit TrackerFixture(const std::vector<std::string>& approved = requested_capabilities(),
                          InviteTrackerConfig config = FakeRoom{}.tracker_config())
      : Widget(std::move(config)) {
    host.handshake(approved);
    (void)client.take_events();
    (void)tracker.take_events();
  }

  // Submits and returns the client's send_event request.
  json submit(const std::string& id = kTrackedId) {
    REQUIRE(tracker.submit(id, invite_content(id), clock.now()).ok());
    const auto sends = FakeMatrixClient::requests(host.outbound(), "send_event");
    REQUIRE(sends.size() == 1);
    return sends[0];
  }
  void echo(const std::string& event_id, const std::string& id = kTrackedId) {
    host.push_event(host.event(event_id, kAdmin, invite_content(id)));
  }
  // Submitted, and the send timed out at 10 s: the read_events check the tracker asked for.
  json timed_out_check() {
    submit();
    clock.set(10000);
    host.tick();
    const auto reads = FakeMatrixClient::requests(host.outbound(), "org.matrix.msc2876.read_events");
    REQUIRE(reads.size() == 1);
    return reads[0];
  }
  // Submitted, the send answered with `event_id`, and its echo seen: waiting for the bot.
  void posted(const std::string& event_id) {
    host.respond(submit(), {{"event_id", event_id}});
    echo(event_id);
  }
};

}  // namespace

TEST_CASE("one send_event per submission, no second send while one is pending", "[invite_tracker]") {
  TrackerFixture f;
  const json send = f.submit();
  CHECK(send["data"] == json({{"type", "m.room.message"}, {"content", invite_content(kTrackedId)}}));
  CHECK_FALSE(send["data"].contains("room_id"));
  CHECK(state_of(f.tracker, kTrackedId) == "sending");
  CHECK(f.tracker.send_in_flight());

  CHECK(f.tracker.submit(kOther, invite_content(kOther), 1).code == SubmitResult::Code::busy);
  CHECK_FALSE(f.tracker.resend(kTrackedId, 1));
  CHECK(f.host.outbound().empty());

  f.host.respond(send, {{"room_id", kRoom}, {"event_id", "$e1"}});
  CHECK(state_of(f.tracker, kTrackedId) == "sent");
  CHECK(f.tracker.find(kTrackedId)->event_id == "$e1");
  CHECK(f.tracker.find(kTrackedId)->send_attempts == 1);
  CHECK_FALSE(f.tracker.resend(kTrackedId, 2));  // sent: nothing to resend
  CHECK(f.tracker.submit(kTrackedId, invite_content(kTrackedId), 2).code == SubmitResult::Code::duplicate);
  CHECK(f.host.outbound().empty());
}

TEST_CASE("submit refuses content that does not carry its request_id", "[invite_tracker]") {
  TrackerFixture f;
  json wrong_id = invite_content(kOther);
  json no_block = {{"msgtype", "m.text"}, {"body", "hi"}};
  json notice = invite_content(kTrackedId);
  notice["msgtype"] = "m.notice";
  CHECK(f.tracker.submit(kTrackedId, wrong_id, 0).code == SubmitResult::Code::invalid);
  CHECK(f.tracker.submit(kTrackedId, no_block, 0).code == SubmitResult::Code::invalid);
  CHECK(f.tracker.submit(kTrackedId, notice, 0).code == SubmitResult::Code::invalid);
  CHECK(f.tracker.submit("", invite_content(""), 0).code == SubmitResult::Code::invalid);
  CHECK(f.tracker.submissions().empty());
  CHECK(f.host.outbound().empty());
}

TEST_CASE("submit before the handshake is refused", "[invite_tracker]") {
  Widget w;
  CHECK(w.tracker.submit(kTrackedId, invite_content(kTrackedId), 0).code == SubmitResult::Code::not_ready);
  CHECK(w.client.take_outbound().empty());
}

TEST_CASE("our echo may come before the send_event response", "[invite_tracker]") {
  TrackerFixture f;
  const json send = f.submit();
  f.echo("$e1");
  CHECK(state_of(f.tracker, kTrackedId) == "sent");
  CHECK(f.tracker.find(kTrackedId)->echo_seen);
  CHECK(f.tracker.send_in_flight());  // the response is still owed: no other send yet
  CHECK(f.tracker.submit(kOther, invite_content(kOther), 0).code == SubmitResult::Code::busy);

  f.host.respond(send, {{"room_id", kRoom}, {"event_id", "$e1"}});
  CHECK(state_of(f.tracker, kTrackedId) == "sent");
  CHECK_FALSE(f.tracker.send_in_flight());

  f.host.push_event(f.host.bot_notice("$b1", "Processing, please wait..."));
  CHECK(state_of(f.tracker, kTrackedId) == "processing");
  f.host.push_event(f.host.bot_notice("$b2", "Success"));
  CHECK(state_of(f.tracker, kTrackedId) == "success");
  CHECK(changes(f.tracker) == std::vector<std::string>{"sending", "sent", "processing", "success"});
}

TEST_CASE("a send timeout is unknown until the echo settles it", "[invite_tracker]") {
  TrackerFixture f;
  f.submit();
  f.clock.set(9999);
  f.host.tick();
  CHECK(state_of(f.tracker, kTrackedId) == "sending");
  f.clock.set(10000);
  f.host.tick();
  CHECK(state_of(f.tracker, kTrackedId) == "unknown_after_timeout");
  const Submission* s = f.tracker.find(kTrackedId);
  CHECK(s->checking);
  CHECK_FALSE(s->resend_allowed);
  CHECK_FALSE(f.tracker.resend(kTrackedId, f.clock.now()));
  const auto reads = FakeMatrixClient::requests(f.host.outbound(), "org.matrix.msc2876.read_events");
  REQUIRE(reads.size() == 1);
  CHECK(reads[0]["data"] == json({{"type", "m.room.message"}, {"msgtype", "m.text"}, {"limit", 50}}));

  f.echo("$e1");
  CHECK(state_of(f.tracker, kTrackedId) == "sent");
  CHECK(f.tracker.find(kTrackedId)->event_id == "$e1");
  f.host.respond(reads[0],
                 {{"events", json::array({f.host.event("$e1", kAdmin, invite_content(kTrackedId))})}});
  CHECK(state_of(f.tracker, kTrackedId) == "sent");
  CHECK(f.tracker.counters().duplicate_events == 1);
  CHECK(f.client.counters().timeouts == 1);
  CHECK(FakeMatrixClient::requests(f.host.outbound(), "send_event").empty());
}

TEST_CASE("a send timeout is settled by read_events finding our event", "[invite_tracker]") {
  TrackerFixture f;
  const json check = f.timed_out_check();
  const json found =
      json::array({f.host.event("$other", "@kari:verji.app", {{"msgtype", "m.text"}, {"body", "hei"}}),
                   f.host.event("$e9", kAdmin, invite_content(kTrackedId))});
  f.host.respond(check, {{"events", found}});
  CHECK(state_of(f.tracker, kTrackedId) == "sent");
  CHECK(f.tracker.find(kTrackedId)->event_id == "$e9");
  CHECK_FALSE(f.tracker.find(kTrackedId)->resend_allowed);
}

TEST_CASE("not found by read_events: a resend is offered and reuses the request_id", "[invite_tracker]") {
  TrackerFixture f;
  const json check = f.timed_out_check();
  f.host.respond(check, {{"events", json::array()}});
  CHECK(state_of(f.tracker, kTrackedId) == "unknown_after_timeout");
  CHECK(f.tracker.find(kTrackedId)->resend_allowed);
  CHECK_FALSE(f.tracker.find(kTrackedId)->checking);
  CHECK(describe(Lang::en, *f.tracker.find(kTrackedId)).find("Unknown whether the invitation was sent") == 0);

  f.clock.set(12000);
  REQUIRE(f.tracker.resend(kTrackedId, f.clock.now()));
  const auto sends = FakeMatrixClient::requests(f.host.outbound(), "send_event");
  REQUIRE(sends.size() == 1);
  CHECK(sends[0]["data"]["content"] == invite_content(kTrackedId));
  CHECK(sends[0]["data"]["content"]["app.verji.invite"]["request_id"] == kTrackedId);
  CHECK(f.tracker.find(kTrackedId)->send_attempts == 2);
  CHECK(f.tracker.submissions().size() == 1);
  CHECK_FALSE(f.tracker.resend(kTrackedId, f.clock.now()));  // in flight again
}

TEST_CASE("a late send_event response settles an unknown send", "[invite_tracker]") {
  TrackerFixture f;
  const json send = f.submit();
  f.clock.set(10000);
  f.host.tick();
  CHECK(state_of(f.tracker, kTrackedId) == "unknown_after_timeout");
  f.host.respond(send, {{"room_id", kRoom}, {"event_id", "$late"}});
  CHECK(state_of(f.tracker, kTrackedId) == "sent");
  CHECK(f.tracker.find(kTrackedId)->event_id == "$late");
  CHECK(f.client.counters().late_responses == 1);
  CHECK(f.client.counters().dropped_unexpected == 0);
}

TEST_CASE("without the m.text receive capability a timeout offers a resend at once", "[invite_tracker]") {
  TrackerFixture f({std::string(verji::core::kCapSendText), std::string(verji::core::kCapReceiveNotice)});
  f.submit();
  f.clock.set(10000);
  f.host.tick();
  CHECK(state_of(f.tracker, kTrackedId) == "unknown_after_timeout");
  CHECK(f.tracker.find(kTrackedId)->resend_allowed);
  CHECK(FakeMatrixClient::requests(f.host.outbound(), "org.matrix.msc2876.read_events").empty());
}

TEST_CASE("rate limiting: a clear state and a retry after the host's delay", "[invite_tracker]") {
  TrackerFixture f;
  const json send = f.submit();
  f.clock.set(100);
  f.host.respond(send, f.host.rate_limited(2000));
  CHECK(state_of(f.tracker, kTrackedId) == "rate_limited");
  const Submission* s = f.tracker.find(kTrackedId);
  REQUIRE(s->retry_at.has_value());
  CHECK(*s->retry_at == 2100);
  CHECK_FALSE(s->resend_allowed);
  CHECK(f.client.next_deadline() == 2100);
  CHECK_FALSE(f.tracker.resend(kTrackedId, 2099));
  (void)f.tracker.take_events();

  f.client.tick(2100);
  CHECK(f.tracker.find(kTrackedId)->resend_allowed);
  CHECK(changes(f.tracker) == std::vector<std::string>{"rate_limited"});  // announced once the wait is over
  REQUIRE(f.tracker.resend(kTrackedId, 2100));
  const auto sends = FakeMatrixClient::requests(f.host.outbound(), "send_event");
  REQUIRE(sends.size() == 1);
  CHECK(sends[0]["data"]["content"]["app.verji.invite"]["request_id"] == kTrackedId);
  CHECK(state_of(f.tracker, kTrackedId) == "sending");
  CHECK_FALSE(f.tracker.find(kTrackedId)->retry_at.has_value());
}

TEST_CASE("an errcode alone also means rate limited, other errors are send_failed", "[invite_tracker]") {
  TrackerFixture f;
  json send = f.submit();
  f.host.respond(
      send,
      {{"error",
        {{"message", "x"},
         {"matrix_api_error", {{"http_status", 400}, {"response", {{"errcode", "M_LIMIT_EXCEEDED"}}}}}}}});
  CHECK(state_of(f.tracker, kTrackedId) == "rate_limited");
  CHECK(f.tracker.find(kTrackedId)->retry_at == 5000);  // no hint: five seconds

  TrackerFixture g;
  send = g.submit();
  g.host.respond(send, FakeMatrixClient::error("Error sending event"));
  CHECK(state_of(g.tracker, kTrackedId) == "send_failed");
  CHECK(g.tracker.find(kTrackedId)->reason == "Error sending event");
  CHECK(g.tracker.find(kTrackedId)->resend_allowed);
}

TEST_CASE("denied capability, then re-requested with MSC2974", "[invite_tracker]") {
  const std::vector<std::string> receive_only = {std::string(verji::core::kCapReceiveNotice),
                                                 std::string(verji::core::kCapReceiveText)};
  TrackerFixture f(receive_only);
  CHECK_FALSE(f.client.can_send());
  CHECK(f.tracker.submit(kTrackedId, invite_content(kTrackedId), 0).code ==
        SubmitResult::Code::capability_denied);
  CHECK(f.tracker.submissions().empty());

  REQUIRE(f.client.request_capabilities(0));
  CHECK_FALSE(f.client.request_capabilities(0));  // one at a time
  const auto asks = FakeMatrixClient::requests(f.host.outbound(), "org.matrix.msc2974.request_capabilities");
  REQUIRE(asks.size() == 1);
  CHECK(asks[0]["data"]["capabilities"] ==
        json({std::string(verji::core::kCapSendText), std::string(verji::core::kCapRequiresClient)}));
  f.host.respond(asks[0], json::object());
  f.host.request("notify_capabilities",
                 {{"requested", {verji::core::kCapSendText}}, {"approved", requested_capabilities()}});
  CHECK(f.client.can_send());
  CHECK_FALSE(f.client.request_capabilities(0));  // nothing missing
  CHECK(f.tracker.submit(kTrackedId, invite_content(kTrackedId), 0).ok());
}

TEST_CASE("a send refused for a missing capability waits for a new approval", "[invite_tracker]") {
  TrackerFixture f;
  const json send = f.submit();
  // The host's answer when the capability was taken away (or never really granted).
  f.host.respond(send, FakeMatrixClient::error("Cannot send room events of this type"));
  CHECK(state_of(f.tracker, kTrackedId) == "capability_denied");
  CHECK(f.tracker.find(kTrackedId)->resend_allowed);  // still approved as far as we know

  f.host.request("notify_capabilities",
                 {{"requested", json::array()},
                  {"approved", {verji::core::kCapReceiveNotice, verji::core::kCapReceiveText}}});
  CHECK_FALSE(f.tracker.find(kTrackedId)->resend_allowed);
  CHECK_FALSE(f.tracker.resend(kTrackedId, 0));
  f.host.request("notify_capabilities",
                 {{"requested", {verji::core::kCapSendText}}, {"approved", requested_capabilities()}});
  CHECK(f.tracker.find(kTrackedId)->resend_allowed);
  CHECK(f.tracker.resend(kTrackedId, 0));
}

TEST_CASE("a homeserver's error is send_failed, even when its text starts with \"Cannot send\"",
          "[invite_tracker]") {
  // Only the host's own refusal (no matrix_api_error) with matrix-widget-api's text means a
  // missing capability; a homeserver that refused answered for itself.
  TrackerFixture f;
  const json send = f.submit();
  f.host.respond(send, {{"error",
                         {{"message", "Cannot send room events of this type"},
                          {"matrix_api_error",
                           {{"http_status", 403},
                            {"response", {{"errcode", "M_FORBIDDEN"}, {"error", "Cannot send here"}}}}}}}});
  CHECK(state_of(f.tracker, kTrackedId) == "send_failed");
  CHECK(f.tracker.find(kTrackedId)->reason == "Cannot send room events of this type");
  CHECK(f.tracker.find(kTrackedId)->resend_allowed);

  TrackerFixture g;
  g.host.respond(
      g.submit(),
      {{"error",
        {{"message", "Cannot send event: server busy"}, {"matrix_api_error", {{"http_status", 500}}}}}});
  CHECK(state_of(g.tracker, kTrackedId) == "send_failed");
}

TEST_CASE("silence after Processing becomes no_answer_yet and the widget keeps listening",
          "[invite_tracker]") {
  TrackerFixture f;
  const json send = f.submit();
  f.host.respond(send, {{"event_id", "$e1"}});
  f.echo("$e1");
  f.clock.set(1000);
  f.host.push_event(f.host.bot_notice("$b1", "Behandler, vennligst vent..."));
  CHECK(state_of(f.tracker, kTrackedId) == "processing");
  CHECK(f.client.next_deadline() == 31000);
  f.client.tick(30999);
  CHECK(state_of(f.tracker, kTrackedId) == "processing");
  f.client.tick(31000);
  CHECK(state_of(f.tracker, kTrackedId) == "no_answer_yet");
  CHECK_FALSE(f.client.next_deadline().has_value());
  f.clock.set(60000);
  f.host.push_event(f.host.bot_notice("$b2", "Vellykket"));
  CHECK(state_of(f.tracker, kTrackedId) == "success");
}

TEST_CASE("the silence timeout is configurable", "[invite_tracker]") {
  InviteTrackerConfig config = FakeRoom{}.tracker_config();
  config.silence_timeout = 5000;
  Widget w(config);
  w.host.handshake(requested_capabilities());
  REQUIRE(w.tracker.submit(kTrackedId, invite_content(kTrackedId), 0).ok());
  w.host.respond(FakeMatrixClient::requests(w.host.outbound(), "send_event").at(0), {{"event_id", "$e1"}});
  w.host.push_event(w.host.bot_notice("$b1", "Processing, please wait..."));
  w.client.tick(4999);
  CHECK(state_of(w.tracker, kTrackedId) == "processing");
  w.client.tick(5000);
  CHECK(state_of(w.tracker, kTrackedId) == "no_answer_yet");
}

TEST_CASE("statuses from anyone but the configured bot are ignored", "[invite_tracker]") {
  TrackerFixture f;
  f.posted("$e1");
  const auto ignored = f.tracker.counters().ignored_events;
  f.host.push_event(
      f.host.event("$m1", "@mallory:evil.example", {{"msgtype", "m.notice"}, {"body", "Success"}}));
  f.host.push_event(
      f.host.event("$m2", "@companybot:evil.example", {{"msgtype", "m.notice"}, {"body", "Success"}}));
  f.host.push_event(f.host.event("$m3", kAdmin, {{"msgtype", "m.text"}, {"body", "Success"}}));
  CHECK(state_of(f.tracker, kTrackedId) == "sent");
  CHECK(f.tracker.counters().ignored_events == ignored + 3);
  CHECK(f.tracker.counters().not_from_bot == 0);  // plain chat: nobody posing as the bot

  // Posing as the bot: a status block for our request, or a reply to our invite.
  const json status = {
      {"version", 1}, {"request_id", kTrackedId}, {"state", "success"}, {"user_id", "@forged:verji.example"}};
  f.host.push_event(
      f.host.event("$m4", "@companybot:evil.example",
                   {{"msgtype", "m.notice"}, {"body", "Success"}, {"app.verji.invite.status", status}}));
  f.host.push_event(f.host.event("$m5", "@mallory:evil.example",
                                 {{"msgtype", "m.notice"},
                                  {"body", "Success"},
                                  {"m.relates_to", {{"m.in_reply_to", {{"event_id", "$e1"}}}}}}));
  CHECK(state_of(f.tracker, kTrackedId) == "sent");
  CHECK(f.tracker.counters().ignored_events == ignored + 5);
  CHECK(f.tracker.counters().not_from_bot == 2);
  CHECK(verji::core::to_json(f.tracker.counters())["not_from_bot"] == 2);
}

TEST_CASE("a rich reply to our invite is ours, a reply to anything else is not", "[invite_tracker]") {
  TrackerFixture f;
  f.posted("$e1");
  f.host.push_event(f.host.bot_reply("$b1", "Success", "$someone-else"));
  CHECK(state_of(f.tracker, kTrackedId) == "sent");

  f.host.push_event(f.host.bot_reply("$b2", "UserID 'olanordmann' is already occupied", "$e1"));
  CHECK(state_of(f.tracker, kTrackedId) == "username_taken");
  CHECK(f.tracker.find(kTrackedId)->username == "olanordmann");
  CHECK(f.tracker.find(kTrackedId)->bot_event_id == "$b2");
  CHECK(describe(Lang::nb, *f.tracker.find(kTrackedId)).find("Brukernavnet olanordmann er opptatt") == 0);
}

TEST_CASE("the request_id block wins over the text and over order", "[invite_tracker]") {
  TrackerFixture f;
  f.posted("$e1");
  json other = f.host.bot_notice("$b1", "Success");
  other["content"]["app.verji.invite.status"] = {
      {"version", 1}, {"request_id", kOther}, {"state", "success"}};
  f.host.push_event(other);
  CHECK(state_of(f.tracker, kTrackedId) == "sent");  // order alone would have taken it

  json ours = f.host.bot_notice("$b2", "Success");
  ours["content"]["app.verji.invite.status"] = {{"version", 1},
                                                {"request_id", kTrackedId},
                                                {"state", "email_registered"},
                                                {"email", "ola@firma.no"},
                                                {"user_id", "@ola:verji.app"},
                                                {"room_id", "!dm:verji.app"}};
  f.host.push_event(ours);
  CHECK(state_of(f.tracker, kTrackedId) == "email_registered");
  const Submission* s = f.tracker.find(kTrackedId);
  CHECK(s->email == "ola@firma.no");
  CHECK(s->user_id == "@ola:verji.app");
  CHECK(s->room == "!dm:verji.app");
  CHECK(s->text == "Success");  // the verbatim body is kept
}

TEST_CASE("a malformed status block falls back to the text", "[invite_tracker]") {
  TrackerFixture f;
  f.posted("$e1");
  json msg = f.host.bot_notice("$b1", "Failed: no licence left");
  msg["content"]["app.verji.invite.status"] = {
      {"version", "1"}, {"request_id", kTrackedId}, {"state", "success"}};
  f.host.push_event(msg);
  CHECK(state_of(f.tracker, kTrackedId) == "failed");
  CHECK(f.tracker.find(kTrackedId)->reason == "no licence left");
}

TEST_CASE("two admins inviting at once: order is no longer trusted, block and reply still are",
          "[invite_tracker]") {
  TrackerFixture f;
  f.posted("$e1");
  f.host.push_event(f.host.event("$k1", "@kari:verji.app", invite_content(kOther, "per@firma.no")));
  f.host.push_event(f.host.bot_notice("$b1", "Processing, please wait..."));
  f.host.push_event(f.host.bot_notice("$b2", "Success"));
  CHECK(state_of(f.tracker, kTrackedId) == "sent");
  CHECK(f.tracker.find(kOther) == nullptr);  // someone else's request is not ours to show

  f.host.push_event(f.host.bot_reply("$b3", "UserID 'pernordmann' is already occupied", "$k1"));
  CHECK(state_of(f.tracker, kTrackedId) == "sent");

  f.host.push_event(f.host.bot_reply("$b4", "Success", "$e1"));
  CHECK(state_of(f.tracker, kTrackedId) == "success");
}

TEST_CASE("bot messages before our echo are not ours by order", "[invite_tracker]") {
  TrackerFixture f;
  const json send = f.submit();
  f.host.push_event(f.host.bot_notice("$b0", "Success"));  // answers an older request
  f.host.respond(send, {{"event_id", "$e1"}});
  f.echo("$e1");
  CHECK(state_of(f.tracker, kTrackedId) == "sent");
  f.host.push_event(f.host.bot_notice("$b1", "Processing, please wait..."));
  CHECK(state_of(f.tracker, kTrackedId) == "processing");
}

TEST_CASE("an outcome is final: a late Processing or chatter does not undo it", "[invite_tracker]") {
  TrackerFixture f;
  f.posted("$e1");
  f.host.push_event(f.host.bot_reply("$b1", "Success", "$e1"));
  f.host.push_event(f.host.bot_reply("$b2", "Processing, please wait...", "$e1"));
  f.host.push_event(f.host.bot_notice("$b3", "Have a nice day"));
  CHECK(state_of(f.tracker, kTrackedId) == "success");
}

TEST_CASE("unknown bot text is kept verbatim and the widget keeps listening", "[invite_tracker]") {
  TrackerFixture f;
  f.posted("$e1");
  f.host.push_event(f.host.bot_notice("$b1", "Checking licences <b>now</b>"));
  CHECK(state_of(f.tracker, kTrackedId) == "unknown_text");
  CHECK(f.tracker.find(kTrackedId)->text == "Checking licences <b>now</b>");
  CHECK(describe(Lang::en, *f.tracker.find(kTrackedId)) ==
        "The CompanyBot answered: Checking licences <b>now</b>");
  f.host.push_event(f.host.bot_notice("$b2", "Success"));
  CHECK(state_of(f.tracker, kTrackedId) == "success");
}

TEST_CASE("the same room event delivered twice is applied once", "[invite_tracker]") {
  TrackerFixture f;
  f.posted("$e1");
  (void)f.tracker.take_events();
  f.host.push_event(f.host.bot_notice("$b1", "Checking"));
  f.host.push_event(f.host.bot_notice("$b1", "Checking"));
  CHECK(changes(f.tracker) == std::vector<std::string>{"unknown_text"});
  CHECK(f.tracker.counters().duplicate_events == 1);
  f.echo("$e1");
  CHECK(f.tracker.counters().duplicate_events == 2);
}

TEST_CASE("after a reload, read_events restores our requests and the bot's answers", "[invite_tracker]") {
  Widget w;
  // Newest first, as hosts answer; one m.text list and one m.notice list.
  const json texts =
      json::array({w.host.event("$e2", kAdmin, invite_content(kOther, "kari@firma.no"), 300),
                   w.host.event("$chat", "@kari:verji.app", {{"msgtype", "m.text"}, {"body", "hei"}}, 150),
                   w.host.event("$e1", kAdmin, invite_content(kTrackedId), 100)});
  const json notices = json::array({w.host.bot_notice("$b2", "Processing, please wait...", 310),
                                    w.host.bot_notice("$b1", "Success", 120),
                                    w.host.bot_notice("$b0", "Processing, please wait...", 110)});
  w.host.handshake(requested_capabilities(), texts, notices);
  REQUIRE(w.tracker.submissions().size() == 2);
  CHECK(w.tracker.submissions()[0].request_id == kTrackedId);
  CHECK(w.tracker.submissions()[0].restored);
  CHECK(w.tracker.submissions()[0].event_id == "$e1");
  CHECK(state_of(w.tracker, kTrackedId) == "success");
  CHECK(state_of(w.tracker, kOther) == "processing");
  CHECK(w.tracker.submissions()[1].content == invite_content(kOther, "kari@firma.no"));

  // A live duplicate of a restored event changes nothing.
  w.host.push_event(w.host.bot_notice("$b1", "Success", 120));
  CHECK(w.tracker.counters().duplicate_events == 1);
}

TEST_CASE("history requests only what was approved", "[invite_tracker]") {
  Widget w;
  w.client.start(0);
  (void)w.host.outbound();
  w.host.request("capabilities", json::object());
  w.host.request("notify_capabilities",
                 {{"requested", requested_capabilities()}, {"approved", {verji::core::kCapReceiveNotice}}});
  const auto reads = FakeMatrixClient::requests(w.host.outbound(), "org.matrix.msc2876.read_events");
  REQUIRE(reads.size() == 1);
  CHECK(reads[0]["data"]["msgtype"] == "m.notice");
}

TEST_CASE("every tracker event type has a JSON form with a type", "[invite_tracker]") {
  using verji::core::HistoryRestored;
  using verji::core::TrackerEvent;
  const std::vector<TrackerEvent> events = {SubmissionChanged{"r", SubmissionState::failed},
                                            HistoryRestored{3}};
  std::set<std::string> types;
  for (const auto& e : events) types.insert(to_json(e).at("type").get<std::string>());
  CHECK(types.size() == events.size());
  CHECK(to_json(SubmissionChanged{"r", SubmissionState::failed}) ==
        json({{"type", "submission_changed"}, {"request_id", "r"}, {"state", "failed"}}));
  CHECK(to_json(HistoryRestored{3}) == json({{"type", "history_restored"}, {"submissions", 3}}));
}

TEST_CASE("every state has a line in both languages", "[invite_tracker]") {
  for (int i = 0; i <= static_cast<int>(SubmissionState::send_failed); ++i) {
    Submission s;
    s.state = static_cast<SubmissionState>(i);
    s.username = "olanordmann";
    s.reason = "x";
    s.text = "y";
    INFO("state " << to_string(s.state));
    CHECK_FALSE(describe(Lang::nb, s).empty());
    CHECK_FALSE(describe(Lang::en, s).empty());
    CHECK(describe(Lang::nb, s) != describe(Lang::en, s));
    CHECK(describe(Lang::nb, s).find('{') == std::string::npos);
  }
}

TEST_CASE("someone else posting our request_id is not our echo", "[invite_tracker]") {
  TrackerFixture f;
  f.submit();
  f.host.push_event(f.host.event("$fake", "@mallory:verji.app", invite_content(kTrackedId)));
  CHECK(state_of(f.tracker, kTrackedId) == "sending");
  CHECK(f.tracker.find(kTrackedId)->event_id.empty());
}

TEST_CASE("without our user id from the URL, the echo is recognised by its request_id", "[invite_tracker]") {
  InviteTrackerConfig config = FakeRoom{}.tracker_config();
  config.user_id.clear();
  Widget w(config);
  w.host.handshake(requested_capabilities());
  REQUIRE(w.tracker.submit(kTrackedId, invite_content(kTrackedId), 0).ok());
  (void)w.host.outbound();
  w.host.push_event(w.host.event("$e1", kAdmin, invite_content(kTrackedId)));
  CHECK(state_of(w.tracker, kTrackedId) == "sent");
  w.host.push_event(w.host.event("$k1", "@kari:verji.app", invite_content(kOther)));
  CHECK(w.tracker.find(kOther) == nullptr);
  w.host.push_event(w.host.bot_reply("$b1", "Success", "$e1"));
  CHECK(state_of(w.tracker, kTrackedId) == "success");
}

TEST_CASE("the send stays in flight until its answer, even when the bot is faster", "[invite_tracker]") {
  TrackerFixture f;
  const json send = f.submit();
  f.echo("$e1");
  f.host.push_event(f.host.bot_notice("$b1", "Processing, please wait..."));
  CHECK(state_of(f.tracker, kTrackedId) == "processing");
  CHECK(f.tracker.send_in_flight());
  CHECK(f.tracker.submit(kOther, invite_content(kOther), 0).code == SubmitResult::Code::busy);
  f.host.respond(send, {{"event_id", "$e1"}});
  CHECK_FALSE(f.tracker.send_in_flight());
  CHECK(state_of(f.tracker, kTrackedId) == "processing");
}

TEST_CASE("the seen room event ids are bounded: the newest kMaxSeenEvents are remembered",
          "[invite_tracker][bounds]") {
  TrackerFixture f;
  const std::size_t chat = verji::core::kMaxSeenEvents + 100;
  for (std::size_t n = 0; n < chat; ++n) {
    f.host.push_event(f.host.event("$chat-" + std::to_string(n), "@kari:verji.example",
                                   {{"msgtype", "m.text"}, {"body", "hei " + std::to_string(n)}}));
  }
  CHECK(f.tracker.seen_event_count() == verji::core::kMaxSeenEvents);
  const auto duplicates = f.tracker.counters().duplicate_events;
  // The newest is still known; the oldest was forgotten, so it counts as new (and is ignored again).
  f.host.push_event(f.host.event("$chat-" + std::to_string(chat - 1), "@kari:verji.example",
                                 {{"msgtype", "m.text"}, {"body", "again"}}));
  CHECK(f.tracker.counters().duplicate_events == duplicates + 1);
  f.host.push_event(
      f.host.event("$chat-0", "@kari:verji.example", {{"msgtype", "m.text"}, {"body", "again"}}));
  CHECK(f.tracker.counters().duplicate_events == duplicates + 1);
  CHECK(f.tracker.seen_event_count() == verji::core::kMaxSeenEvents);
}

TEST_CASE("invitations are bounded: the oldest settled ones are forgotten, none in progress",
          "[invite_tracker][bounds]") {
  TrackerFixture f;
  const auto id_of = [](std::size_t n) {
    std::string id = std::to_string(n);
    return std::string(32 - id.size(), 'a') + id;
  };
  const auto invite = [&](std::size_t n) {
    const std::string id = id_of(n);
    const std::string event = "$invite-" + std::to_string(n);
    f.host.respond(f.submit(id), {{"event_id", event}});
    f.echo(event, id);
    return event;
  };
  const std::size_t settled = verji::core::kMaxSubmissions + 10;
  for (std::size_t n = 0; n < settled; ++n) {
    const std::string event = invite(n);
    f.host.push_event(f.host.bot_reply("$bot-" + std::to_string(n), "Success", event));
  }
  CHECK(f.tracker.submissions().size() == verji::core::kMaxSubmissions);
  CHECK(f.tracker.counters().forgotten_submissions == 10);
  CHECK(f.tracker.find(id_of(0)) == nullptr);
  CHECK(f.tracker.find(id_of(9)) == nullptr);
  CHECK(state_of(f.tracker, id_of(10)) == "success");
  CHECK(state_of(f.tracker, id_of(settled - 1)) == "success");
  // A late status for a forgotten one is the bot answering something we no longer follow.
  f.host.push_event(f.host.bot_reply("$bot-late", "Success", "$invite-0"));
  CHECK(f.tracker.submissions().size() == verji::core::kMaxSubmissions);

  // Open ones are never forgotten: they push the settled ones out, then the list grows.
  const std::size_t open = verji::core::kMaxSubmissions + 5;
  for (std::size_t n = settled; n < settled + open; ++n) invite(n);
  CHECK(f.tracker.submissions().size() == open);
  for (std::size_t n = settled; n < settled + open; ++n) CHECK(state_of(f.tracker, id_of(n)) == "sent");
  // Answered, they settle; the next invitation trims the list to its bound again.
  for (std::size_t n = settled; n < settled + open; ++n) {
    f.host.push_event(
        f.host.bot_reply("$bot-" + std::to_string(n), "Success", "$invite-" + std::to_string(n)));
  }
  invite(settled + open);
  CHECK(f.tracker.submissions().size() == verji::core::kMaxSubmissions);
  CHECK(state_of(f.tracker, id_of(settled + open)) == "sent");
}

TEST_CASE("two invitations waiting, the bot answering in plain text: what the text names decides",
          "[invite_tracker]") {
  TrackerFixture f;
  const std::string kari = "11111111111111111111111111111111";
  const std::string ola = "22222222222222222222222222222222";
  const auto content = [](const std::string& id, const std::string& email, const std::string& hint) {
    json c = invite_content(id, email);
    c["app.verji.invite"]["username_hint"] = hint;
    return c;
  };
  for (const auto& [id, email, hint, event] :
       {std::tuple{kari, std::string("Kari@Firma.no"), std::string("karinordmann"), std::string("$inv-kari")},
        std::tuple{ola, std::string("ola@firma.no"), std::string("olanordmann"), std::string("$inv-ola")}}) {
    REQUIRE(f.tracker.submit(id, content(id, email, hint), f.clock.now()).ok());
    f.host.respond(FakeMatrixClient::requests(f.host.outbound(), "send_event").at(0), {{"event_id", event}});
    f.host.push_event(f.host.event(event, kAdmin, content(id, email, hint)));
  }
  const auto plain = [&](const std::string& event_id, const std::string& body) {
    f.host.push_event(f.host.event(event_id, FakeRoom{}.bot, {{"msgtype", "m.notice"}, {"body", body}}));
  };
  const auto ignored = f.tracker.counters().ignored_events;
  plain("$b1", "Processing, please wait...");  // names nobody: neither is guessed
  CHECK(state_of(f.tracker, kari) == "sent");
  CHECK(state_of(f.tracker, ola) == "sent");
  CHECK(f.tracker.counters().ignored_events == ignored + 1);

  plain("$b2", "UserID 'olanordmann' is already occupied");
  CHECK(state_of(f.tracker, ola) == "username_taken");
  CHECK(state_of(f.tracker, kari) == "sent");
  plain("$b3", "A user is already registered with the following email: kari@firma.no");  // any case
  CHECK(state_of(f.tracker, kari) == "email_registered");
  CHECK(f.tracker.find(kari)->email == "kari@firma.no");
  CHECK(f.tracker.counters().ignored_events == ignored + 1);
}

TEST_CASE("plain text naming a user two waiting invitations share, or none has, decides nothing",
          "[invite_tracker]") {
  TrackerFixture f;
  const std::string a = "33333333333333333333333333333333";
  const std::string b = "44444444444444444444444444444444";
  for (const auto& [id, event] : {std::pair{a, std::string("$inv-a")}, std::pair{b, std::string("$inv-b")}}) {
    json c = invite_content(id);  // the same address in both
    c["app.verji.invite"]["username_hint"] = "olanordmann";
    REQUIRE(f.tracker.submit(id, c, f.clock.now()).ok());
    f.host.respond(FakeMatrixClient::requests(f.host.outbound(), "send_event").at(0), {{"event_id", event}});
    f.host.push_event(f.host.event(event, kAdmin, c));
  }
  const auto ignored = f.tracker.counters().ignored_events;
  f.host.push_event(
      f.host.event("$b1", FakeRoom{}.bot,
                   {{"msgtype", "m.notice"}, {"body", "UserID 'olanordmann' is already occupied"}}));
  f.host.push_event(f.host.event("$b2", FakeRoom{}.bot,
                                 {{"msgtype", "m.notice"}, {"body", "Success: created @kari:verji.app"}}));
  CHECK(state_of(f.tracker, a) == "sent");
  CHECK(state_of(f.tracker, b) == "sent");
  CHECK(f.tracker.counters().ignored_events == ignored + 2);
}
