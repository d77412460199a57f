// The invite tracker: sends each confirmed invitation once through the Widget API client
// (widget_api_client.h) and follows it in the room until the CompanyBot has answered. See
// docs/invite-protocol.md for the invite event and the bot's answers.
//
// It listens to one WidgetApiClient (it registers itself on construction and unregisters when
// destroyed; the client must outlive it): the client hands it room events, the answers and
// timeouts of the requests it made (send_event, read_events) and capability changes, and ticks it.
// Whoever drives the client (receive, tick, next_deadline, take_outbound) drives the tracker.
//
// What the tracker does, in short:
//   - sends each confirmed invitation once (fromWidget send_event, no room_id), refuses a second
//     submission while a send is in flight (one still waiting for the bot does not block a new
//     one; the app may choose to wait), buffers the echo of our own event (it may come before
//     the send_event response), turns a send timeout into `unknown_after_timeout` and resolves it
//     by the echo, a late response or read_events before offering a resend with the same request_id
//   - reads the host's refusals: 429 / M_LIMIT_EXCEEDED -> rate_limited until retry_at; the send
//     capability not held, or the host's own refusal for a missing capability (no homeserver
//     answered; is_missing_capability_refusal()) -> capability_denied; any other error (every
//     homeserver error among them) -> send_failed
//   - follows the CompanyBot: only messages from InviteTrackerConfig::bot_user_id; tied to a
//     request by the `app.verji.invite.status` block, else a rich reply to the invite's event id,
//     else what an outcome's text names (the address already registered, the username taken, the
//     new user's id) when exactly one of our waiting requests has it, else order (the bot's
//     messages after our echo while exactly one of our requests waits and no other invite was seen
//     in between); "processing" (or "sent" with no word at all) then
//     silence_timeout without news -> no_answer_yet, and later answers still apply. An outcome
//     (success, email_registered, username_taken, failed) is not undone by a later "Processing"
//     or unknown text; unknown text is kept verbatim as the latest status.
//   - our own invite events from another session of the same user (another tab) are followed too
//     (Submission::restored)
//   - after notify_capabilities grants a receive capability, restores recent submissions and the
//     bot's answers with org.matrix.msc2876.read_events (m.text and m.notice, one request each:
//     the host only serves a msgtype the widget may receive)
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "verji/core/bot_status.h"
#include "verji/core/i18n.h"
#include "verji/core/widget_api_client.h"

namespace verji::core {

struct InviteTrackerConfig {
  std::string user_id;             // $matrix_user_id: whose invite events are ours (a hint, not proof)
  std::string room_id;             // $matrix_room_id; empty: events of any room are accepted
  std::string bot_user_id;         // the CompanyBot; statuses from anyone else are ignored
  Millis silence_timeout = 30000;  // after "processing" (or a send) without news -> no_answer_yet
  int history_limit = 50;          // read_events limit per msgtype
};

enum class SubmissionState {
  sending,                // send_event posted, no answer yet
  unknown_after_timeout,  // send_event timed out: maybe posted, maybe not (checking with read_events)
  sent,                   // posted (response or echo), no word from the bot yet
  processing,             // the bot said "Processing"
  no_answer_yet,          // sent/processing and silence_timeout passed; still listening
  success,                // final
  email_registered,       // final: email, user_id / room captured
  username_taken,         // final: username captured
  failed,                 // final: reason captured
  unknown_text,           // the bot said something else: text kept verbatim; still listening
  capability_denied,      // the host refused: the send capability is not approved
  rate_limited,           // 429 / M_LIMIT_EXCEEDED: retry after retry_at
  send_failed,            // any other error from the host
};
std::string_view to_string(SubmissionState state) noexcept;

// success, email_registered, username_taken, failed.
bool is_final(SubmissionState state) noexcept;

struct Submission {
  std::string request_id;  // the app.verji.invite block's request_id; a resend reuses it
  nlohmann::json content;  // the m.room.message content exactly as sent
  std::string event_id;    // from the send_event response or our echo; empty until known
  SubmissionState state = SubmissionState::sending;
  bool in_flight = false;       // a send_event for it is pending (no second send meanwhile)
  bool echo_seen = false;       // our own event came back to us
  bool checking = false;        // unknown_after_timeout: a read_events check is pending
  bool resend_allowed = false;  // resend() would send now
  bool restored = false;        // rebuilt from read_events or seen from another session of our user
  int send_attempts = 0;
  // Captured from the bot's answers and the host's errors.
  std::string email, user_id, room, username;
  std::string text;          // the bot's latest text, verbatim (unknown_text, failed)
  std::string reason;        // failed: the bot's reason; send_failed/capability_denied: the host's message
  std::string bot_event_id;  // the bot event that set the current state
  std::optional<Millis> retry_at;  // rate_limited: not before this time
  Millis created_at = 0;
  Millis updated_at = 0;
};

// Events for the application, in the order they happened.
struct SubmissionChanged {
  std::string request_id;
  SubmissionState state = SubmissionState::sending;
};
struct HistoryRestored {
  std::size_t submissions = 0;  // how many submissions exist after the rebuild
};
using TrackerEvent = std::variant<SubmissionChanged, HistoryRestored>;

// {"type": "submission_changed", "request_id": ..., "state": ...} and so on, for logs and transcripts.
nlohmann::json to_json(const TrackerEvent& event);

// What the tracker remembers, at most: the newest room event ids it has seen (a host delivering one
// again is then recognised), and invitations (the oldest settled ones are forgotten first; one still
// waiting for the bot, a send or a check is never forgotten).
inline constexpr std::size_t kMaxSeenEvents = 4096;
inline constexpr std::size_t kMaxSubmissions = 50;

struct TrackerCounters {
  std::uint64_t duplicate_events = 0;  // a room event id seen before
  std::uint64_t ignored_events = 0;    // room events that were neither ours nor the bot's status for us
  std::uint64_t not_from_bot = 0;  // of those: a status, or a reply to an invite, from someone not the bot
  std::uint64_t forgotten_submissions = 0;  // settled invitations dropped for kMaxSubmissions
};

// {"duplicate_events": ..., ...}: every counter by its name, for the page.
nlohmann::json to_json(const TrackerCounters& counters);

struct SubmitResult {
  enum class Code {
    accepted,           // send_event posted
    not_ready,          // handshake not done
    capability_denied,  // the send capability is not approved: request_capabilities() first
    busy,               // another send is in flight
    duplicate,          // a submission with this request_id exists: use resend()
    invalid,            // empty request_id or content without the app.verji.invite block carrying it
  };
  Code code = Code::accepted;
  bool ok() const { return code == Code::accepted; }
};
std::string_view to_string(SubmitResult::Code code) noexcept;

class InviteTracker : private WidgetApiListener {
 public:
  InviteTracker(WidgetApiClient& client, InviteTrackerConfig config);
  ~InviteTracker() override;
  InviteTracker(const InviteTracker&) = delete;  // the client points at it
  InviteTracker& operator=(const InviteTracker&) = delete;

  // Posts `content` (an m.room.message m.text content whose app.verji.invite.request_id equals
  // `request_id`) once.
  SubmitResult submit(std::string request_id, nlohmann::json content, Millis now);
  // Sends the same content again under the same request_id, only when resend_allowed.
  bool resend(std::string_view request_id, Millis now);

  std::vector<TrackerEvent> take_events();

  const std::vector<Submission>& submissions() const noexcept { return submissions_; }  // oldest first
  const Submission* find(std::string_view request_id) const;
  bool send_in_flight() const;  // a submission's send_event is pending
  TrackerCounters counters() const noexcept { return counters_; }
  std::size_t seen_event_count() const noexcept { return seen_events_.size(); }
  const InviteTrackerConfig& config() const noexcept { return config_; }

 private:
  // What one of our requests to the client is for.
  enum class Purpose {
    send,     // send_event of the submission `request_id`
    history,  // read_events after notify_capabilities, for `msgtype`
    check,    // read_events after the send of `request_id` timed out
  };
  struct Waiting {
    Purpose purpose = Purpose::send;
    std::string request_id;  // send/check: the submission
  };
  struct HistoryBatch {
    int outstanding = 0;
    std::vector<nlohmann::json> events;
  };

  // WidgetApiListener.
  void on_room_event(const nlohmann::json& event, Millis now) override;
  void on_room_event_of(const nlohmann::json& event, Millis now);  // on_room_event() before keep_bounded()
  void on_answer(RequestHandle request, const nlohmann::json& response, bool late, Millis now) override;
  void on_timeout(RequestHandle request, Millis now) override;
  void on_capabilities_changed(Millis now) override;
  void on_tick(Millis now) override;
  std::optional<Millis> next_deadline() const override;

  // Answers.
  void on_send_answer(const std::string& request_id, const nlohmann::json& response, bool late, Millis now);
  void on_send_timeout(const std::string& request_id, Millis now);
  void on_read_events_answer(const Waiting& waiting, const nlohmann::json* response, Millis now);

  // Room events: our invites, other invites, the CompanyBot.
  void on_own_invite(const nlohmann::json& event, const std::string& request_id, Millis now);
  // The one waiting submission whose address or username the bot's text names, or nullptr.
  Submission* named_by(const BotStatus& status);
  bool first_sight(const std::string& event_id);  // remembers it (kMaxSeenEvents); false if seen
  void keep_bounded();                            // forgets settled submissions over kMaxSubmissions
  void on_foreign_invite();
  void on_bot_message(const nlohmann::json& event, Millis now);
  static bool is_open(const Submission& s);   // its event exists and it still waits for the bot
  void note_appearance(const Submission& s);  // our event exists: start the order rule for it
  void apply_bot_status(Submission& s, const BotStatus& status, const std::string& bot_event_id, Millis now);

  // Submissions.
  Submission* find_mut(std::string_view request_id);
  void post_send(Submission& s, Millis now);
  void set_state(Submission& s, SubmissionState state, Millis now);
  void refresh_resend(Submission& s, Millis now);

  // History.
  void request_history(Millis now);
  void request_check(const std::string& request_id, Millis now);
  void finish_check(const std::string& request_id, const std::vector<nlohmann::json>& events, Millis now);

  WidgetApiClient& client_;
  InviteTrackerConfig config_;

  std::map<RequestHandle, Waiting> waiting_;  // our requests the client has not settled
  bool history_requested_ = false;
  HistoryBatch history_;
  std::map<std::string, HistoryBatch> checks_;  // submission request_id -> its read_events check

  std::vector<Submission> submissions_;
  std::map<std::string, std::string> invite_events_;  // event id of one of our invites -> request_id
  std::map<std::string, std::uint64_t> order_since_;  // request_id -> sequence of our echo (order rule)
  std::set<std::string> ambiguous_;                   // request_ids whose order rule is off
  std::set<std::string> seen_events_;
  std::deque<std::string> seen_order_;  // seen_events_, oldest first, for kMaxSeenEvents
  std::uint64_t sequence_ = 0;

  std::vector<TrackerEvent> events_;
  TrackerCounters counters_;
};

// The catalogue message for a submission's state, filled from its captured details
// ("Brukernavnet {username} er opptatt"), for the UI.
std::string describe(Lang lang, const Submission& submission);

}  // namespace verji::core
