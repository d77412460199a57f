// A small stand-in for the Matrix client's side of the widget API, for engine tests: builds
// toWidget requests, answers the engine's fromWidget requests and pushes room events, all as
// JSON text through WidgetEngine::receive() like the JS bridge does.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "verji/core/widget_protocol.h"

namespace verji::test {

using json = nlohmann::json;

inline constexpr const char* kWidgetId = "w1";
inline constexpr const char* kAdmin = "@admin:verji.app";
inline constexpr const char* kRoom = "!admin-room:verji.app";
inline constexpr const char* kBot = "@companybot:verji.app";

inline core::WidgetSession test_session() {
  core::WidgetSession s;
  s.widget_id = kWidgetId;
  s.user_id = kAdmin;
  s.room_id = kRoom;
  s.bot_user_id = kBot;
  return s;
}

// The content of an invite as the app would build it.
inline json invite_content(const std::string& request_id, const std::string& email = "ola@firma.no") {
  return {{"msgtype", "m.text"},
          {"body", "Invitasjon til Ola Nordmann <" + email + ">"},
          {"app.verji.invite",
           {{"version", 1}, {"request_id", request_id}, {"email", email}, {"full_name", "Ola Nordmann"}}}};
}

inline json room_event(const std::string& event_id, const std::string& sender, json content,
                       std::int64_t ts = 0) {
  return {{"type", "m.room.message"}, {"sender", sender},   {"event_id", event_id},
          {"room_id", kRoom},         {"content", content}, {"origin_server_ts", ts}};
}

inline json bot_notice(const std::string& event_id, const std::string& body, std::int64_t ts = 0) {
  return room_event(event_id, kBot, {{"msgtype", "m.notice"}, {"body", body}}, ts);
}

class FakeHost {
 public:
  explicit FakeHost(core::WidgetEngine& engine) : engine_(engine) {}

  core::Millis now = 0;

  void send_text(const std::string& text) { engine_.receive(text, now); }
  void send(const json& message) { send_text(message.dump()); }

  // A toWidget request from the host.
  json request(const std::string& action, json data) {
    json r = {{"api", "toWidget"},
              {"widgetId", kWidgetId},
              {"requestId", "host-" + std::to_string(++next_)},
              {"action", action},
              {"data", std::move(data)}};
    send(r);
    return r;
  }
  void push_event(const json& event) { request("send_event", event); }

  // Everything the engine posted since the last call, parsed.
  std::vector<json> outbound() {
    std::vector<json> out;
    for (const auto& text : engine_.take_outbound()) out.push_back(json::parse(text));
    return out;
  }
  // The engine's fromWidget requests among `messages` with this action.
  static std::vector<json> requests(const std::vector<json>& messages, const std::string& action) {
    std::vector<json> out;
    for (const auto& m : messages) {
      if (m.value("api", "") == "fromWidget" && !m.contains("response") && m.value("action", "") == action) {
        out.push_back(m);
      }
    }
    return out;
  }
  // Answers one of the engine's requests.
  void respond(const json& request, json response) {
    json r = request;
    r["response"] = std::move(response);
    send(r);
  }
  static json error(const std::string& message) { return {{"error", {{"message", message}}}}; }
  static json rate_limited(std::int64_t retry_after_ms) {
    return {{"error",
             {{"message", "Error sending event"},
              {"matrix_api_error",
               {{"http_status", 429},
                {"http_headers", json::object()},
                {"url", "https://verji.app/_matrix/client/v3/rooms/x/send"},
                {"response",
                 {{"errcode", "M_LIMIT_EXCEEDED"},
                  {"error", "Too many requests"},
                  {"retry_after_ms", retry_after_ms}}}}}}}};
  }

  // start(), the waitForIframeLoad=true order, notify_capabilities with `approved`, and the
  // read_events answers (newest first, as hosts send them); drains outbound messages and events.
  void handshake(const std::vector<std::string>& approved, const json& text_history = json::array(),
                 const json& notice_history = json::array()) {
    engine_.start(now);
    for (const auto& m : outbound()) {
      if (m["action"] == "content_loaded") respond(m, error("Improper sequence"));
      if (m["action"] == "supported_api_versions") respond(m, {{"supported_versions", {"0.0.1", "0.0.2"}}});
    }
    request("capabilities", json::object());
    request("notify_capabilities", {{"requested", core::requested_capabilities()}, {"approved", approved}});
    for (const auto& m : requests(outbound(), "org.matrix.msc2876.read_events")) {
      respond(m, {{"events", m["data"]["msgtype"] == "m.text" ? text_history : notice_history}});
    }
    (void)outbound();
    (void)engine_.take_events();
  }

 private:
  core::WidgetEngine& engine_;
  int next_ = 0;
};

}  // namespace verji::test
