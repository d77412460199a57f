// Tests for sending an invitation exactly once and following the CompanyBot's answers
// (WidgetEngine submissions; see widget_protocol.h and docs/invite-protocol.md).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "fake_widget_host.h"
#include "verji/core/widget_protocol.h"

using verji::core::Counters;
using verji::core::describe;
using verji::core::Lang;
using verji::core::requested_capabilities;
using verji::core::Submission;
using verji::core::SubmissionChanged;
using verji::core::SubmissionState;
using verji::core::SubmitResult;
using verji::core::to_string;
using verji::core::WidgetEngine;
using verji::test::bot_notice;
using verji::test::FakeHost;
using verji::test::invite_content;
using verji::test::json;
using verji::test::kAdmin;
using verji::test::kBot;
using verji::test::room_event;

namespace {

const std::string kId = "6f1c0e8a9b2d4c7e8f00112233445566";
const std::string kOther = "00112233445566778899aabbccddeeff";

std::string state_of(const WidgetEngine& engine, const std::string& id) {
  const Submission* s = engine.find(id);
  return s == nullptr ? "missing" : std::string(to_string(s->state));
}

// The states announced by SubmissionChanged events since the last call.
std::vector<std::string> changes(WidgetEngine& engine) {
  std::vector<std::string> out;
  for (const auto& e : engine.take_events()) {
    if (const auto* c = std::get_if<SubmissionChanged>(&e)) out.push_back(std::string(to_string(c->state)));
  }
  return out;
}

struct Fixture {
  WidgetEngine engine{verji::test::test_session()};
  FakeHost host{engine};

  explicit Fixture(std::vector<std::string> approved = requested_capabilities()) { host.handshake(approved); }

  // Submits and returns the engine's send_event request.
  json submit(const std::string& id = kId) {
    REQUIRE(engine.submit(id, invite_content(id), host.now).ok());
    const auto sends = FakeHost::requests(host.outbound(), "send_event");
    REQUIRE(sends.size() == 1);
    return sends[0];
  }
  void echo(const std::string& event_id, const std::string& id = kId) {
    host.push_event(room_event(event_id, kAdmin, invite_content(id)));
  }
};

}  // namespace

TEST_CASE("one send_event per submission, no second send while one is pending", "[submission]") {
  Fixture f;
  const json send = f.submit();
  CHECK(send["data"] == json({{"type", "m.room.message"}, {"content", invite_content(kId)}}));
  CHECK_FALSE(send["data"].contains("room_id"));
  CHECK(state_of(f.engine, kId) == "sending");
  CHECK(f.engine.send_in_flight());

  CHECK(f.engine.submit(kOther, invite_content(kOther), 1).code == SubmitResult::Code::busy);
  CHECK_FALSE(f.engine.resend(kId, 1));
  CHECK(f.host.outbound().empty());

  f.host.respond(send, {{"room_id", verji::test::kRoom}, {"event_id", "$e1"}});
  CHECK(state_of(f.engine, kId) == "sent");
  CHECK(f.engine.find(kId)->event_id == "$e1");
  CHECK(f.engine.find(kId)->send_attempts == 1);
  CHECK_FALSE(f.engine.resend(kId, 2));  // sent: nothing to resend
  CHECK(f.engine.submit(kId, invite_content(kId), 2).code == SubmitResult::Code::duplicate);
  CHECK(f.host.outbound().empty());
}

TEST_CASE("submit refuses content that does not carry its request_id", "[submission]") {
  Fixture f;
  json wrong_id = invite_content(kOther);
  json no_block = {{"msgtype", "m.text"}, {"body", "hi"}};
  json notice = invite_content(kId);
  notice["msgtype"] = "m.notice";
  CHECK(f.engine.submit(kId, wrong_id, 0).code == SubmitResult::Code::invalid);
  CHECK(f.engine.submit(kId, no_block, 0).code == SubmitResult::Code::invalid);
  CHECK(f.engine.submit(kId, notice, 0).code == SubmitResult::Code::invalid);
  CHECK(f.engine.submit("", invite_content(""), 0).code == SubmitResult::Code::invalid);
  CHECK(f.engine.submissions().empty());
  CHECK(f.host.outbound().empty());
}

TEST_CASE("submit before the handshake is refused", "[submission]") {
  WidgetEngine engine(verji::test::test_session());
  CHECK(engine.submit(kId, invite_content(kId), 0).code == SubmitResult::Code::not_ready);
  CHECK(engine.take_outbound().empty());
}

TEST_CASE("our echo may come before the send_event response", "[submission]") {
  Fixture f;
  const json send = f.submit();
  f.echo("$e1");
  CHECK(state_of(f.engine, kId) == "sent");
  CHECK(f.engine.find(kId)->echo_seen);
  CHECK(f.engine.send_in_flight());  // the response is still owed: no other send yet
  CHECK(f.engine.submit(kOther, invite_content(kOther), 0).code == SubmitResult::Code::busy);

  f.host.respond(send, {{"room_id", verji::test::kRoom}, {"event_id", "$e1"}});
  CHECK(state_of(f.engine, kId) == "sent");
  CHECK_FALSE(f.engine.send_in_flight());

  f.host.push_event(bot_notice("$b1", "Processing, please wait..."));
  CHECK(state_of(f.engine, kId) == "processing");
  f.host.push_event(bot_notice("$b2", "Success"));
  CHECK(state_of(f.engine, kId) == "success");
  CHECK(changes(f.engine) == std::vector<std::string>{"sending", "sent", "processing", "success"});
}

TEST_CASE("a send timeout is unknown until the echo settles it", "[submission]") {
  Fixture f;
  f.submit();
  f.host.now = 9999;
  f.engine.tick(f.host.now);
  CHECK(state_of(f.engine, kId) == "sending");
  f.host.now = 10000;
  f.engine.tick(f.host.now);
  CHECK(state_of(f.engine, kId) == "unknown_after_timeout");
  const Submission* s = f.engine.find(kId);
  CHECK(s->checking);
  CHECK_FALSE(s->resend_allowed);
  CHECK_FALSE(f.engine.resend(kId, f.host.now));
  const auto reads = FakeHost::requests(f.host.outbound(), "org.matrix.msc2876.read_events");
  REQUIRE(reads.size() == 1);
  CHECK(reads[0]["data"] == json({{"type", "m.room.message"}, {"msgtype", "m.text"}, {"limit", 50}}));

  f.echo("$e1");
  CHECK(state_of(f.engine, kId) == "sent");
  CHECK(f.engine.find(kId)->event_id == "$e1");
  f.host.respond(reads[0], {{"events", json::array({room_event("$e1", kAdmin, invite_content(kId))})}});
  CHECK(state_of(f.engine, kId) == "sent");
  CHECK(f.engine.counters().duplicate_events == 1);
  CHECK(f.engine.counters().timeouts == 1);
  CHECK(FakeHost::requests(f.host.outbound(), "send_event").empty());
}

TEST_CASE("a send timeout is settled by read_events finding our event", "[submission]") {
  Fixture f;
  f.submit();
  f.host.now = 10000;
  f.engine.tick(f.host.now);
  const auto reads = FakeHost::requests(f.host.outbound(), "org.matrix.msc2876.read_events");
  REQUIRE(reads.size() == 1);
  const json found =
      json::array({room_event("$other", "@kari:verji.app", {{"msgtype", "m.text"}, {"body", "hei"}}),
                   room_event("$e9", kAdmin, invite_content(kId))});
  f.host.respond(reads[0], {{"events", found}});
  CHECK(state_of(f.engine, kId) == "sent");
  CHECK(f.engine.find(kId)->event_id == "$e9");
  CHECK_FALSE(f.engine.find(kId)->resend_allowed);
}

TEST_CASE("not found by read_events: a resend is offered and reuses the request_id", "[submission]") {
  Fixture f;
  f.submit();
  f.host.now = 10000;
  f.engine.tick(f.host.now);
  const auto reads = FakeHost::requests(f.host.outbound(), "org.matrix.msc2876.read_events");
  REQUIRE(reads.size() == 1);
  f.host.respond(reads[0], {{"events", json::array()}});
  CHECK(state_of(f.engine, kId) == "unknown_after_timeout");
  CHECK(f.engine.find(kId)->resend_allowed);
  CHECK_FALSE(f.engine.find(kId)->checking);
  CHECK(describe(Lang::en, *f.engine.find(kId)).find("Unknown whether the invitation was sent") == 0);

  f.host.now = 12000;
  REQUIRE(f.engine.resend(kId, f.host.now));
  const auto sends = FakeHost::requests(f.host.outbound(), "send_event");
  REQUIRE(sends.size() == 1);
  CHECK(sends[0]["data"]["content"] == invite_content(kId));
  CHECK(sends[0]["data"]["content"]["app.verji.invite"]["request_id"] == kId);
  CHECK(f.engine.find(kId)->send_attempts == 2);
  CHECK(f.engine.submissions().size() == 1);
  CHECK_FALSE(f.engine.resend(kId, f.host.now));  // in flight again
}

TEST_CASE("a late send_event response settles an unknown send", "[submission]") {
  Fixture f;
  const json send = f.submit();
  f.host.now = 10000;
  f.engine.tick(f.host.now);
  CHECK(state_of(f.engine, kId) == "unknown_after_timeout");
  f.host.respond(send, {{"room_id", verji::test::kRoom}, {"event_id", "$late"}});
  CHECK(state_of(f.engine, kId) == "sent");
  CHECK(f.engine.find(kId)->event_id == "$late");
  CHECK(f.engine.counters().late_responses == 1);
  CHECK(f.engine.counters().dropped_unexpected == 0);
}

TEST_CASE("without the m.text receive capability a timeout offers a resend at once", "[submission]") {
  Fixture f({std::string(verji::core::kCapSendText), std::string(verji::core::kCapReceiveNotice)});
  f.submit();
  f.host.now = 10000;
  f.engine.tick(f.host.now);
  CHECK(state_of(f.engine, kId) == "unknown_after_timeout");
  CHECK(f.engine.find(kId)->resend_allowed);
  CHECK(FakeHost::requests(f.host.outbound(), "org.matrix.msc2876.read_events").empty());
}

TEST_CASE("rate limiting: a clear state and a retry after the host's delay", "[submission]") {
  Fixture f;
  const json send = f.submit();
  f.host.now = 100;
  f.host.respond(send, FakeHost::rate_limited(2000));
  CHECK(state_of(f.engine, kId) == "rate_limited");
  const Submission* s = f.engine.find(kId);
  REQUIRE(s->retry_at.has_value());
  CHECK(*s->retry_at == 2100);
  CHECK_FALSE(s->resend_allowed);
  CHECK(f.engine.next_deadline() == 2100);
  CHECK_FALSE(f.engine.resend(kId, 2099));
  (void)f.engine.take_events();

  f.engine.tick(2100);
  CHECK(f.engine.find(kId)->resend_allowed);
  CHECK(changes(f.engine) == std::vector<std::string>{"rate_limited"});  // announced once the wait is over
  REQUIRE(f.engine.resend(kId, 2100));
  const auto sends = FakeHost::requests(f.host.outbound(), "send_event");
  REQUIRE(sends.size() == 1);
  CHECK(sends[0]["data"]["content"]["app.verji.invite"]["request_id"] == kId);
  CHECK(state_of(f.engine, kId) == "sending");
  CHECK_FALSE(f.engine.find(kId)->retry_at.has_value());
}

TEST_CASE("an errcode alone also means rate limited; other errors are send_failed", "[submission]") {
  Fixture f;
  json send = f.submit();
  f.host.respond(
      send,
      {{"error",
        {{"message", "x"},
         {"matrix_api_error", {{"http_status", 400}, {"response", {{"errcode", "M_LIMIT_EXCEEDED"}}}}}}}});
  CHECK(state_of(f.engine, kId) == "rate_limited");
  CHECK(f.engine.find(kId)->retry_at == 5000);  // no hint: five seconds

  Fixture g;
  send = g.submit();
  g.host.respond(send, FakeHost::error("Error sending event"));
  CHECK(state_of(g.engine, kId) == "send_failed");
  CHECK(g.engine.find(kId)->reason == "Error sending event");
  CHECK(g.engine.find(kId)->resend_allowed);
}

TEST_CASE("denied capability, then re-requested with MSC2974", "[submission]") {
  const std::vector<std::string> receive_only = {std::string(verji::core::kCapReceiveNotice),
                                                 std::string(verji::core::kCapReceiveText)};
  Fixture f(receive_only);
  CHECK_FALSE(f.engine.can_send());
  CHECK(f.engine.submit(kId, invite_content(kId), 0).code == SubmitResult::Code::capability_denied);
  CHECK(f.engine.submissions().empty());

  REQUIRE(f.engine.request_capabilities(0));
  CHECK_FALSE(f.engine.request_capabilities(0));  // one at a time
  const auto asks = FakeHost::requests(f.host.outbound(), "org.matrix.msc2974.request_capabilities");
  REQUIRE(asks.size() == 1);
  CHECK(asks[0]["data"]["capabilities"] ==
        json({std::string(verji::core::kCapSendText), std::string(verji::core::kCapRequiresClient)}));
  f.host.respond(asks[0], json::object());
  f.host.request("notify_capabilities",
                 {{"requested", {verji::core::kCapSendText}}, {"approved", requested_capabilities()}});
  CHECK(f.engine.can_send());
  CHECK_FALSE(f.engine.request_capabilities(0));  // nothing missing
  CHECK(f.engine.submit(kId, invite_content(kId), 0).ok());
}

TEST_CASE("a send refused for a missing capability waits for a new approval", "[submission]") {
  Fixture f;
  const json send = f.submit();
  // The host's answer when the capability was taken away (or never really granted).
  f.host.respond(send, FakeHost::error("Cannot send room events of this type"));
  CHECK(state_of(f.engine, kId) == "capability_denied");
  CHECK(f.engine.find(kId)->resend_allowed);  // still approved as far as we know

  f.host.request("notify_capabilities",
                 {{"requested", json::array()},
                  {"approved", {verji::core::kCapReceiveNotice, verji::core::kCapReceiveText}}});
  CHECK_FALSE(f.engine.find(kId)->resend_allowed);
  CHECK_FALSE(f.engine.resend(kId, 0));
  f.host.request("notify_capabilities",
                 {{"requested", {verji::core::kCapSendText}}, {"approved", requested_capabilities()}});
  CHECK(f.engine.find(kId)->resend_allowed);
  CHECK(f.engine.resend(kId, 0));
}

TEST_CASE("a homeserver's error is send_failed, even when its text starts with \"Cannot send\"",
          "[submission]") {
  // Only the host's own refusal (no matrix_api_error) with matrix-widget-api's text means a
  // missing capability; a homeserver that refused answered for itself.
  Fixture f;
  const json send = f.submit();
  f.host.respond(send, {{"error",
                         {{"message", "Cannot send room events of this type"},
                          {"matrix_api_error",
                           {{"http_status", 403},
                            {"response", {{"errcode", "M_FORBIDDEN"}, {"error", "Cannot send here"}}}}}}}});
  CHECK(state_of(f.engine, kId) == "send_failed");
  CHECK(f.engine.find(kId)->reason == "Cannot send room events of this type");
  CHECK(f.engine.find(kId)->resend_allowed);

  Fixture g;
  g.host.respond(
      g.submit(),
      {{"error",
        {{"message", "Cannot send event: server busy"}, {"matrix_api_error", {{"http_status", 500}}}}}});
  CHECK(state_of(g.engine, kId) == "send_failed");
}

TEST_CASE("silence after Processing becomes no_answer_yet and the widget keeps listening", "[submission]") {
  Fixture f;
  const json send = f.submit();
  f.host.respond(send, {{"event_id", "$e1"}});
  f.echo("$e1");
  f.host.now = 1000;
  f.host.push_event(bot_notice("$b1", "Behandler, vennligst vent..."));
  CHECK(state_of(f.engine, kId) == "processing");
  CHECK(f.engine.next_deadline() == 31000);
  f.engine.tick(30999);
  CHECK(state_of(f.engine, kId) == "processing");
  f.engine.tick(31000);
  CHECK(state_of(f.engine, kId) == "no_answer_yet");
  CHECK_FALSE(f.engine.next_deadline().has_value());
  f.host.now = 60000;
  f.host.push_event(bot_notice("$b2", "Vellykket"));
  CHECK(state_of(f.engine, kId) == "success");
}

TEST_CASE("the silence timeout is configurable", "[submission]") {
  auto session = verji::test::test_session();
  session.silence_timeout = 5000;
  WidgetEngine engine(session);
  FakeHost host(engine);
  host.handshake(requested_capabilities());
  REQUIRE(engine.submit(kId, invite_content(kId), 0).ok());
  host.respond(FakeHost::requests(host.outbound(), "send_event").at(0), {{"event_id", "$e1"}});
  host.push_event(bot_notice("$b1", "Processing, please wait..."));
  engine.tick(4999);
  CHECK(state_of(engine, kId) == "processing");
  engine.tick(5000);
  CHECK(state_of(engine, kId) == "no_answer_yet");
}

TEST_CASE("statuses from anyone but the configured bot are ignored", "[submission]") {
  Fixture f;
  f.host.respond(f.submit(), {{"event_id", "$e1"}});
  f.echo("$e1");
  const auto ignored = f.engine.counters().ignored_events;
  f.host.push_event(
      room_event("$m1", "@mallory:evil.example", {{"msgtype", "m.notice"}, {"body", "Success"}}));
  f.host.push_event(
      room_event("$m2", "@companybot:evil.example", {{"msgtype", "m.notice"}, {"body", "Success"}}));
  f.host.push_event(room_event("$m3", kAdmin, {{"msgtype", "m.text"}, {"body", "Success"}}));
  CHECK(state_of(f.engine, kId) == "sent");
  CHECK(f.engine.counters().ignored_events == ignored + 3);
}

TEST_CASE("a rich reply to our invite is ours; a reply to anything else is not", "[submission]") {
  Fixture f;
  f.host.respond(f.submit(), {{"event_id", "$e1"}});
  f.echo("$e1");
  json reply_elsewhere = bot_notice("$b1", "Success");
  reply_elsewhere["content"]["m.relates_to"] = {{"m.in_reply_to", {{"event_id", "$someone-else"}}}};
  f.host.push_event(reply_elsewhere);
  CHECK(state_of(f.engine, kId) == "sent");

  json reply = bot_notice("$b2", "UserID 'olanordmann' is already occupied");
  reply["content"]["m.relates_to"] = {{"m.in_reply_to", {{"event_id", "$e1"}}}};
  f.host.push_event(reply);
  CHECK(state_of(f.engine, kId) == "username_taken");
  CHECK(f.engine.find(kId)->username == "olanordmann");
  CHECK(f.engine.find(kId)->bot_event_id == "$b2");
  CHECK(describe(Lang::nb, *f.engine.find(kId)).find("Brukernavnet olanordmann er opptatt") == 0);
}

TEST_CASE("the request_id block wins over the text and over order", "[submission]") {
  Fixture f;
  f.host.respond(f.submit(), {{"event_id", "$e1"}});
  f.echo("$e1");
  json other = bot_notice("$b1", "Success");
  other["content"]["app.verji.invite.status"] = {
      {"version", 1}, {"request_id", kOther}, {"state", "success"}};
  f.host.push_event(other);
  CHECK(state_of(f.engine, kId) == "sent");  // order alone would have taken it

  json ours = bot_notice("$b2", "Success");
  ours["content"]["app.verji.invite.status"] = {{"version", 1},
                                                {"request_id", kId},
                                                {"state", "email_registered"},
                                                {"email", "ola@firma.no"},
                                                {"user_id", "@ola:verji.app"},
                                                {"room_id", "!dm:verji.app"}};
  f.host.push_event(ours);
  CHECK(state_of(f.engine, kId) == "email_registered");
  const Submission* s = f.engine.find(kId);
  CHECK(s->email == "ola@firma.no");
  CHECK(s->user_id == "@ola:verji.app");
  CHECK(s->room == "!dm:verji.app");
  CHECK(s->text == "Success");  // the verbatim body is kept
}

TEST_CASE("a malformed status block falls back to the text", "[submission]") {
  Fixture f;
  f.host.respond(f.submit(), {{"event_id", "$e1"}});
  f.echo("$e1");
  json msg = bot_notice("$b1", "Failed: no licence left");
  msg["content"]["app.verji.invite.status"] = {{"version", "1"}, {"request_id", kId}, {"state", "success"}};
  f.host.push_event(msg);
  CHECK(state_of(f.engine, kId) == "failed");
  CHECK(f.engine.find(kId)->reason == "no licence left");
}

TEST_CASE("two admins inviting at once: order is no longer trusted, block and reply still are",
          "[submission]") {
  Fixture f;
  f.host.respond(f.submit(), {{"event_id", "$e1"}});
  f.echo("$e1");
  f.host.push_event(room_event("$k1", "@kari:verji.app", invite_content(kOther, "per@firma.no")));
  f.host.push_event(bot_notice("$b1", "Processing, please wait..."));
  f.host.push_event(bot_notice("$b2", "Success"));
  CHECK(state_of(f.engine, kId) == "sent");
  CHECK(f.engine.find(kOther) == nullptr);  // someone else's request is not ours to show

  json theirs = bot_notice("$b3", "UserID 'pernordmann' is already occupied");
  theirs["content"]["m.relates_to"] = {{"m.in_reply_to", {{"event_id", "$k1"}}}};
  f.host.push_event(theirs);
  CHECK(state_of(f.engine, kId) == "sent");

  json ours = bot_notice("$b4", "Success");
  ours["content"]["m.relates_to"] = {{"m.in_reply_to", {{"event_id", "$e1"}}}};
  f.host.push_event(ours);
  CHECK(state_of(f.engine, kId) == "success");
}

TEST_CASE("bot messages before our echo are not ours by order", "[submission]") {
  Fixture f;
  const json send = f.submit();
  f.host.push_event(bot_notice("$b0", "Success"));  // answers an older request
  f.host.respond(send, {{"event_id", "$e1"}});
  f.echo("$e1");
  CHECK(state_of(f.engine, kId) == "sent");
  f.host.push_event(bot_notice("$b1", "Processing, please wait..."));
  CHECK(state_of(f.engine, kId) == "processing");
}

TEST_CASE("an outcome is final: a late Processing or chatter does not undo it", "[submission]") {
  Fixture f;
  f.host.respond(f.submit(), {{"event_id", "$e1"}});
  f.echo("$e1");
  json reply = bot_notice("$b1", "Success");
  reply["content"]["m.relates_to"] = {{"m.in_reply_to", {{"event_id", "$e1"}}}};
  f.host.push_event(reply);
  json late = bot_notice("$b2", "Processing, please wait...");
  late["content"]["m.relates_to"] = {{"m.in_reply_to", {{"event_id", "$e1"}}}};
  f.host.push_event(late);
  f.host.push_event(bot_notice("$b3", "Have a nice day"));
  CHECK(state_of(f.engine, kId) == "success");
}

TEST_CASE("unknown bot text is kept verbatim and the widget keeps listening", "[submission]") {
  Fixture f;
  f.host.respond(f.submit(), {{"event_id", "$e1"}});
  f.echo("$e1");
  f.host.push_event(bot_notice("$b1", "Checking licences <b>now</b>"));
  CHECK(state_of(f.engine, kId) == "unknown_text");
  CHECK(f.engine.find(kId)->text == "Checking licences <b>now</b>");
  CHECK(describe(Lang::en, *f.engine.find(kId)) == "The CompanyBot answered: Checking licences <b>now</b>");
  f.host.push_event(bot_notice("$b2", "Success"));
  CHECK(state_of(f.engine, kId) == "success");
}

TEST_CASE("the same room event delivered twice is applied once", "[submission]") {
  Fixture f;
  f.host.respond(f.submit(), {{"event_id", "$e1"}});
  f.echo("$e1");
  (void)f.engine.take_events();
  f.host.push_event(bot_notice("$b1", "Checking"));
  f.host.push_event(bot_notice("$b1", "Checking"));
  CHECK(changes(f.engine) == std::vector<std::string>{"unknown_text"});
  CHECK(f.engine.counters().duplicate_events == 1);
  f.echo("$e1");
  CHECK(f.engine.counters().duplicate_events == 2);
}

TEST_CASE("after a reload, read_events restores our requests and the bot's answers", "[submission]") {
  WidgetEngine engine(verji::test::test_session());
  FakeHost host(engine);
  // Newest first, as hosts answer; one m.text list and one m.notice list.
  const json texts =
      json::array({room_event("$e2", kAdmin, invite_content(kOther, "kari@firma.no"), 300),
                   room_event("$chat", "@kari:verji.app", {{"msgtype", "m.text"}, {"body", "hei"}}, 150),
                   room_event("$e1", kAdmin, invite_content(kId), 100)});
  const json notices =
      json::array({bot_notice("$b2", "Processing, please wait...", 310), bot_notice("$b1", "Success", 120),
                   bot_notice("$b0", "Processing, please wait...", 110)});
  host.handshake(requested_capabilities(), texts, notices);
  REQUIRE(engine.submissions().size() == 2);
  CHECK(engine.submissions()[0].request_id == kId);
  CHECK(engine.submissions()[0].restored);
  CHECK(engine.submissions()[0].event_id == "$e1");
  CHECK(state_of(engine, kId) == "success");
  CHECK(state_of(engine, kOther) == "processing");
  CHECK(engine.submissions()[1].content == invite_content(kOther, "kari@firma.no"));

  // A live duplicate of a restored event changes nothing.
  host.push_event(bot_notice("$b1", "Success", 120));
  CHECK(engine.counters().duplicate_events == 1);
}

TEST_CASE("history requests only what was approved", "[submission]") {
  WidgetEngine engine(verji::test::test_session());
  FakeHost host(engine);
  engine.start(0);
  (void)host.outbound();
  host.request("capabilities", json::object());
  host.request("notify_capabilities",
               {{"requested", requested_capabilities()}, {"approved", {verji::core::kCapReceiveNotice}}});
  const auto reads = FakeHost::requests(host.outbound(), "org.matrix.msc2876.read_events");
  REQUIRE(reads.size() == 1);
  CHECK(reads[0]["data"]["msgtype"] == "m.notice");
}

TEST_CASE("every state has a line in both languages", "[submission]") {
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

TEST_CASE("someone else posting our request_id is not our echo", "[submission]") {
  Fixture f;
  f.submit();
  f.host.push_event(room_event("$fake", "@mallory:verji.app", invite_content(kId)));
  CHECK(state_of(f.engine, kId) == "sending");
  CHECK(f.engine.find(kId)->event_id.empty());
}

TEST_CASE("without our user id from the URL, the echo is recognised by its request_id", "[submission]") {
  auto session = verji::test::test_session();
  session.user_id.clear();
  WidgetEngine engine(session);
  FakeHost host(engine);
  host.handshake(requested_capabilities());
  REQUIRE(engine.submit(kId, invite_content(kId), 0).ok());
  (void)host.outbound();
  host.push_event(room_event("$e1", kAdmin, invite_content(kId)));
  CHECK(state_of(engine, kId) == "sent");
  host.push_event(room_event("$k1", "@kari:verji.app", invite_content(kOther)));
  CHECK(engine.find(kOther) == nullptr);
  json reply = bot_notice("$b1", "Success");
  reply["content"]["m.relates_to"] = {{"m.in_reply_to", {{"event_id", "$e1"}}}};
  host.push_event(reply);
  CHECK(state_of(engine, kId) == "success");
}

TEST_CASE("the send stays in flight until its answer, even when the bot is faster", "[submission]") {
  Fixture f;
  const json send = f.submit();
  f.echo("$e1");
  f.host.push_event(bot_notice("$b1", "Processing, please wait..."));
  CHECK(state_of(f.engine, kId) == "processing");
  CHECK(f.engine.send_in_flight());
  CHECK(f.engine.submit(kOther, invite_content(kOther), 0).code == SubmitResult::Code::busy);
  f.host.respond(send, {{"event_id", "$e1"}});
  CHECK_FALSE(f.engine.send_in_flight());
  CHECK(state_of(f.engine, kId) == "processing");
}
