// The invite tracker (see invite_tracker.h for what and why).
//
// [SECTION] Small helpers and names
// [SECTION] The client's news: answers, timeouts, capabilities, ticks
// [SECTION] Send answers: the event id, 429, refusals
// [SECTION] Room events: our invites, other invites, the CompanyBot
// [SECTION] Submissions: submit, resend, states
// [SECTION] History: read_events
// [SECTION] describe()
#include "verji/core/invite_tracker.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "verji/core/invite_request.h"
#include "verji/core/json_fields.h"
#include "verji/core/unicode.h"

namespace verji::core {

using json = nlohmann::json;

// ---------------------------------------------------------------------------------------------
// [SECTION] Small helpers and names
// ---------------------------------------------------------------------------------------------

namespace {

constexpr std::string_view kStatusKey = "app.verji.invite.status";
constexpr std::string_view kRoomMessage = "m.room.message";
constexpr Millis kDefaultRetryWait = 5000;     // 429 without retry_after_ms
constexpr Millis kLongestRetryWait = 3600000;  // a host asking for more is capped at an hour

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

// The send is still undecided: an answer or an echo may settle it.
bool undecided(SubmissionState state) {
  return state == SubmissionState::sending || state == SubmissionState::unknown_after_timeout;
}

struct EventToJson {
  json operator()(const SubmissionChanged& e) const {
    return {{"type", "submission_changed"}, {"request_id", e.request_id}, {"state", to_string(e.state)}};
  }
  json operator()(const HistoryRestored& e) const {
    return {{"type", "history_restored"}, {"submissions", e.submissions}};
  }
};

}  // namespace

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

json to_json(const TrackerCounters& c) {
  return {{"duplicate_events", c.duplicate_events},
          {"ignored_events", c.ignored_events},
          {"not_from_bot", c.not_from_bot},
          {"forgotten_submissions", c.forgotten_submissions}};
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

json to_json(const TrackerEvent& event) { return std::visit(EventToJson{}, event); }

// ---------------------------------------------------------------------------------------------
// [SECTION] The client's news: answers, timeouts, capabilities, ticks
// ---------------------------------------------------------------------------------------------

InviteTracker::InviteTracker(WidgetApiClient& client, InviteTrackerConfig config)
    : client_(client), config_(std::move(config)) {
  client_.set_listener(this);
}

InviteTracker::~InviteTracker() {
  if (client_.listener() == this) client_.set_listener(nullptr);
}

std::vector<TrackerEvent> InviteTracker::take_events() { return std::exchange(events_, {}); }

void InviteTracker::on_answer(RequestHandle request, const json& response, bool late, Millis now) {
  const auto it = waiting_.find(request);
  if (it == waiting_.end()) return;
  const Waiting waiting = std::move(it->second);
  waiting_.erase(it);
  if (waiting.purpose == Purpose::send) {
    on_send_answer(waiting.request_id, response, late, now);
  } else {
    on_read_events_answer(waiting, error_of(response) ? nullptr : &response, now);
  }
}

void InviteTracker::on_timeout(RequestHandle request, Millis now) {
  const auto it = waiting_.find(request);
  if (it == waiting_.end()) return;
  if (it->second.purpose == Purpose::send) {  // kept: a late answer still counts (LateAnswer::deliver)
    on_send_timeout(it->second.request_id, now);
    return;
  }
  const Waiting waiting = std::move(it->second);
  waiting_.erase(it);
  on_read_events_answer(waiting, nullptr, now);
}

void InviteTracker::on_capabilities_changed(Millis now) {
  for (auto& s : submissions_) {
    const bool before = s.resend_allowed;
    refresh_resend(s, now);
    if (before != s.resend_allowed) events_.emplace_back(SubmissionChanged{s.request_id, s.state});
  }
  if (client_.can_receive() && !history_requested_) request_history(now);
}

void InviteTracker::on_tick(Millis now) {
  for (auto& s : submissions_) {
    if (silence_applies(s.state) && now >= s.updated_at + config_.silence_timeout) {
      set_state(s, SubmissionState::no_answer_yet, now);
    } else if (s.state == SubmissionState::rate_limited && !s.resend_allowed && s.retry_at &&
               now >= *s.retry_at) {
      refresh_resend(s, now);
      if (s.resend_allowed) events_.emplace_back(SubmissionChanged{s.request_id, s.state});
    }
  }
}

std::optional<Millis> InviteTracker::next_deadline() const {
  std::optional<Millis> next;
  const auto consider = [&next](Millis at) {
    if (!next || at < *next) next = at;
  };
  for (const auto& s : submissions_) {
    if (silence_applies(s.state)) consider(s.updated_at + config_.silence_timeout);
    if (s.state == SubmissionState::rate_limited && !s.resend_allowed && s.retry_at) consider(*s.retry_at);
  }
  return next;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Send answers: the event id, 429, refusals
// ---------------------------------------------------------------------------------------------

void InviteTracker::on_send_timeout(const std::string& request_id, Millis now) {
  Submission* s = find_mut(request_id);
  if (s == nullptr) return;
  s->in_flight = false;
  if (s->state != SubmissionState::sending) {  // the echo already settled it
    refresh_resend(*s, now);
    return;
  }
  const bool can_check = client_.approved(kCapReceiveText);
  s->checking = can_check;
  set_state(*s, SubmissionState::unknown_after_timeout, now);
  if (can_check) request_check(s->request_id, now);
}

void InviteTracker::on_send_answer(const std::string& request_id, const json& response, bool late,
                                   Millis now) {
  Submission* s = find_mut(request_id);
  if (s == nullptr) return;
  if (!late) s->in_flight = false;
  const auto error = error_of(response);
  if (!error) {
    const std::string* event_id = string_member(response, "event_id");
    if (event_id != nullptr && !event_id->empty()) {
      if (s->event_id.empty()) s->event_id = *event_id;
      invite_events_.emplace(*event_id, s->request_id);
      note_appearance(*s);
    }
    s->checking = false;
    if (undecided(s->state)) {
      set_state(*s, SubmissionState::sent, now);
    } else {
      refresh_resend(*s, now);
    }
    return;
  }
  // An error only counts while we do not know better (the echo proves the event exists).
  if (!undecided(s->state)) {
    refresh_resend(*s, now);
    return;
  }
  s->checking = false;
  s->reason = error->message;
  if (is_rate_limited(*error)) {
    const Millis wait = error->retry_after_ms.value_or(kDefaultRetryWait);
    s->retry_at = now + std::clamp<Millis>(wait, 0, kLongestRetryWait);
    set_state(*s, SubmissionState::rate_limited, now);
  } else if (!client_.can_send() || is_missing_capability_refusal(*error)) {
    set_state(*s, SubmissionState::capability_denied, now);
  } else {
    set_state(*s, SubmissionState::send_failed, now);
  }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Room events: our invites, other invites, the CompanyBot
// ---------------------------------------------------------------------------------------------

bool InviteTracker::first_sight(const std::string& event_id) {
  if (!seen_events_.insert(event_id).second) return false;
  seen_order_.push_back(event_id);
  if (seen_order_.size() > kMaxSeenEvents) {
    seen_events_.erase(seen_order_.front());
    seen_order_.pop_front();
  }
  return true;
}

void InviteTracker::keep_bounded() {
  while (submissions_.size() > kMaxSubmissions) {
    const auto busy = [this](const std::string& request_id) {
      if (checks_.count(request_id) > 0) return true;
      return std::any_of(waiting_.begin(), waiting_.end(),
                         [&](const auto& w) { return w.second.request_id == request_id; });
    };
    const auto it = std::find_if(submissions_.begin(), submissions_.end(), [&](const Submission& s) {
      return is_final(s.state) && !busy(s.request_id);
    });
    if (it == submissions_.end()) return;  // every one still in progress: kept, whatever their number
    const std::string request_id = it->request_id;
    submissions_.erase(it);
    for (auto e = invite_events_.begin(); e != invite_events_.end();) {
      e = e->second == request_id ? invite_events_.erase(e) : std::next(e);
    }
    order_since_.erase(request_id);
    ambiguous_.erase(request_id);
    ++counters_.forgotten_submissions;
  }
}

void InviteTracker::on_room_event(const json& event, Millis now) {
  on_room_event_of(event, now);
  keep_bounded();
}

void InviteTracker::on_room_event_of(const json& event, Millis now) {
  const std::string* type = string_member(event, "type");
  const std::string* event_id = string_member(event, "event_id");
  const std::string* sender = string_member(event, "sender");
  const json* content = object_member(event, "content");
  const std::string* room_id = string_member(event, "room_id");
  if (type == nullptr || *type != kRoomMessage || event_id == nullptr || event_id->empty() ||
      sender == nullptr || content == nullptr || event.contains("state_key") ||
      (room_id != nullptr && !config_.room_id.empty() && *room_id != config_.room_id)) {
    ++counters_.ignored_events;
    return;
  }
  if (!first_sight(*event_id)) {
    ++counters_.duplicate_events;
    return;
  }
  ++sequence_;
  if (const std::string* request_id = invite_request_id(*content)) {
    // Ours: sent by our user; without a user id from the URL, one of this session's request ids.
    const bool ours = config_.user_id.empty() ? find(*request_id) != nullptr : *sender == config_.user_id;
    if (ours) {
      on_own_invite(event, *request_id, now);
    } else {
      on_foreign_invite();
    }
    return;
  }
  if (!config_.bot_user_id.empty() && *sender == config_.bot_user_id) {
    on_bot_message(event, now);
    return;
  }
  ++counters_.ignored_events;
  // Someone else speaking as the bot would: a status block, or an answer to one of our invites.
  const json* reply = object_member(*content, "m.relates_to");
  reply = reply != nullptr ? object_member(*reply, "m.in_reply_to") : nullptr;
  const std::string* replied = reply != nullptr ? string_member(*reply, "event_id") : nullptr;
  if (object_member(*content, kStatusKey) != nullptr ||
      (replied != nullptr && invite_events_.count(*replied) > 0)) {
    ++counters_.not_from_bot;
  }
}

void InviteTracker::on_own_invite(const json& event, const std::string& request_id, Millis now) {
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
  if (s->restored || undecided(s->state) || s->state == SubmissionState::send_failed ||
      s->state == SubmissionState::rate_limited || s->state == SubmissionState::capability_denied) {
    set_state(*s, SubmissionState::sent, now);
  }
}

bool InviteTracker::is_open(const Submission& s) {
  return (s.echo_seen || !s.event_id.empty()) && awaits_bot(s.state);
}

void InviteTracker::note_appearance(const Submission& s) {
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

void InviteTracker::on_foreign_invite() {
  for (const auto& s : submissions_) {
    if (is_open(s)) ambiguous_.insert(s.request_id);
  }
}

void InviteTracker::on_bot_message(const json& event, Millis now) {
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
  // 3. What the text names: an address or a username that exactly one of our waiting requests has.
  const BotStatus status = classify_bot_text(*body);
  if (Submission* named = named_by(status)) {
    apply_bot_status(*named, status, bot_event_id, now);
    return;
  }
  // 4. Order: exactly one of our requests waits, its event came first, and no other invite since.
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
  apply_bot_status(*only, status, bot_event_id, now);
}

Submission* InviteTracker::named_by(const BotStatus& status) {
  // Case-folded as the e-mail validator folds domains (unicode::to_lower), so "Ø" matches "ø" too.
  const auto lower = [](std::string_view text) { return unicode::to_lower(unicode::decode(text).chars); };
  std::string wanted;
  const char* key = nullptr;
  if (status.kind == BotStatusKind::email_registered && !status.email.empty()) {
    key = "email";
    wanted = status.email;
  } else if (status.kind == BotStatusKind::username_taken && !status.username.empty()) {
    key = "username_hint";
    wanted = status.username;
  } else if (status.kind == BotStatusKind::success && status.user_id.size() > 1 && status.user_id[0] == '@') {
    key = "username_hint";
    wanted = status.user_id.substr(1, status.user_id.find(':') - 1);  // "@ola:server" -> "ola"
  }
  if (key == nullptr || wanted.empty()) return nullptr;
  const std::u32string folded = lower(wanted);
  Submission* found = nullptr;
  for (auto& s : submissions_) {
    if (!is_open(s)) continue;
    const json* block = object_member(s.content, kInviteKey);
    const std::string* value = block != nullptr ? string_member(*block, key) : nullptr;
    if (value == nullptr || lower(*value) != folded) continue;
    if (found != nullptr) return nullptr;  // two of ours would fit: it names neither for sure
    found = &s;
  }
  return found;
}

void InviteTracker::apply_bot_status(Submission& s, const BotStatus& status, const std::string& bot_event_id,
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

const Submission* InviteTracker::find(std::string_view request_id) const {
  const auto it = std::find_if(submissions_.begin(), submissions_.end(),
                               [&](const Submission& s) { return s.request_id == request_id; });
  return it == submissions_.end() ? nullptr : &*it;
}

Submission* InviteTracker::find_mut(std::string_view request_id) {
  return const_cast<Submission*>(std::as_const(*this).find(request_id));
}

bool InviteTracker::send_in_flight() const {
  return std::any_of(submissions_.begin(), submissions_.end(),
                     [](const Submission& s) { return s.in_flight; });
}

SubmitResult InviteTracker::submit(std::string request_id, json content, Millis now) {
  using Code = SubmitResult::Code;
  if (!client_.ready()) return {Code::not_ready};
  if (!client_.can_send()) return {Code::capability_denied};
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
  keep_bounded();
  return {Code::accepted};
}

bool InviteTracker::resend(std::string_view request_id, Millis now) {
  Submission* s = find_mut(request_id);
  if (s == nullptr) return false;
  refresh_resend(*s, now);
  if (!s->resend_allowed || send_in_flight()) return false;
  post_send(*s, now);
  return true;
}

void InviteTracker::post_send(Submission& s, Millis now) {
  s.in_flight = true;
  s.checking = false;
  s.retry_at.reset();
  s.reason.clear();
  ++s.send_attempts;
  Waiting waiting;
  waiting.purpose = Purpose::send;
  waiting.request_id = s.request_id;
  waiting_[client_.send_event(kRoomMessage, s.content, now)] = std::move(waiting);
  set_state(s, SubmissionState::sending, now);
}

void InviteTracker::set_state(Submission& s, SubmissionState state, Millis now) {
  s.state = state;
  s.updated_at = now;
  refresh_resend(s, now);
  events_.emplace_back(SubmissionChanged{s.request_id, state});
}

void InviteTracker::refresh_resend(Submission& s, Millis now) {
  bool allowed = false;
  switch (s.state) {
    case SubmissionState::unknown_after_timeout: allowed = !s.checking; break;
    case SubmissionState::send_failed: allowed = true; break;
    case SubmissionState::rate_limited: allowed = !s.retry_at || now >= *s.retry_at; break;
    case SubmissionState::capability_denied: allowed = client_.can_send(); break;
    default: allowed = false; break;
  }
  s.resend_allowed = allowed && !s.in_flight && client_.ready();
}

// ---------------------------------------------------------------------------------------------
// [SECTION] History: read_events
// ---------------------------------------------------------------------------------------------

void InviteTracker::request_history(Millis now) {
  history_requested_ = true;
  history_ = HistoryBatch{};
  const std::pair<std::string_view, std::string_view> kinds[] = {{"m.text", kCapReceiveText},
                                                                 {"m.notice", kCapReceiveNotice}};
  for (const auto& [msgtype, capability] : kinds) {
    if (!client_.approved(capability)) continue;  // the host only serves what we may receive
    ++history_.outstanding;
    Waiting waiting;
    waiting.purpose = Purpose::history;
    waiting_[client_.read_events(kRoomMessage, msgtype, config_.history_limit, now)] = std::move(waiting);
  }
}

void InviteTracker::request_check(const std::string& request_id, Millis now) {
  checks_[request_id] = HistoryBatch{1, {}};
  Waiting waiting;
  waiting.purpose = Purpose::check;
  waiting.request_id = request_id;
  waiting_[client_.read_events(kRoomMessage, "m.text", config_.history_limit, now)] = std::move(waiting);
}

void InviteTracker::on_read_events_answer(const Waiting& waiting, const json* response, Millis now) {
  HistoryBatch* batch = nullptr;
  if (waiting.purpose == Purpose::check) {
    const auto it = checks_.find(waiting.request_id);
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
  if (waiting.purpose == Purpose::check) {
    checks_.erase(waiting.request_id);
    finish_check(waiting.request_id, events, now);
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

void InviteTracker::finish_check(const std::string& request_id, const std::vector<json>& events, Millis now) {
  for (const auto& event : events) {
    const std::string* sender = string_member(event, "sender");
    const json* content = object_member(event, "content");
    const std::string* id = content != nullptr ? invite_request_id(*content) : nullptr;
    if (sender != nullptr && (config_.user_id.empty() || *sender == config_.user_id) && id != nullptr &&
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
