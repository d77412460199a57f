// The Matrix Widget API client on its own (widget_api_client.h): inbound limits and envelope, the
// handshake, the listener's requests with their answers and timeouts, host errors. Its whole wire
// behaviour together with the invite tracker is pinned by the transcripts (test_transcripts.cpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "verji/core/widget_api_client.h"
#include "verji/testing/fake_matrix_client.h"

using json = nlohmann::json;
using verji::core::LateAnswer;
using verji::core::Millis;
using verji::core::RequestHandle;
using verji::core::WidgetApiClient;
using verji::testing::FakeMatrixClient;
using verji::testing::FakeRoom;
using verji::testing::ManualClock;

namespace {

json theme_request(const std::string& name) {
  return {{"api", "toWidget"},
          {"widgetId", FakeRoom{}.widget_id},
          {"requestId", "host-1"},
          {"action", "theme_change"},
          {"data", {{"name", name}}}};
}

// A theme_change request whose dumped text is exactly `size` bytes long.
std::string theme_request_of_size(std::size_t size) {
  const std::size_t bare = theme_request("").dump().size();
  REQUIRE(size >= bare);
  const std::string text = theme_request(std::string(size - bare, 'x')).dump();
  REQUIRE(text.size() == size);
  return text;
}

// A listener that writes down what the client tells it, one line per call.
struct RecordingListener final : verji::core::WidgetApiListener {
  std::vector<std::string> calls;
  std::optional<Millis> deadline;

  void on_room_event(const json& event, Millis now) override {
    calls.push_back("room_event " + event.value("event_id", "") + " @" + std::to_string(now));
  }
  void on_answer(RequestHandle request, const json& response, bool late, Millis now) override {
    calls.push_back("answer " + std::to_string(request.serial) + (late ? " late " : " ") + response.dump() +
                    " @" + std::to_string(now));
  }
  void on_timeout(RequestHandle request, Millis now) override {
    calls.push_back("timeout " + std::to_string(request.serial) + " @" + std::to_string(now));
  }
  void on_capabilities_changed(Millis now) override {
    calls.push_back("capabilities @" + std::to_string(now));
  }
  void on_tick(Millis now) override { calls.push_back("tick @" + std::to_string(now)); }
  std::optional<Millis> next_deadline() const override { return deadline; }
};

// A client with a recording listener, its handshake done with every capability approved.
struct ClientFixture {
  ClientFixture() {
    client.set_listener(&listener);
    host.handshake(verji::core::requested_capabilities());
    listener.calls.clear();
    (void)client.take_events();
  }
  WidgetApiClient client{FakeRoom{}.widget_api_config()};
  RecordingListener listener;
  ManualClock clock;
  FakeMatrixClient host{clock, verji::testing::port_of(client, clock)};
};

}  // namespace

TEST_CASE("messages over 1 MiB are dropped unparsed, 1 MiB exactly is read", "[widget_api_client]") {
  WidgetApiClient client(FakeRoom{}.widget_api_config());
  client.receive(theme_request_of_size(verji::core::kMaxInboundBytes + 1), 0);
  CHECK(client.counters().dropped_oversized == 1);
  CHECK(client.take_outbound().empty());
  client.receive(theme_request_of_size(verji::core::kMaxInboundBytes), 0);
  CHECK(client.counters().dropped_oversized == 1);
  CHECK(client.take_outbound().size() == 1);
}

TEST_CASE("nesting deeper than 64 is dropped, brackets inside strings do not count", "[widget_api_client]") {
  WidgetApiClient client(FakeRoom{}.widget_api_config());
  const auto nested = [](int depth) {
    json value = json::object();
    for (int i = 0; i < depth - 3; ++i) value = json::array({value});
    json request = theme_request("dark");
    request["data"]["extra"] = value;  // request, data, then depth - 3 arrays around an object
    return request.dump();
  };
  client.receive(nested(64), 0);
  CHECK(client.take_outbound().size() == 1);
  client.receive(nested(65), 0);
  CHECK(client.take_outbound().empty());
  CHECK(client.counters().dropped_malformed == 1);
  client.receive(theme_request(std::string(500, '[')).dump(), 0);
  CHECK(client.take_outbound().size() == 1);
  // A million brackets neither crash the parser nor get that far.
  client.receive(std::string(1000000, '['), 0);
  CHECK(client.counters().dropped_malformed == 2);
}

TEST_CASE("content_loaded is sent once, even if start() is called again", "[widget_api_client]") {
  WidgetApiClient client(FakeRoom{}.widget_api_config());
  client.start(0);
  client.start(5);
  const auto out = client.take_outbound();
  REQUIRE(out.size() == 2);
  CHECK(json::parse(out[0])["action"] == "content_loaded");
  CHECK(json::parse(out[1])["action"] == "supported_api_versions");
}

TEST_CASE("without a widgetId in the URL the client adopts the host's first request's",
          "[widget_api_client]") {
  auto config = FakeRoom{}.widget_api_config();
  config.widget_id.clear();
  WidgetApiClient client(config);
  client.start(0);
  CHECK(client.take_outbound().empty());  // nobody to address yet
  json capabilities = theme_request("x");
  capabilities["action"] = "capabilities";
  capabilities["widgetId"] = "from-host";
  client.receive(capabilities.dump(), 1);
  const auto out = client.take_outbound();
  REQUIRE(out.size() == 1);
  CHECK(json::parse(out[0])["widgetId"] == "from-host");
  client.receive(theme_request("dark").dump(), 2);  // widgetId w1 is now someone else
  CHECK(client.counters().dropped_wrong_widget == 1);
}

TEST_CASE("supported_api_versions lists only what the client implements", "[widget_api_client]") {
  const auto versions = verji::core::supported_api_versions();
  CHECK(std::find(versions.begin(), versions.end(), "org.matrix.msc2762_update_state") == versions.end());
  CHECK(std::find(versions.begin(), versions.end(), "org.matrix.msc2974") != versions.end());
  CHECK(std::find(versions.begin(), versions.end(), "org.matrix.msc2871") != versions.end());
}

TEST_CASE("every client event type has a JSON form with a type", "[widget_api_client]") {
  using namespace verji::core;
  const std::vector<WidgetApiEvent> events = {
      HandshakeDone{},       CapabilitiesChanged{{"a"}, {"b"}}, HostVersions{{"0.0.1"}}, ThemeChanged{"dark"},
      LanguageChanged{"nb"}, VisibilityChanged{false},          CapabilitiesRefused{}};
  std::set<std::string> types;
  for (const auto& e : events) types.insert(to_json(e).at("type").get<std::string>());
  CHECK(types.size() == events.size());
  CHECK(to_json(ThemeChanged{"dark"}) == json({{"type", "theme_changed"}, {"name", "dark"}}));
}

TEST_CASE("the listener hears room events after they are answered, and capability changes",
          "[widget_api_client]") {
  ClientFixture f;
  f.clock.set(7);
  f.host.push_event(f.host.bot_notice("$b1", "Success"));
  const auto out = f.host.outbound();
  REQUIRE(out.size() == 1);
  CHECK(out[0]["response"] == json::object());  // answered before the listener was told
  CHECK(f.listener.calls == std::vector<std::string>{"room_event $b1 @7"});

  f.host.request("notify_capabilities", {{"requested", json::array()}, {"approved", json::array()}});
  CHECK(f.listener.calls.back() == "capabilities @7");
  CHECK_FALSE(f.client.can_send());
  CHECK_FALSE(f.client.can_receive());
  CHECK(f.client.ready());
}

TEST_CASE("the listener's requests get handles, and their answers and timeouts come back under them",
          "[widget_api_client]") {
  ClientFixture f;
  const RequestHandle read = f.client.read_events("m.room.message", "m.text", 5, 0);
  const RequestHandle send = f.client.send_event("m.room.message", {{"msgtype", "m.text"}, {"body", "x"}}, 0);
  const RequestHandle other = f.client.request("org.example.other", {{"a", 1}}, 0);
  CHECK(read.serial == 3);  // content_loaded and supported_api_versions were 1 and 2
  CHECK(send.serial == 4);
  CHECK(other.serial == 5);
  const auto out = f.host.outbound();
  REQUIRE(out.size() == 3);
  CHECK(out[0]["requestId"] == "verji-3");
  CHECK(out[0]["data"] == json({{"type", "m.room.message"}, {"msgtype", "m.text"}, {"limit", 5}}));
  CHECK(out[1]["action"] == "send_event");
  CHECK(out[1]["data"] ==
        json({{"type", "m.room.message"}, {"content", {{"msgtype", "m.text"}, {"body", "x"}}}}));
  CHECK(out[2]["action"] == "org.example.other");

  f.host.respond(out[2], {{"ok", true}});
  CHECK(f.listener.calls == std::vector<std::string>{"answer 5 {\"ok\":true} @0"});
  f.listener.calls.clear();

  // Both others time out; the listener is ticked after the timeouts, in the order they were sent.
  f.listener.deadline = 20000;
  CHECK(f.client.next_deadline() == 10000);
  f.client.tick(10000);
  CHECK(f.listener.calls == std::vector<std::string>{"timeout 3 @10000", "timeout 4 @10000", "tick @10000"});
  CHECK(f.client.counters().timeouts == 2);
  CHECK(f.client.next_deadline() == 20000);  // only the listener's own deadline is left
  f.listener.calls.clear();

  // Late: read_events (LateAnswer::drop) is unexpected now; send_event (deliver) is handed on.
  f.clock.set(10500);
  f.host.respond(out[0], {{"events", json::array()}});
  f.host.respond(out[1], {{"event_id", "$late"}});
  CHECK(f.listener.calls == std::vector<std::string>{"answer 4 late {\"event_id\":\"$late\"} @10500"});
  CHECK(f.client.counters().dropped_unexpected == 1);
  CHECK(f.client.counters().late_responses == 1);
  f.host.respond(out[1], {{"event_id", "$late"}});  // only once
  CHECK(f.client.counters().dropped_unexpected == 2);
}

TEST_CASE("an answer under a known requestId but another action is not the answer", "[widget_api_client]") {
  ClientFixture f;
  f.client.request("org.example.one", json::object(), 0, LateAnswer::deliver);
  json wrong = f.host.outbound().at(0);
  wrong["action"] = "org.example.two";
  f.host.respond(wrong, json::object());
  CHECK(f.listener.calls.empty());
  CHECK(f.client.counters().dropped_unexpected == 1);
}

TEST_CASE("without a listener, room events and answers go nowhere and nothing breaks",
          "[widget_api_client]") {
  WidgetApiClient client(FakeRoom{}.widget_api_config());
  ManualClock clock;
  FakeMatrixClient host(clock, verji::testing::port_of(client, clock));
  host.handshake(verji::core::requested_capabilities());
  host.push_event(host.bot_notice("$b1", "Success"));
  client.read_events("m.room.message", "m.notice", 1, 0);
  host.respond(host.outbound().at(1), {{"events", json::array()}});
  client.tick(20000);
  CHECK(client.counters().dropped_unexpected == 0);
  CHECK_FALSE(client.next_deadline().has_value());
}

TEST_CASE("MSC2974: the client asks again for what is missing, one request at a time",
          "[widget_api_client]") {
  WidgetApiClient client(FakeRoom{}.widget_api_config());
  ManualClock clock;
  FakeMatrixClient host(clock, verji::testing::port_of(client, clock));
  CHECK_FALSE(client.request_capabilities(0));  // not before the handshake
  host.handshake({std::string(verji::core::kCapReceiveNotice), std::string(verji::core::kCapReceiveText)});
  REQUIRE(client.request_capabilities(0));
  CHECK_FALSE(client.request_capabilities(0));
  const auto asks = FakeMatrixClient::requests(host.outbound(), "org.matrix.msc2974.request_capabilities");
  REQUIRE(asks.size() == 1);
  CHECK(asks[0]["data"]["capabilities"] ==
        json({std::string(verji::core::kCapSendText), std::string(verji::core::kCapRequiresClient)}));
  host.respond(asks[0], json::object());
  REQUIRE(client.request_capabilities(0));  // answered: may ask again
  client.tick(10000);                       // unanswered: timed out, may ask again
  CHECK(client.counters().timeouts == 1);
  REQUIRE(client.request_capabilities(10000));
  host.request("notify_capabilities", {{"requested", {verji::core::kCapSendText}},
                                       {"approved", verji::core::requested_capabilities()}});
  CHECK(client.can_send());
  CHECK_FALSE(client.request_capabilities(10000));  // nothing missing
}

TEST_CASE("capabilities granted but never asked for are not taken, and counted", "[widget_api_client]") {
  ClientFixture f;
  auto approved = verji::core::requested_capabilities();
  approved.push_back("org.matrix.msc2762.send.state_event:m.room.power_levels");
  approved.push_back("org.matrix.msc2762.receive.event:m.room.member");
  approved.push_back(std::string(verji::core::kCapSendText));  // twice: one grant
  f.host.request("notify_capabilities", {{"requested", json::array()}, {"approved", approved}});
  CHECK(f.client.counters().ignored_grants == 2);
  CHECK_FALSE(f.client.approved("org.matrix.msc2762.send.state_event:m.room.power_levels"));
  CHECK_FALSE(f.client.approved("org.matrix.msc2762.receive.event:m.room.member"));
  CHECK(f.client.can_send());
  const auto ours = verji::core::requested_capabilities();
  CHECK(std::set<std::string, std::less<>>(ours.begin(), ours.end()) == f.client.approved_capabilities());
  bool told = false;
  for (const auto& e : f.client.take_events()) {
    if (const auto* changed = std::get_if<verji::core::CapabilitiesChanged>(&e)) {
      told = true;
      CHECK(changed->approved.size() == ours.size());  // what the app hears: only what it asked for
    }
  }
  CHECK(told);
}

TEST_CASE("MSC2974: a refusal of what was asked again is an event: not granted, an error, or no answer",
          "[widget_api_client]") {
  using verji::core::CapabilitiesRefused;
  WidgetApiClient client(FakeRoom{}.widget_api_config());
  ManualClock clock;
  FakeMatrixClient host(clock, verji::testing::port_of(client, clock));
  const std::vector<std::string> receive = {std::string(verji::core::kCapReceiveNotice),
                                            std::string(verji::core::kCapReceiveText)};
  host.handshake(receive);
  const auto refusals = [&client] {
    std::vector<CapabilitiesRefused> out;
    for (auto& e : client.take_events()) {
      if (auto* r = std::get_if<CapabilitiesRefused>(&e)) out.push_back(*r);
    }
    return out;
  };
  CHECK(refusals().empty());  // the first handshake's grants were nobody's answer to asking again
  const auto ask = [&] {
    REQUIRE(client.request_capabilities(clock.now()));
    const auto asks = FakeMatrixClient::requests(host.outbound(), "org.matrix.msc2974.request_capabilities");
    REQUIRE(asks.size() == 1);
    return asks[0];
  };

  SECTION("the person says no: acknowledged, then notify_capabilities without them") {
    host.respond(ask(), json::object());
    CHECK(refusals().empty());  // {} only acknowledges
    host.request("notify_capabilities", {{"requested", {verji::core::kCapSendText}}, {"approved", receive}});
    const auto got = refusals();
    REQUIRE(got.size() == 1);
    CHECK(got[0].how == CapabilitiesRefused::How::not_granted);
    CHECK(got[0].missing == std::vector<std::string>{std::string(verji::core::kCapSendText),
                                                     std::string(verji::core::kCapRequiresClient)});
    CHECK(verji::core::to_json(verji::core::WidgetApiEvent{got[0]})["how"] == "not_granted");
    // A later notify_capabilities is not a second refusal.
    host.request("notify_capabilities", {{"requested", json::array()}, {"approved", receive}});
    CHECK(refusals().empty());
  }
  SECTION("only part of it granted: what is still missing") {
    host.respond(ask(), json::object());
    auto more = receive;
    more.push_back(std::string(verji::core::kCapSendText));
    host.request("notify_capabilities", {{"requested", json::array()}, {"approved", more}});
    const auto got = refusals();
    REQUIRE(got.size() == 1);
    CHECK(got[0].missing == std::vector<std::string>{std::string(verji::core::kCapRequiresClient)});
    CHECK(client.can_send());
  }
  SECTION("all of it granted: no refusal") {
    host.respond(ask(), json::object());
    host.request("notify_capabilities",
                 {{"requested", json::array()}, {"approved", verji::core::requested_capabilities()}});
    CHECK(refusals().empty());
  }
  SECTION("the host answers with an error") {
    host.respond(ask(), {{"error", {{"message", "Not supported"}}}});
    const auto got = refusals();
    REQUIRE(got.size() == 1);
    CHECK(got[0].how == CapabilitiesRefused::How::error);
    CHECK(got[0].message == "Not supported");
    CHECK(got[0].missing.size() == 2);
    CHECK(client.request_capabilities(clock.now()));  // may ask again
  }
  SECTION("the host never answers") {
    (void)ask();
    client.tick(clock.now() + 60000);
    const auto got = refusals();
    REQUIRE(got.size() == 1);
    CHECK(got[0].how == CapabilitiesRefused::How::no_answer);
    CHECK(verji::core::to_json(verji::core::WidgetApiEvent{got[0]})["how"] == "no_answer");
  }
}

TEST_CASE("every counter has its name in the counters' JSON", "[widget_api_client]") {
  verji::core::WidgetApiCounters c;
  c.received = 1;
  c.dropped_oversized = 2;
  c.dropped_malformed = 3;
  c.dropped_wrong_widget = 4;
  c.dropped_own_echo = 5;
  c.dropped_unexpected = 6;
  c.ignored_grants = 7;
  c.unknown_actions = 8;
  c.timeouts = 9;
  c.late_responses = 10;
  const json j = verji::core::to_json(c);
  CHECK(j.size() == 10);
  std::set<std::uint64_t> values;
  for (const auto& [name, value] : j.items()) values.insert(value.get<std::uint64_t>());
  CHECK(values.size() == 10);  // each counter under its own name
  CHECK(j["dropped_unexpected"] == 6);
  CHECK(j["ignored_grants"] == 7);
}

TEST_CASE("host errors are read without exceptions, whatever their shape", "[widget_api_client]") {
  using verji::core::error_of;
  CHECK_FALSE(error_of(json::object()).has_value());
  CHECK_FALSE(error_of({{"event_id", "$e"}}).has_value());
  CHECK_FALSE(error_of(json::array()).has_value());
  CHECK_FALSE(error_of({{"error", "text, not an object"}}).has_value());

  const auto bare = error_of({{"error", json::object()}});
  REQUIRE(bare.has_value());
  CHECK(bare->message.empty());
  CHECK_FALSE(bare->from_homeserver);

  ManualClock clock;
  const FakeMatrixClient fake(clock, verji::testing::WidgetPort{});  // only for its answers
  const auto limited = error_of(fake.rate_limited(2000));
  REQUIRE(limited.has_value());
  CHECK(limited->message == "Error sending event");
  CHECK(limited->from_homeserver);
  CHECK(limited->http_status == 429);
  CHECK(limited->errcode == "M_LIMIT_EXCEEDED");
  CHECK(limited->retry_after_ms == 2000);

  const auto odd =
      error_of({{"error",
                 {{"message", 5},
                  {"matrix_api_error",
                   {{"http_status", "429"}, {"response", {{"errcode", 1}, {"retry_after_ms", 1.5}}}}}}}});
  REQUIRE(odd.has_value());
  CHECK(odd->message.empty());
  CHECK(odd->from_homeserver);
  CHECK_FALSE(odd->http_status.has_value());
  CHECK(odd->errcode.empty());
  CHECK_FALSE(odd->retry_after_ms.has_value());
}

TEST_CASE("a missing-capability refusal is the host's own answer with matrix-widget-api's text",
          "[widget_api_client]") {
  using verji::core::error_of;
  using verji::core::is_missing_capability_refusal;
  CHECK(verji::core::kMissingSendCapabilityRefusal == "Cannot send room events of this type");
  CHECK(is_missing_capability_refusal(*error_of(FakeMatrixClient::refusal())));
  // A homeserver's error is never one, whatever its text says.
  CHECK_FALSE(is_missing_capability_refusal(*error_of(
      {{"error",
        {{"message", "Cannot send room events of this type"},
         {"matrix_api_error", {{"http_status", 403}, {"response", {{"errcode", "M_FORBIDDEN"}}}}}}}})));
  // Other texts of the host are other refusals.
  CHECK_FALSE(is_missing_capability_refusal(
      *error_of(FakeMatrixClient::error("Cannot send state events of this type"))));
  CHECK_FALSE(
      is_missing_capability_refusal(*error_of(FakeMatrixClient::error("Cannot send event: not allowed"))));
  CHECK_FALSE(is_missing_capability_refusal(*error_of(FakeMatrixClient::error("Error sending event"))));
}

TEST_CASE("rate limited: 429, or M_LIMIT_EXCEEDED with any status", "[widget_api_client]") {
  using verji::core::HostError;
  using verji::core::is_rate_limited;
  HostError e;
  CHECK_FALSE(is_rate_limited(e));
  e.http_status = 429;
  CHECK(is_rate_limited(e));
  e.http_status = 400;
  CHECK_FALSE(is_rate_limited(e));
  e.errcode = "M_LIMIT_EXCEEDED";
  CHECK(is_rate_limited(e));
}
