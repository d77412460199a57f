// The fake Matrix client (see fake_matrix_client.h).
//
// [SECTION] The room, the port, the core's pair
// [SECTION] Time
// [SECTION] Manual mode: requests, answers, room events
// [SECTION] Automatic mode: pump, connect, the CompanyBot
// [SECTION] Recording
#include "verji/testing/fake_matrix_client.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "verji/core/bot_status.h"
#include "verji/core/invite_request.h"
#include "verji/core/json_fields.h"

namespace verji::testing {

using json = nlohmann::json;

namespace {

constexpr std::string_view kStatusKey = "app.verji.invite.status";
constexpr std::int64_t kOriginServerTs = 1700000000000;  // the room's clock: this plus the fake's time
constexpr std::int64_t kRateLimitRetryMs = 5000;         // SendAnswer::rate_limit
constexpr int kPumpRounds = 100;                         // answers may make the widget post again
constexpr int kAdvanceSteps = 1000;

// The widget's fromWidget request (not an answer of the widget to one of ours).
bool is_widget_request(const json& message) {
  const std::string* api = core::string_member(message, "api");
  return api != nullptr && *api == "fromWidget" && !message.contains("response");
}

std::string action_of(const json& message) {
  const std::string* action = core::string_member(message, "action");
  return action != nullptr ? *action : std::string();
}

std::string block_string(const json& block, std::string_view name) {
  const std::string* value = core::string_member(block, name);
  return value != nullptr ? *value : std::string();
}

// The bot's status block fields for a message, as web/devhost/bot.js words them.
json status_block(const core::BotStatus& status, const json& invite, const std::string& server) {
  const json* found = core::object_member(invite, core::kInviteKey);
  const json block = found != nullptr ? *found : json::object();
  json out = {{"version", 1},
              {"request_id", block_string(block, "request_id")},
              {"state", std::string(core::to_string(status.kind))}};
  switch (status.kind) {
    case core::BotStatusKind::success:
      out["user_id"] = "@" + block_string(block, "username_hint") + ":" + server;
      break;
    case core::BotStatusKind::email_registered: {
      const std::string email = block_string(block, "email");
      std::string localpart;
      for (const char c : email.substr(0, email.find('@'))) {
        const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') || lower == '.' ||
            lower == '_' || lower == '=' || lower == '-') {
          localpart += lower;
        }
      }
      out["email"] = email;
      out["user_id"] = "@" + localpart + ":" + server;
      out["room_id"] = "!dm-" + localpart + ":" + server;
      break;
    }
    case core::BotStatusKind::username_taken: out["username"] = status.username; break;
    case core::BotStatusKind::failed: out["message"] = status.reason; break;
    case core::BotStatusKind::processing:
    case core::BotStatusKind::unknown: break;
  }
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] The room, the port, the core's pair
// ---------------------------------------------------------------------------------------------

core::WidgetApiConfig FakeRoom::widget_api_config() const {
  core::WidgetApiConfig config;
  config.widget_id = widget_id;
  return config;
}

core::InviteTrackerConfig FakeRoom::tracker_config() const {
  core::InviteTrackerConfig config;
  config.user_id = admin;
  config.room_id = room_id;
  config.bot_user_id = bot;
  return config;
}

FakeRoom FakeRoom::prod_admin_room(std::string widget_id) {
  FakeRoom r;
  r.widget_id = std::move(widget_id);
  r.admin = "@ola:prod.verji.app";
  r.bot = "@companybot:prod.verji.app";
  r.room_id = "!adm:prod.verji.app";
  r.server = "prod.verji.app";
  return r;
}

WidgetPort port_of(core::WidgetApiClient& client, const core::Clock& clock) {
  WidgetPort port;
  port.start = [&client, &clock] { client.start(clock.now()); };
  port.receive = [&client, &clock](std::string_view text) { client.receive(text, clock.now()); };
  port.take_outbound = [&client] { return client.take_outbound(); };
  port.tick = [&client, &clock] { client.tick(clock.now()); };
  port.next_deadline = [&client] { return client.next_deadline(); };
  return port;
}

CoreWidget::CoreWidget(const FakeRoom& room) : CoreWidget(room.widget_api_config(), room.tracker_config()) {}

CoreWidget::CoreWidget(core::WidgetApiConfig api, core::InviteTrackerConfig invites)
    : client(std::move(api)), tracker(client, std::move(invites)) {}

FakeMatrixClient::FakeMatrixClient(ManualClock& clock, WidgetPort widget, FakeRoom room, Answering answering)
    : clock_(clock), widget_(std::move(widget)), room_(std::move(room)), answering_(answering) {}

// ---------------------------------------------------------------------------------------------
// [SECTION] Time
// ---------------------------------------------------------------------------------------------

void FakeMatrixClient::tick() { widget_.tick(); }

void FakeMatrixClient::advance(core::Millis ms) {
  const core::Millis target = clock_.now() + ms;
  const auto tick_and_answer = [this] {
    widget_.tick();
    if (answering_ == Answering::automatic) pump();
  };
  for (int step = 0; step < kAdvanceSteps; ++step) {
    const auto deadline = widget_.next_deadline();
    if (!deadline || *deadline > target) break;
    clock_.set(std::max(clock_.now(), *deadline));
    tick_and_answer();
  }
  clock_.set(target);
  tick_and_answer();
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Manual mode: requests, answers, room events
// ---------------------------------------------------------------------------------------------

void FakeMatrixClient::deliver(const json& message) {
  delivered_.push_back(message);
  widget_.receive(core::dump_safe(message));
}

void FakeMatrixClient::deliver_text(std::string_view text) {
  const json parsed = json::parse(text.begin(), text.end(), nullptr, false);
  delivered_.push_back(parsed.is_discarded() ? json(std::string(text)) : parsed);
  widget_.receive(text);
}

json FakeMatrixClient::request(std::string_view action, json data) {
  json r = {{"api", "toWidget"},
            {"widgetId", room_.widget_id},
            {"requestId", "host-" + std::to_string(++next_request_)},
            {"action", action},
            {"data", std::move(data)}};
  deliver(r);
  return r;
}

void FakeMatrixClient::respond(const json& widget_request, json response) {
  json r = widget_request;
  r["response"] = std::move(response);
  deliver(r);
}

void FakeMatrixClient::push_event(const json& event) {
  const std::string* sender = core::string_member(event, "sender");
  const std::string* id = core::string_member(event, "event_id");
  const json* content = core::object_member(event, "content");
  if (sender != nullptr && *sender == room_.admin && id != nullptr && content != nullptr &&
      core::object_member(*content, core::kInviteKey) != nullptr) {
    newest_invite_id_ = *id;
    newest_invite_ = *content;
  }
  request("send_event", event);
}

json FakeMatrixClient::event(std::string event_id, std::string sender, json content,
                             std::int64_t origin_server_ts) const {
  return {{"type", "m.room.message"},        {"sender", std::move(sender)},
          {"event_id", std::move(event_id)}, {"room_id", room_.room_id},
          {"content", std::move(content)},   {"origin_server_ts", origin_server_ts}};
}

json FakeMatrixClient::bot_notice(std::string event_id, std::string body,
                                  std::int64_t origin_server_ts) const {
  return event(std::move(event_id), room_.bot, {{"msgtype", "m.notice"}, {"body", std::move(body)}},
               origin_server_ts);
}

json FakeMatrixClient::bot_reply(std::string event_id, std::string body, std::string in_reply_to,
                                 std::int64_t origin_server_ts) const {
  json reply = bot_notice(std::move(event_id), std::move(body), origin_server_ts);
  reply["content"]["m.relates_to"] = {{"m.in_reply_to", {{"event_id", std::move(in_reply_to)}}}};
  return reply;
}

std::string FakeMatrixClient::fresh_event_id() { return "$event-" + std::to_string(++next_event_); }

std::string FakeMatrixClient::post(std::string sender, json content, std::string event_id) {
  if (event_id.empty()) event_id = fresh_event_id();
  push_event(event(event_id, std::move(sender), std::move(content), kOriginServerTs + clock_.now()));
  return event_id;
}

json FakeMatrixClient::error(std::string_view message) { return {{"error", {{"message", message}}}}; }

json FakeMatrixClient::refusal() { return error(core::kMissingSendCapabilityRefusal); }

json FakeMatrixClient::rate_limited(std::int64_t retry_after_ms) const {
  return {{"error",
           {{"message", "Error sending event"},
            {"matrix_api_error",
             {{"http_status", 429},
              {"http_headers", json::object()},
              {"url", "https://" + room_.server + "/_matrix/client/v3/rooms/send"},
              {"response",
               {{"errcode", "M_LIMIT_EXCEEDED"},
                {"error", "Too many requests"},
                {"retry_after_ms", retry_after_ms}}}}}}}};
}

void FakeMatrixClient::handshake(const std::vector<std::string>& approved, const json& text_history,
                                 const json& notice_history) {
  widget_.start();
  for (const auto& m : outbound()) {
    const std::string action = action_of(m);
    if (action == "content_loaded") respond(m, error("Improper sequence"));
    if (action == "supported_api_versions") respond(m, {{"supported_versions", {"0.0.1", "0.0.2"}}});
  }
  request("capabilities", json::object());
  request("notify_capabilities", {{"requested", core::requested_capabilities()}, {"approved", approved}});
  for (const auto& m : requests(outbound(), core::kActionReadEvents)) {
    const json* data = core::object_member(m, "data");
    const std::string* msgtype = data != nullptr ? core::string_member(*data, "msgtype") : nullptr;
    respond(m, {{"events", msgtype != nullptr && *msgtype == "m.text" ? text_history : notice_history}});
  }
  (void)outbound();
}

std::vector<json> FakeMatrixClient::outbound() {
  std::vector<json> fresh;
  for (const auto& text : widget_.take_outbound()) {
    json message = json::parse(text, nullptr, false);
    if (message.is_discarded()) message = json(text);  // never from our widget; kept to be seen
    if (is_widget_request(message) && action_of(message) == core::kActionSendEvent) ++sends_;
    posted_.push_back(message);
    fresh.push_back(std::move(message));
  }
  return fresh;
}

std::vector<json> FakeMatrixClient::requests(const std::vector<json>& messages, std::string_view action) {
  std::vector<json> out;
  for (const auto& m : messages) {
    if (is_widget_request(m) && action_of(m) == action) out.push_back(m);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Automatic mode: pump, connect, the CompanyBot
// ---------------------------------------------------------------------------------------------

void FakeMatrixClient::connect(bool send_approved) {
  widget_.start();
  pump();
  // Element with waitForIframeLoad: the host asks for capabilities, then says what it approved.
  request("capabilities", json::object());
  const std::vector<std::string> approved =
      send_approved ? core::requested_capabilities()
                    : std::vector<std::string>{std::string(core::kCapRequiresClient)};
  request("notify_capabilities", {{"requested", core::requested_capabilities()}, {"approved", approved}});
  pump();
}

void FakeMatrixClient::pump() {
  for (int round = 0; round < kPumpRounds; ++round) {
    const auto fresh = outbound();
    if (fresh.empty()) return;
    for (const auto& message : fresh) {
      if (is_widget_request(message)) answer(message);  // the widget's answers need nothing more
    }
  }
}

void FakeMatrixClient::answer(const json& widget_request) {
  const std::string action = action_of(widget_request);
  if (action == "content_loaded" || action == "org.matrix.msc2974.request_capabilities") {
    respond(widget_request, json::object());
  } else if (action == "supported_api_versions") {
    respond(widget_request, {{"supported_versions", core::supported_api_versions()}});
  } else if (action == core::kActionReadEvents) {
    respond(widget_request, {{"events", json::array()}});
  } else if (action == core::kActionSendEvent) {
    answer_send(widget_request);
  } else {
    respond(widget_request, error("The fake Matrix client does not implement " + action));
  }
}

void FakeMatrixClient::answer_send(const json& send) {
  switch (std::exchange(next_answer_, SendAnswer::ok)) {
    case SendAnswer::ok: {
      const json* data = core::object_member(send, "data");
      const json* content = data != nullptr ? core::object_member(*data, "content") : nullptr;
      const std::string id = fresh_event_id();
      respond(send, {{"room_id", room_.room_id}, {"event_id", id}});
      post(room_.admin, content != nullptr ? *content : json::object(), id);
      break;
    }
    case SendAnswer::deny: respond(send, refusal()); break;
    case SendAnswer::rate_limit: respond(send, rate_limited(kRateLimitRetryMs)); break;
    case SendAnswer::timeout: break;  // never answered: the widget's request times out
  }
}

void FakeMatrixClient::bot_says(std::string_view text, bool reply_to_request) {
  json content = {{"msgtype", "m.notice"}, {"body", std::string(text)}};
  if (reply_to_request && !newest_invite_id_.empty()) {
    content["m.relates_to"] = {{"m.in_reply_to", {{"event_id", newest_invite_id_}}}};
    const core::BotStatus status = core::classify_bot_text(text);
    if (status.kind != core::BotStatusKind::unknown) {
      content[std::string(kStatusKey)] = status_block(status, newest_invite_, room_.server);
    }
  }
  post(room_.bot, std::move(content));
  if (answering_ == Answering::automatic) pump();
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Recording
// ---------------------------------------------------------------------------------------------

const json* FakeMatrixClient::newest_invite() const noexcept {
  return newest_invite_id_.empty() ? nullptr : &newest_invite_;
}

}  // namespace verji::testing
