// The Matrix Widget API client, widget side (see widget_api_client.h for what and why).
//
// [SECTION] Capabilities, versions, errors
// [SECTION] Events and names
// [SECTION] Inbound: size, depth, parse, envelope
// [SECTION] toWidget requests
// [SECTION] fromWidget requests, answers and timeouts
#include "verji/core/widget_api_client.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "verji/core/json_fields.h"

namespace verji::core {

using json = nlohmann::json;

// ---------------------------------------------------------------------------------------------
// [SECTION] Capabilities, versions, errors
// ---------------------------------------------------------------------------------------------

namespace {

constexpr std::string_view kFromWidget = "fromWidget";
constexpr std::string_view kToWidget = "toWidget";
constexpr std::string_view kActionRequestCapabilities = "org.matrix.msc2974.request_capabilities";

// Deepest nesting of arrays/objects in `text`, stopping early once over `limit`. Strings are
// skipped, so brackets inside them do not count.
int nesting_depth(std::string_view text, int limit) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

std::optional<std::int64_t> integer_member(const json& object, std::string_view name) {
  if (!object.is_object()) return std::nullopt;
  const auto it = object.find(name);
  if (it == object.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<std::int64_t>();
}

}  // namespace

std::vector<std::string> requested_capabilities() {
  return {std::string(kCapSendText), std::string(kCapReceiveNotice), std::string(kCapReceiveText),
          std::string(kCapRequiresClient)};
}

std::vector<std::string> supported_api_versions() {
  // No org.matrix.msc2762_update_state: update_state is not handled (hosts then do not send it).
  return {"0.0.1",
          "0.0.2",
          "org.matrix.msc2762",
          "org.matrix.msc2871",
          "org.matrix.msc2873",
          "org.matrix.msc2876",
          "org.matrix.msc2974"};
}

std::optional<HostError> error_of(const json& response) {
  const json* error = object_member(response, "error");
  if (error == nullptr) return std::nullopt;
  HostError out;
  if (const std::string* message = string_member(*error, "message")) out.message = *message;
  if (const json* api_error = object_member(*error, "matrix_api_error")) {
    out.from_homeserver = true;
    out.http_status = integer_member(*api_error, "http_status");
    if (const json* body = object_member(*api_error, "response")) {
      if (const std::string* errcode = string_member(*body, "errcode")) out.errcode = *errcode;
      out.retry_after_ms = integer_member(*body, "retry_after_ms");
    }
  }
  return out;
}

bool is_missing_capability_refusal(const HostError& error) noexcept {
  return !error.from_homeserver && error.message == kMissingSendCapabilityRefusal;
}

bool is_rate_limited(const HostError& error) noexcept {
  return (error.http_status && *error.http_status == 429) || error.errcode == "M_LIMIT_EXCEEDED";
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Events and names
// ---------------------------------------------------------------------------------------------

std::string_view to_string(HandshakeState state) noexcept {
  switch (state) {
    case HandshakeState::waiting: return "waiting";
    case HandshakeState::capabilities_sent: return "capabilities_sent";
    case HandshakeState::ready: return "ready";
  }
  return "waiting";
}

namespace {

struct EventToJson {
  json operator()(const HandshakeDone&) const { return {{"type", "handshake_done"}}; }
  json operator()(const CapabilitiesChanged& e) const {
    return {{"type", "capabilities_changed"}, {"requested", e.requested}, {"approved", e.approved}};
  }
  json operator()(const HostVersions& e) const {
    return {{"type", "host_versions"}, {"versions", e.versions}};
  }
  json operator()(const ThemeChanged& e) const { return {{"type", "theme_changed"}, {"name", e.name}}; }
  json operator()(const LanguageChanged& e) const { return {{"type", "language_changed"}, {"lang", e.lang}}; }
  json operator()(const VisibilityChanged& e) const {
    return {{"type", "visibility_changed"}, {"visible", e.visible}};
  }
  json operator()(const CapabilitiesRefused& e) const {
    const char* how = e.how == CapabilitiesRefused::How::error       ? "error"
                      : e.how == CapabilitiesRefused::How::no_answer ? "no_answer"
                                                                     : "not_granted";
    json out = {{"type", "capabilities_refused"}, {"how", how}, {"missing", e.missing}};
    if (!e.message.empty()) out["message"] = e.message;
    return out;
  }
};

}  // namespace

json to_json(const WidgetApiEvent& event) { return std::visit(EventToJson{}, event); }

json to_json(const WidgetApiCounters& c) {
  return {{"received", c.received},
          {"dropped_oversized", c.dropped_oversized},
          {"dropped_malformed", c.dropped_malformed},
          {"dropped_wrong_widget", c.dropped_wrong_widget},
          {"dropped_own_echo", c.dropped_own_echo},
          {"dropped_unexpected", c.dropped_unexpected},
          {"ignored_grants", c.ignored_grants},
          {"unknown_actions", c.unknown_actions},
          {"timeouts", c.timeouts},
          {"late_responses", c.late_responses}};
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Inbound: size, depth, parse, envelope
// ---------------------------------------------------------------------------------------------

WidgetApiClient::WidgetApiClient(WidgetApiConfig config) : config_(std::move(config)) {}

void WidgetApiClient::start(Millis now) {
  if (started_) return;
  started_ = true;
  if (config_.widget_id.empty()) return;  // nobody to talk to until the host names us
  send_request("content_loaded", json::object(), Task::content_loaded, LateAnswer::drop, now);
  send_request("supported_api_versions", json::object(), Task::versions, LateAnswer::drop, now);
}

void WidgetApiClient::receive(std::string_view json_text, Millis now) {
  ++counters_.received;
  if (json_text.size() > kMaxInboundBytes) {
    ++counters_.dropped_oversized;
    return;
  }
  if (nesting_depth(json_text, kMaxInboundDepth) > kMaxInboundDepth) {
    ++counters_.dropped_malformed;
    return;
  }
  const json message = json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (message.is_discarded()) {
    ++counters_.dropped_malformed;
    return;
  }
  handle(message, now);
}

void WidgetApiClient::handle(const json& message, Millis now) {
  const std::string* api = string_member(message, "api");
  const std::string* widget_id = string_member(message, "widgetId");
  const std::string* request_id = string_member(message, "requestId");
  const std::string* action = string_member(message, "action");
  const json* data = object_member(message, "data");
  const bool has_response = message.is_object() && message.contains("response");
  if (api == nullptr || widget_id == nullptr || request_id == nullptr || action == nullptr ||
      data == nullptr || request_id->empty() || action->empty() || widget_id->empty() ||
      (*api != kFromWidget && *api != kToWidget) ||
      (has_response && object_member(message, "response") == nullptr)) {
    ++counters_.dropped_malformed;
    return;
  }
  const bool to_widget = *api == kToWidget;
  if (to_widget == has_response) {  // our own request or reply, delivered back by a same-window host
    ++counters_.dropped_own_echo;
    return;
  }
  if (config_.widget_id.empty() && to_widget) {
    config_.widget_id = *widget_id;  // learnt from the host's first request
  }
  if (*widget_id != config_.widget_id) {
    ++counters_.dropped_wrong_widget;
    return;
  }
  if (to_widget) {
    handle_request(message, now);
  } else {
    handle_response(message, now);
  }
}

std::vector<std::string> WidgetApiClient::take_outbound() { return std::exchange(outbound_, {}); }

std::vector<WidgetApiEvent> WidgetApiClient::take_events() { return std::exchange(events_, {}); }

// ---------------------------------------------------------------------------------------------
// [SECTION] toWidget requests
// ---------------------------------------------------------------------------------------------

void WidgetApiClient::reply(const json& request, json response) {
  json out = request;
  out["response"] = std::move(response);
  outbound_.push_back(dump_safe(out));
}

void WidgetApiClient::handle_request(const json& request, Millis now) {
  const std::string& action = request["action"].get_ref<const std::string&>();
  const json& data = request["data"];
  if (action == "capabilities") {
    reply(request, {{"capabilities", requested_capabilities()}});
    if (handshake_ == HandshakeState::waiting) handshake_ = HandshakeState::capabilities_sent;
  } else if (action == "notify_capabilities") {
    on_notify_capabilities(request, now);
  } else if (action == "supported_api_versions") {
    reply(request, {{"supported_versions", supported_api_versions()}});
  } else if (action == "theme_change") {
    reply(request, json::object());
    if (const std::string* name = string_member(data, "name")) {
      theme_ = *name;
      events_.emplace_back(ThemeChanged{*name});
    }
  } else if (action == "language_change") {
    reply(request, json::object());
    if (const std::string* lang = string_member(data, "lang")) {
      language_ = *lang;
      events_.emplace_back(LanguageChanged{*lang});
    }
  } else if (action == "visibility") {
    reply(request, json::object());
    const auto it = data.find("visible");
    if (it != data.end() && it->is_boolean()) {
      visible_ = it->get<bool>();
      events_.emplace_back(VisibilityChanged{visible_});
    }
  } else if (action == kActionSendEvent) {
    reply(request, json::object());
    if (listener_ != nullptr) listener_->on_room_event(data, now);
  } else {
    ++counters_.unknown_actions;
    reply(request, {{"error", {{"message", "Unknown or unsupported to-widget action: " + action}}}});
  }
}

void WidgetApiClient::on_notify_capabilities(const json& request, Millis now) {
  reply(request, json::object());
  const json& data = request["data"];
  // Only what the widget asked for is taken: a grant of anything else means nothing to it.
  const auto asked = requested_capabilities();
  std::vector<std::string> approved;
  for (auto& cap : string_array(data, "approved")) {
    if (std::find(asked.begin(), asked.end(), cap) == asked.end()) {
      ++counters_.ignored_grants;
    } else if (std::find(approved.begin(), approved.end(), cap) == approved.end()) {
      approved.push_back(std::move(cap));
    }
  }
  approved_ = std::set<std::string, std::less<>>(approved.begin(), approved.end());
  capabilities_request_pending_ = false;
  const bool first = handshake_ != HandshakeState::ready;
  handshake_ = HandshakeState::ready;
  if (first) events_.emplace_back(HandshakeDone{});
  events_.emplace_back(CapabilitiesChanged{string_array(data, "requested"), approved});
  if (!asked_again_.empty()) {  // the host's decision on request_capabilities()
    std::vector<std::string> missing;
    for (const auto& cap : asked_again_) {
      if (!this->approved(cap)) missing.push_back(cap);
    }
    asked_again_.clear();
    if (!missing.empty())
      events_.emplace_back(CapabilitiesRefused{CapabilitiesRefused::How::not_granted, missing, {}});
  }
  if (listener_ != nullptr) listener_->on_capabilities_changed(now);
}

bool WidgetApiClient::can_receive() const { return approved(kCapReceiveNotice) || approved(kCapReceiveText); }

// ---------------------------------------------------------------------------------------------
// [SECTION] fromWidget requests, answers and timeouts
// ---------------------------------------------------------------------------------------------

RequestHandle WidgetApiClient::send_request(std::string action, json data, Task task, LateAnswer late,
                                            Millis now) {
  const RequestHandle handle{next_serial_++};
  std::string id = "verji-" + std::to_string(handle.serial);
  const json request = {{"api", kFromWidget},
                        {"widgetId", config_.widget_id},
                        {"requestId", id},
                        {"action", action},
                        {"data", std::move(data)}};
  outbound_.push_back(dump_safe(request));
  Pending pending;
  pending.action = std::move(action);
  pending.task = task;
  pending.handle = handle;
  pending.late = late;
  pending.deadline = now + config_.request_timeout;
  pending_[std::move(id)] = std::move(pending);
  return handle;
}

RequestHandle WidgetApiClient::request(std::string action, json data, Millis now, LateAnswer late) {
  return send_request(std::move(action), std::move(data), Task::listener, late, now);
}

RequestHandle WidgetApiClient::send_event(std::string_view type, const json& content, Millis now) {
  return request(std::string(kActionSendEvent), {{"type", type}, {"content", content}}, now,
                 LateAnswer::deliver);
}

RequestHandle WidgetApiClient::read_events(std::string_view type, std::string_view msgtype, int limit,
                                           Millis now) {
  return request(std::string(kActionReadEvents), {{"type", type}, {"msgtype", msgtype}, {"limit", limit}},
                 now);
}

bool WidgetApiClient::request_capabilities(Millis now) {
  if (handshake_ != HandshakeState::ready || capabilities_request_pending_) return false;
  json missing = json::array();
  for (const auto& cap : requested_capabilities()) {
    if (!approved(cap)) missing.push_back(cap);
  }
  if (missing.empty()) return false;
  capabilities_request_pending_ = true;
  asked_again_ = missing.get<std::vector<std::string>>();
  send_request(std::string(kActionRequestCapabilities), {{"capabilities", std::move(missing)}},
               Task::capabilities, LateAnswer::drop, now);
  return true;
}

void WidgetApiClient::handle_response(const json& message, Millis now) {
  const std::string& id = message["requestId"].get_ref<const std::string&>();
  const std::string& action = message["action"].get_ref<const std::string&>();
  const json& response = message["response"];
  auto it = pending_.find(id);
  if (it != pending_.end() && it->second.action == action) {
    const Pending pending = std::move(it->second);
    pending_.erase(it);
    if (pending.task != Task::listener) {
      on_own_answer(pending, response);
    } else if (listener_ != nullptr) {
      listener_->on_answer(pending.handle, response, false, now);
    }
    return;
  }
  auto late = timed_out_.find(id);
  if (late != timed_out_.end() && late->second.action == action) {
    ++counters_.late_responses;
    const RequestHandle handle = late->second.handle;
    timed_out_.erase(late);
    if (listener_ != nullptr) listener_->on_answer(handle, response, true, now);
    return;
  }
  ++counters_.dropped_unexpected;
}

void WidgetApiClient::on_own_answer(const Pending& pending, const json& response) {
  const auto error = error_of(response);
  switch (pending.task) {
    case Task::content_loaded: {
      const json* raw = object_member(response, "error");
      const std::string* text = raw != nullptr ? string_member(*raw, "message") : nullptr;
      content_loaded_answer_ = !error ? "" : (text != nullptr ? *text : "error");
      break;
    }
    case Task::versions:
      if (!error) {
        host_versions_ = string_array(response, "supported_versions");
        events_.emplace_back(HostVersions{host_versions_});
      }
      break;
    case Task::capabilities:
      capabilities_request_pending_ = false;
      if (error && !asked_again_.empty()) {  // {}: the host's decision comes as notify_capabilities
        const json* raw = object_member(response, "error");
        const std::string* text = raw != nullptr ? string_member(*raw, "message") : nullptr;
        events_.emplace_back(CapabilitiesRefused{CapabilitiesRefused::How::error, std::move(asked_again_),
                                                 text != nullptr ? *text : std::string()});
        asked_again_.clear();
      }
      break;
    case Task::listener: break;
  }
}

void WidgetApiClient::tick(Millis now) {
  std::vector<Pending> expired;
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (it->second.deadline <= now) {
      if (it->second.late == LateAnswer::deliver) timed_out_[it->first] = it->second;
      expired.push_back(std::move(it->second));
      it = pending_.erase(it);
    } else {
      ++it;
    }
  }
  // In the order they were due, then sent ("verji-9" before "verji-10").
  std::sort(expired.begin(), expired.end(), [](const Pending& a, const Pending& b) {
    return std::make_tuple(a.deadline, a.handle.serial) < std::make_tuple(b.deadline, b.handle.serial);
  });
  for (const auto& pending : expired) {
    ++counters_.timeouts;
    if (pending.task == Task::capabilities) {
      capabilities_request_pending_ = false;
      if (!asked_again_.empty()) {
        events_.emplace_back(
            CapabilitiesRefused{CapabilitiesRefused::How::no_answer, std::move(asked_again_), {}});
        asked_again_.clear();
      }
    }
    if (pending.task == Task::listener && listener_ != nullptr) listener_->on_timeout(pending.handle, now);
  }
  if (listener_ != nullptr) listener_->on_tick(now);
}

std::optional<Millis> WidgetApiClient::next_deadline() const {
  std::optional<Millis> next = listener_ != nullptr ? listener_->next_deadline() : std::nullopt;
  for (const auto& [id, pending] : pending_) {
    if (!next || pending.deadline < *next) next = pending.deadline;
  }
  return next;
}

}  // namespace verji::core
