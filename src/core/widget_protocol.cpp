// The Matrix Widget API engine, widget side (see widget_protocol.h for what and why).
//
// [SECTION] Constants and small helpers
// [SECTION] Events and names
// [SECTION] Inbound: size, depth, parse, envelope
// [SECTION] toWidget requests
// [SECTION] fromWidget responses and timeouts
// [SECTION] Room events: our invites, other invites, the CompanyBot
// [SECTION] Submissions: submit, resend, states
// [SECTION] History: read_events
// [SECTION] describe()
#include "verji/core/widget_protocol.h"

#include <algorithm>
#include <array>
#include <tuple>
#include <utility>

#include "verji/core/json_fields.h"

namespace verji::core {

using json = nlohmann::json;

// ---------------------------------------------------------------------------------------------
// [SECTION] Constants and small helpers
// ---------------------------------------------------------------------------------------------

namespace {

constexpr std::string_view kFromWidget = "fromWidget";
constexpr std::string_view kToWidget = "toWidget";
constexpr std::string_view kInviteKey = "app.verji.invite";
constexpr std::string_view kStatusKey = "app.verji.invite.status";
constexpr std::string_view kReadEvents = "org.matrix.msc2876.read_events";
constexpr std::string_view kRequestCapabilities = "org.matrix.msc2974.request_capabilities";
constexpr std::string_view kRoomMessage = "m.room.message";

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

// The request_id of an `app.verji.invite` block in `content`, or nullptr.
const std::string* invite_request_id(const json& content) {
  const json* block = object_member(content, kInviteKey);
  if (block == nullptr) return nullptr;
  const std::string* id = string_member(*block, "request_id");
  return (id != nullptr && !id->empty()) ? id : nullptr;
}

bool awaits_bot(SubmissionState state) {
  return state == SubmissionState::sent || state == SubmissionState::processing ||
         state == SubmissionState::no_answer_yet || state == SubmissionState::unknown_text;
}

bool silence_applies(SubmissionState state) {
  return state == SubmissionState::sent || state == SubmissionState::processing;
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

std::string_view to_string(SubmissionState state) noexcept {
  switch (state) {
    case SubmissionState::sending: return "sending";
    case SubmissionState::unknown_after_timeout: return "unknown_after_timeout";
    case SubmissionState::sent: return "sent";
    case SubmissionState::processing: return "processing";
    case SubmissionState::no_answer_yet: return "no_answer_yet";
    case SubmissionState::success: return "success";
    case SubmissionState::email_registered: return "email_registered";
    case SubmissionState::username_taken: return "username_taken";
    case SubmissionState::failed: return "failed";
    case SubmissionState::unknown_text: return "unknown_text";
    case SubmissionState::capability_denied: return "capability_denied";
    case SubmissionState::rate_limited: return "rate_limited";
    case SubmissionState::send_failed: return "send_failed";
  }
  return "sending";
}

bool is_final(SubmissionState state) noexcept {
  return state == SubmissionState::success || state == SubmissionState::email_registered ||
         state == SubmissionState::username_taken || state == SubmissionState::failed;
}

std::string_view to_string(SubmitResult::Code code) noexcept {
  switch (code) {
    case SubmitResult::Code::accepted: return "accepted";
    case SubmitResult::Code::not_ready: return "not_ready";
    case SubmitResult::Code::capability_denied: return "capability_denied";
    case SubmitResult::Code::busy: return "busy";
    case SubmitResult::Code::duplicate: return "duplicate";
    case SubmitResult::Code::invalid: return "invalid";
  }
  return "invalid";
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
  json operator()(const SubmissionChanged& e) const {
    return {{"type", "submission_changed"}, {"request_id", e.request_id}, {"state", to_string(e.state)}};
  }
  json operator()(const HistoryRestored& e) const {
    return {{"type", "history_restored"}, {"submissions", e.submissions}};
  }
};

}  // namespace

json to_json(const EngineEvent& event) { return std::visit(EventToJson{}, event); }

// ---------------------------------------------------------------------------------------------
// [SECTION] Inbound: size, depth, parse, envelope
// ---------------------------------------------------------------------------------------------

WidgetEngine::WidgetEngine(WidgetSession session) : session_(std::move(session)) {}

void WidgetEngine::start(Millis now) {
  if (started_) return;
  started_ = true;
  if (session_.widget_id.empty()) return;  // nobody to talk to until the host names us
  send_request("content_loaded", json::object(), Pending{"", Purpose::content_loaded, "", "", 0}, now);
  send_request("supported_api_versions", json::object(), Pending{"", Purpose::versions, "", "", 0}, now);
}

void WidgetEngine::receive(std::string_view json_text, Millis now) {
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

void WidgetEngine::handle(const json& message, Millis now) {
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
  if (session_.widget_id.empty() && to_widget) {
    session_.widget_id = *widget_id;  // learnt from the host's first request
  }
  if (*widget_id != session_.widget_id) {
    ++counters_.dropped_wrong_widget;
    return;
  }
  if (to_widget) {
    handle_request(message, now);
  } else {
    handle_response(message, now);
  }
}

void WidgetEngine::reply(const json& request, json response) {
  json out = request;
  out["response"] = std::move(response);
  outbound_.push_back(dump_safe(out));
}

std::string WidgetEngine::send_request(std::string action, json data, Pending pending, Millis now) {
  std::string id = "verji-" + std::to_string(next_request_++);
  const json request = {{"api", kFromWidget},
                        {"widgetId", session_.widget_id},
                        {"requestId", id},
                        {"action", action},
                        {"data", std::move(data)}};
  outbound_.push_back(dump_safe(request));
  pending.action = std::move(action);
  pending.deadline = now + session_.request_timeout;
  pending_[id] = std::move(pending);
  return id;
}

std::vector<std::string> WidgetEngine::take_outbound() { return std::exchange(outbound_, {}); }

std::vector<EngineEvent> WidgetEngine::take_events() { return std::exchange(events_, {}); }

// ---------------------------------------------------------------------------------------------
// [SECTION] toWidget requests
// ---------------------------------------------------------------------------------------------

void WidgetEngine::handle_request(const json& request, Millis now) {
  const std::string& action = request["action"].get_ref<const std::string&>();
  const json& data = request["data"];
  if (action == "capabilities") {
    on_capabilities(request);
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
  } else if (action == "send_event") {
    reply(request, json::object());
    on_room_event(data, now);
  } else {
    ++counters_.unknown_actions;
    reply(request, {{"error", {{"message", "Unknown or unsupported to-widget action: " + action}}}});
  }
}

void WidgetEngine::on_capabilities(const json& request) {
  reply(request, {{"capabilities", requested_capabilities()}});
  if (handshake_ == HandshakeState::waiting) handshake_ = HandshakeState::capabilities_sent;
}

void WidgetEngine::on_notify_capabilities(const json& request, Millis now) {
  reply(request, json::object());
  const json& data = request["data"];
  const auto approved = string_array(data, "approved");
  approved_ = std::set<std::string>(approved.begin(), approved.end());
  capabilities_request_pending_ = false;
  const bool first = handshake_ != HandshakeState::ready;
  handshake_ = HandshakeState::ready;
  if (first) events_.emplace_back(HandshakeDone{});
  events_.emplace_back(CapabilitiesChanged{string_array(data, "requested"), approved});
  for (auto& s : submissions_) {
    const bool before = s.resend_allowed;
    refresh_resend(s, now);
    if (before != s.resend_allowed) events_.emplace_back(SubmissionChanged{s.request_id, s.state});
  }
  if (can_receive() && !history_requested_) request_history(Purpose::history, "", now);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] fromWidget responses and timeouts
// ---------------------------------------------------------------------------------------------

void WidgetEngine::handle_response(const json& message, Millis now) {
  const std::string& id = message["requestId"].get_ref<const std::string&>();
  const std::string& action = message["action"].get_ref<const std::string&>();
  const json& response = message["response"];
  auto it = pending_.find(id);
  if (it != pending_.end() && it->second.action == action) {
    const Pending pending = std::move(it->second);
    pending_.erase(it);
    const json* error = object_member(response, "error");
    switch (pending.purpose) {
      case Purpose::content_loaded: {
        const std::string* text = error != nullptr ? string_member(*error, "message") : nullptr;
        content_loaded_answer_ = error == nullptr ? "" : (text != nullptr ? *text : "error");
        break;
      }
      case Purpose::versions:
        if (error == nullptr) {
          host_versions_ = string_array(response, "supported_versions");
          events_.emplace_back(HostVersions{host_versions_});
        }
        break;
      case Purpose::send: on_send_response(pending, response, now, false); break;
      case Purpose::history:
      case Purpose::check:
        on_read_events_response(pending, error == nullptr ? &response : nullptr, now);
        break;
      case Purpose::capabilities: capabilities_request_pending_ = false; break;
    }
    return;
  }
  auto late = timed_out_.find(id);
  if (late != timed_out_.end() && late->second.action == action) {
    ++counters_.late_responses;
    const Pending pending = std::move(late->second);
    timed_out_.erase(late);
    on_send_response(pending, response, now, true);
    return;
  }
  ++counters_.dropped_unexpected;
}

void WidgetEngine::tick(Millis now) {
  std::vector<std::pair<std::string, Pending>> expired;
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (it->second.deadline <= now) {
      expired.emplace_back(it->first, std::move(it->second));
      it = pending_.erase(it);
    } else {
      ++it;
    }
  }
  // In the order they were due, then sent ("verji-9" before "verji-10").
  std::sort(expired.begin(), expired.end(), [](const auto& a, const auto& b) {
    return std::make_tuple(a.second.deadline, a.first.size(), a.first) <
           std::make_tuple(b.second.deadline, b.first.size(), b.first);
  });
  for (const auto& [id, pending] : expired) on_timeout(id, pending, now);
  for (auto& s : submissions_) {
    if (silence_applies(s.state) && now >= s.updated_at + session_.silence_timeout) {
      set_state(s, SubmissionState::no_answer_yet, now);
    } else if (s.state == SubmissionState::rate_limited && !s.resend_allowed && s.retry_at &&
               now >= *s.retry_at) {
      refresh_resend(s, now);
      if (s.resend_allowed) events_.emplace_back(SubmissionChanged{s.request_id, s.state});
    }
  }
}

std::optional<Millis> WidgetEngine::next_deadline() const {
  std::optional<Millis> next;
  const auto consider = [&next](Millis at) {
    if (!next || at < *next) next = at;
  };
  for (const auto& [id, pending] : pending_) consider(pending.deadline);
  for (const auto& s : submissions_) {
    if (silence_applies(s.state)) consider(s.updated_at + session_.silence_timeout);
    if (s.state == SubmissionState::rate_limited && !s.resend_allowed && s.retry_at) consider(*s.retry_at);
  }
  return next;
}

void WidgetEngine::on_timeout(const std::string& id, const Pending& pending, Millis now) {
  ++counters_.timeouts;
  switch (pending.purpose) {
    case Purpose::content_loaded:
    case Purpose::versions: break;
    case Purpose::capabilities: capabilities_request_pending_ = false; break;
    case Purpose::history:
    case Purpose::check: on_read_events_response(pending, nullptr, now); break;
    case Purpose::send: {
      timed_out_[id] = pending;
      Submission* s = find_mut(pending.request_id);
      if (s == nullptr) break;
      s->in_flight = false;
      if (s->state != SubmissionState::sending) {  // the echo already settled it
        refresh_resend(*s, now);
        break;
      }
      const bool can_check = approved_.count(std::string(kCapReceiveText)) > 0;
      s->checking = can_check;
      set_state(*s, SubmissionState::unknown_after_timeout, now);
      if (can_check) request_history(Purpose::check, s->request_id, now);
      break;
    }
  }
}

void WidgetEngine::on_send_response(const Pending& pending, const json& response, Millis now, bool late) {
  Submission* s = find_mut(pending.request_id);
  if (s == nullptr) return;
  if (!late) s->in_flight = false;
  const json* error = object_member(response, "error");
  if (error == nullptr) {
    const std::string* event_id = string_member(response, "event_id");
    if (event_id != nullptr && !event_id->empty()) {
      if (s->event_id.empty()) s->event_id = *event_id;
      invite_events_.emplace(*event_id, s->request_id);
      note_appearance(*s);
    }
    s->checking = false;
    if (s->state == SubmissionState::sending || s->state == SubmissionState::unknown_after_timeout) {
      set_state(*s, SubmissionState::sent, now);
    } else {
      refresh_resend(*s, now);
    }
    return;
  }
  // An error only counts while we do not know better (the echo proves the event exists).
  if (s->state != SubmissionState::sending && s->state != SubmissionState::unknown_after_timeout) {
    refresh_resend(*s, now);
    return;
  }
  s->checking = false;
  const std::string* message = string_member(*error, "message");
  s->reason = message != nullptr ? *message : "";
  const json* api_error = object_member(*error, "matrix_api_error");
  const json* body = api_error != nullptr ? object_member(*api_error, "response") : nullptr;
  const std::string* errcode = body != nullptr ? string_member(*body, "errcode") : nullptr;
  const auto status = api_error != nullptr ? api_error->find("http_status") : json::const_iterator{};
  const bool too_many =
      (api_error != nullptr && status != api_error->end() && status->is_number_integer() && *status == 429) ||
      (errcode != nullptr && *errcode == "M_LIMIT_EXCEEDED");
  if (too_many) {
    Millis wait = 5000;
    if (body != nullptr) {
      const auto retry = body->find("retry_after_ms");
      if (retry != body->end() && retry->is_number_integer()) wait = retry->get<Millis>();
    }
    s->retry_at = now + std::clamp<Millis>(wait, 0, 3600000);
    set_state(*s, SubmissionState::rate_limited, now);
  } else if (!can_send() || (api_error == nullptr && s->reason == kMissingSendCapabilityRefusal)) {
    set_state(*s, SubmissionState::capability_denied, now);
  } else {
    set_state(*s, SubmissionState::send_failed, now);
  }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Room events: our invites, other invites, the CompanyBot
// ---------------------------------------------------------------------------------------------

void WidgetEngine::on_room_event(const json& event, Millis now) {
  const std::string* type = string_member(event, "type");
  const std::string* event_id = string_member(event, "event_id");
  const std::string* sender = string_member(event, "sender");
  const json* content = object_member(event, "content");
  const std::string* room_id = string_member(event, "room_id");
  if (type == nullptr || *type != kRoomMessage || event_id == nullptr || event_id->empty() ||
      sender == nullptr || content == nullptr || event.contains("state_key") ||
      (room_id != nullptr && !session_.room_id.empty() && *room_id != session_.room_id)) {
    ++counters_.ignored_events;
    return;
  }
  if (!seen_events_.insert(*event_id).second) {
    ++counters_.duplicate_events;
    return;
  }
  ++sequence_;
  if (const std::string* request_id = invite_request_id(*content)) {
    // Ours: sent by our user; without a user id from the URL, one of this session's request ids.
    const bool ours = session_.user_id.empty() ? find(*request_id) != nullptr : *sender == session_.user_id;
    if (ours) {
      on_own_invite(event, *request_id, now);
    } else {
      on_foreign_invite();
    }
    return;
  }
  if (!session_.bot_user_id.empty() && *sender == session_.bot_user_id) {
    on_bot_message(event, now);
    return;
  }
  ++counters_.ignored_events;
}

void WidgetEngine::on_own_invite(const json& event, const std::string& request_id, Millis now) {
  const std::string& event_id = event["event_id"].get_ref<const std::string&>();
  invite_events_.emplace(event_id, request_id);
  Submission* s = find_mut(request_id);
  if (s != nullptr && s->echo_seen) return;  // a second copy of a resent invite: the first one counts
  if (s == nullptr) {                        // sent by another session of our user: follow it too
    Submission restored;
    restored.request_id = request_id;
    restored.content = event["content"];
    restored.state = SubmissionState::sent;
    restored.restored = true;
    restored.created_at = now;
    submissions_.push_back(std::move(restored));
    s = &submissions_.back();
  }
  s->echo_seen = true;
  if (s->event_id.empty()) s->event_id = event_id;
  s->checking = false;
  note_appearance(*s);
  if (s->restored || s->state == SubmissionState::sending ||
      s->state == SubmissionState::unknown_after_timeout || s->state == SubmissionState::send_failed ||
      s->state == SubmissionState::rate_limited || s->state == SubmissionState::capability_denied) {
    set_state(*s, SubmissionState::sent, now);
  }
}

bool WidgetEngine::is_open(const Submission& s) {
  return (s.echo_seen || !s.event_id.empty()) && awaits_bot(s.state);
}

void WidgetEngine::note_appearance(const Submission& s) {
  if (!order_since_.emplace(s.request_id, sequence_).second) return;  // seen before (response or echo)
  bool others = false;
  for (const auto& other : submissions_) {
    if (other.request_id != s.request_id && is_open(other)) {
      ambiguous_.insert(other.request_id);
      others = true;
    }
  }
  if (others) ambiguous_.insert(s.request_id);
}

void WidgetEngine::on_foreign_invite() {
  for (const auto& s : submissions_) {
    if (is_open(s)) ambiguous_.insert(s.request_id);
  }
}

void WidgetEngine::on_bot_message(const json& event, Millis now) {
  const json& content = event["content"];
  const std::string& bot_event_id = event["event_id"].get_ref<const std::string&>();
  const std::string* body = string_member(content, "body");
  if (body == nullptr) {
    ++counters_.ignored_events;
    return;
  }
  // 1. The echoed block; when present and well-formed it decides, for us or for someone else.
  if (const json* block = object_member(content, kStatusKey)) {
    if (auto parsed = status_from_block(*block)) {
      Submission* s = find_mut(parsed->request_id);
      if (s == nullptr) {
        ++counters_.ignored_events;
        return;
      }
      parsed->status.text = *body;
      apply_bot_status(*s, parsed->status, bot_event_id, now);
      return;
    }
  }
  // 2. A rich reply: to one of our invites, or to something else (then not ours).
  if (const json* relates = object_member(content, "m.relates_to")) {
    if (const json* reply_to = object_member(*relates, "m.in_reply_to")) {
      const std::string* target = string_member(*reply_to, "event_id");
      const auto it = target != nullptr ? invite_events_.find(*target) : invite_events_.end();
      Submission* s = it != invite_events_.end() ? find_mut(it->second) : nullptr;
      if (s == nullptr) {
        ++counters_.ignored_events;
        return;
      }
      apply_bot_status(*s, classify_bot_text(*body), bot_event_id, now);
      return;
    }
  }
  // 3. Order: exactly one of our requests waits, its event came first, and no other invite since.
  Submission* only = nullptr;
  std::size_t open = 0;
  for (auto& s : submissions_) {
    if (is_open(s)) {
      ++open;
      only = &s;
    }
  }
  if (open != 1 || ambiguous_.count(only->request_id) > 0) {
    ++counters_.ignored_events;
    return;
  }
  const auto since = order_since_.find(only->request_id);
  if (since == order_since_.end() || since->second >= sequence_) {
    ++counters_.ignored_events;
    return;
  }
  apply_bot_status(*only, classify_bot_text(*body), bot_event_id, now);
}

void WidgetEngine::apply_bot_status(Submission& s, const BotStatus& status, const std::string& bot_event_id,
                                    Millis now) {
  const bool final_now = is_final(s.state);
  if (final_now && (status.kind == BotStatusKind::processing || status.kind == BotStatusKind::unknown)) {
    ++counters_.ignored_events;  // a late "Processing" or chatter never undoes an outcome
    return;
  }
  s.bot_event_id = bot_event_id;
  s.text = status.text;
  s.checking = false;
  switch (status.kind) {
    case BotStatusKind::processing: set_state(s, SubmissionState::processing, now); break;
    case BotStatusKind::success:
      if (!status.user_id.empty()) s.user_id = status.user_id;
      set_state(s, SubmissionState::success, now);
      break;
    case BotStatusKind::email_registered:
      s.email = status.email;
      s.user_id = status.user_id;
      s.room = status.room;
      set_state(s, SubmissionState::email_registered, now);
      break;
    case BotStatusKind::username_taken:
      s.username = status.username;
      set_state(s, SubmissionState::username_taken, now);
      break;
    case BotStatusKind::failed:
      s.reason = status.reason;
      set_state(s, SubmissionState::failed, now);
      break;
    case BotStatusKind::unknown: set_state(s, SubmissionState::unknown_text, now); break;
  }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Submissions: submit, resend, states
// ---------------------------------------------------------------------------------------------

const Submission* WidgetEngine::find(std::string_view request_id) const {
  const auto it = std::find_if(submissions_.begin(), submissions_.end(),
                               [&](const Submission& s) { return s.request_id == request_id; });
  return it == submissions_.end() ? nullptr : &*it;
}

Submission* WidgetEngine::find_mut(std::string_view request_id) {
  return const_cast<Submission*>(std::as_const(*this).find(request_id));
}

bool WidgetEngine::can_send() const { return approved_.count(std::string(kCapSendText)) > 0; }

bool WidgetEngine::can_receive() const {
  return approved_.count(std::string(kCapReceiveNotice)) > 0 ||
         approved_.count(std::string(kCapReceiveText)) > 0;
}

bool WidgetEngine::send_in_flight() const {
  return std::any_of(submissions_.begin(), submissions_.end(),
                     [](const Submission& s) { return s.in_flight; });
}

SubmitResult WidgetEngine::submit(std::string request_id, json content, Millis now) {
  using Code = SubmitResult::Code;
  if (handshake_ != HandshakeState::ready) return {Code::not_ready};
  if (!can_send()) return {Code::capability_denied};
  if (send_in_flight()) return {Code::busy};
  const std::string* block_id = invite_request_id(content);
  const std::string* msgtype = string_member(content, "msgtype");
  if (request_id.empty() || block_id == nullptr || *block_id != request_id || msgtype == nullptr ||
      *msgtype != "m.text" || string_member(content, "body") == nullptr) {
    return {Code::invalid};
  }
  if (find(request_id) != nullptr) return {Code::duplicate};
  Submission s;
  s.request_id = std::move(request_id);
  s.content = std::move(content);
  s.created_at = now;
  submissions_.push_back(std::move(s));
  post_send(submissions_.back(), now);
  return {Code::accepted};
}

bool WidgetEngine::resend(std::string_view request_id, Millis now) {
  Submission* s = find_mut(request_id);
  if (s == nullptr) return false;
  refresh_resend(*s, now);
  if (!s->resend_allowed || send_in_flight()) return false;
  post_send(*s, now);
  return true;
}

bool WidgetEngine::request_capabilities(Millis now) {
  if (handshake_ != HandshakeState::ready || capabilities_request_pending_) return false;
  json missing = json::array();
  for (const auto& cap : requested_capabilities()) {
    if (approved_.count(cap) == 0) missing.push_back(cap);
  }
  if (missing.empty()) return false;
  capabilities_request_pending_ = true;
  send_request(std::string(kRequestCapabilities), {{"capabilities", std::move(missing)}},
               Pending{"", Purpose::capabilities, "", "", 0}, now);
  return true;
}

void WidgetEngine::post_send(Submission& s, Millis now) {
  s.in_flight = true;
  s.checking = false;
  s.retry_at.reset();
  s.reason.clear();
  ++s.send_attempts;
  send_request("send_event", {{"type", kRoomMessage}, {"content", s.content}},
               Pending{"", Purpose::send, s.request_id, "", 0}, now);
  set_state(s, SubmissionState::sending, now);
}

void WidgetEngine::set_state(Submission& s, SubmissionState state, Millis now) {
  s.state = state;
  s.updated_at = now;
  refresh_resend(s, now);
  events_.emplace_back(SubmissionChanged{s.request_id, state});
}

void WidgetEngine::refresh_resend(Submission& s, Millis now) {
  bool allowed = false;
  switch (s.state) {
    case SubmissionState::unknown_after_timeout: allowed = !s.checking; break;
    case SubmissionState::send_failed: allowed = true; break;
    case SubmissionState::rate_limited: allowed = !s.retry_at || now >= *s.retry_at; break;
    case SubmissionState::capability_denied: allowed = can_send(); break;
    default: allowed = false; break;
  }
  s.resend_allowed = allowed && !s.in_flight && handshake_ == HandshakeState::ready;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] History: read_events
// ---------------------------------------------------------------------------------------------

void WidgetEngine::request_history(Purpose purpose, const std::string& request_id, Millis now) {
  const auto ask = [&](std::string_view msgtype) {
    send_request(std::string(kReadEvents),
                 {{"type", kRoomMessage}, {"msgtype", msgtype}, {"limit", session_.history_limit}},
                 Pending{"", purpose, request_id, std::string(msgtype), 0}, now);
  };
  if (purpose == Purpose::check) {
    checks_[request_id] = HistoryBatch{1, {}};
    ask("m.text");
    return;
  }
  history_requested_ = true;
  history_ = HistoryBatch{};
  for (const auto msgtype : {std::string_view("m.text"), std::string_view("m.notice")}) {
    const std::string cap = "org.matrix.msc2762.receive.event:m.room.message#" + std::string(msgtype);
    if (approved_.count(cap) == 0) continue;
    ++history_.outstanding;
    ask(msgtype);
  }
}

void WidgetEngine::on_read_events_response(const Pending& pending, const json* response, Millis now) {
  HistoryBatch* batch = nullptr;
  if (pending.purpose == Purpose::check) {
    const auto it = checks_.find(pending.request_id);
    if (it == checks_.end()) return;
    batch = &it->second;
  } else {
    batch = &history_;
  }
  if (response != nullptr) {
    const auto events = response->find("events");
    if (events != response->end() && events->is_array()) {
      // The host answers newest first; keep each list oldest first.
      for (auto it = events->rbegin(); it != events->rend(); ++it) {
        if (it->is_object()) batch->events.push_back(*it);
      }
    }
  }
  if (--batch->outstanding > 0) return;
  std::vector<json> events = std::move(batch->events);
  if (pending.purpose == Purpose::check) {
    checks_.erase(pending.request_id);
    finish_check(pending.request_id, events, now);
    return;
  }
  history_ = HistoryBatch{};
  const auto ts = [](const json& e) -> std::int64_t {
    const auto it = e.find("origin_server_ts");
    return it != e.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
  };
  std::stable_sort(events.begin(), events.end(), [&](const json& a, const json& b) { return ts(a) < ts(b); });
  for (const auto& event : events) on_room_event(event, now);
  events_.emplace_back(HistoryRestored{submissions_.size()});
}

void WidgetEngine::finish_check(const std::string& request_id, const std::vector<json>& events, Millis now) {
  for (const auto& event : events) {
    const std::string* sender = string_member(event, "sender");
    const json* content = object_member(event, "content");
    const std::string* id = content != nullptr ? invite_request_id(*content) : nullptr;
    if (sender != nullptr && (session_.user_id.empty() || *sender == session_.user_id) && id != nullptr &&
        *id == request_id) {
      on_room_event(event, now);  // settles it like a live echo (once: duplicates are skipped)
    }
  }
  Submission* s = find_mut(request_id);
  if (s == nullptr || !s->checking) return;
  s->checking = false;
  refresh_resend(*s, now);
  events_.emplace_back(SubmissionChanged{s->request_id, s->state});
}

// ---------------------------------------------------------------------------------------------
// [SECTION] describe()
// ---------------------------------------------------------------------------------------------

std::string describe(Lang lang, const Submission& s) {
  switch (s.state) {
    case SubmissionState::sending: return format(lang, Msg::submission_sending, {});
    case SubmissionState::unknown_after_timeout:
      if (s.checking) return format(lang, Msg::submission_checking, {});
      return format(lang, Msg::submission_unknown_after_timeout, {}) + "\n" +
             format(lang, Msg::submission_not_found_hint, {});
    case SubmissionState::sent: return format(lang, Msg::submission_sent, {});
    case SubmissionState::processing: return format(lang, Msg::submission_processing, {});
    case SubmissionState::no_answer_yet: return format(lang, Msg::submission_no_answer_yet, {});
    case SubmissionState::success:
      if (s.user_id.empty()) return format(lang, Msg::submission_success, {});
      return format(lang, Msg::submission_success_user, {{"user_id", s.user_id}});
    case SubmissionState::email_registered: {
      std::string out = s.email.empty()
                            ? format(lang, Msg::submission_email_registered, {})
                            : format(lang, Msg::submission_email_registered_email, {{"email", s.email}});
      if (!s.room.empty())
        out += "\n" + format(lang, Msg::submission_email_registered_room, {{"room", s.room}});
      return out;
    }
    case SubmissionState::username_taken:
      return format(lang, Msg::submission_username_taken, {{"username", s.username}}) + "\n" +
             format(lang, Msg::submission_username_taken_hint, {});
    case SubmissionState::failed:
      if (s.reason.empty()) return format(lang, Msg::submission_failed_plain, {});
      return format(lang, Msg::submission_failed, {{"reason", s.reason}});
    case SubmissionState::unknown_text: return format(lang, Msg::submission_unknown_text, {{"text", s.text}});
    case SubmissionState::capability_denied: return format(lang, Msg::submission_capability_denied, {});
    case SubmissionState::rate_limited: return format(lang, Msg::submission_rate_limited, {});
    case SubmissionState::send_failed:
      return format(lang, Msg::submission_send_failed, {{"reason", s.reason}});
  }
  return {};
}

}  // namespace verji::core
