// The Matrix Widget API engine (widget side): JSON text in, JSON text and application events out.
//
// No I/O and no clock of its own: the JS bridge hands over each inbound postMessage (after its
// origin/source checks) with receive(), posts whatever take_outbound() returns, and calls tick()
// when next_deadline() has passed. Time is monotonic milliseconds injected by the caller, so every
// timeout is testable. See docs/invite-protocol.md for the invite event and the bot's answers, and
// the widget API notes for the message shapes.
//
// Handshake, both orders, without being told which. start() sends fromWidget `content_loaded`
// once and asks the host's `supported_api_versions`. matrix-widget-api 1.19.0 (Element's
// ClientWidgetApi) answers content_loaded with {} and then sends `capabilities` when the widget
// definition has waitForIframeLoad=false; with true (the default) it sends `capabilities` after
// the iframe's load event anyway and answers content_loaded with an error ("Improper sequence"),
// which the engine records and otherwise ignores. It must not be sent twice (the host then
// throws and never answers), so the engine sends it exactly once. `capabilities` may arrive
// before start() (the bridge queues messages until the wasm is up): it is answered at once.
// The handshake is done when `notify_capabilities` (MSC2871) arrives.
//
// What the engine does, in short:
//   - answers every toWidget request: capabilities, notify_capabilities, supported_api_versions,
//     theme_change, language_change, visibility, send_event ({}); any other action gets an error
//   - matches fromWidget responses to pending requests; a request unanswered after
//     request_timeout (10 s) times out
//   - drops and counts, never throws on: text over 1 MiB, nesting deeper than 64, bad JSON, bad
//     envelope (widgetId, api, requestId, action, data), our own echoes (fromWidget requests and
//     toWidget responses, which same-window hosts deliver back), responses nobody waits for
//   - sends each confirmed invitation once (fromWidget send_event, no room_id), refuses a second
//     submission while a send is in flight (one still waiting for the bot does not block a new
//     one; the app may choose to wait), buffers the echo of our own event (it may come before
//     the send_event response), turns a send timeout into `unknown_after_timeout` and resolves it
//     by the echo, a late response or read_events before offering a resend with the same request_id
//   - follows the CompanyBot: only messages from WidgetSession::bot_user_id; tied to a request by
//     the `app.verji.invite.status` block, else a rich reply to the invite's event id, else order
//     (the bot's messages after our echo while exactly one of our requests waits and no other
//     invite was seen in between); "processing" (or "sent" with no word at all) then
//     silence_timeout without news -> no_answer_yet, and later answers still apply. An outcome
//     (success, email_registered, username_taken, failed) is not undone by a later "Processing"
//     or unknown text; unknown text is kept verbatim as the latest status.
//   - our own invite events from another session of the same user (another tab) are followed too
//     (Submission::restored)
//   - after notify_capabilities grants a receive capability, restores recent submissions and the
//     bot's answers with org.matrix.msc2876.read_events (m.text and m.notice, one request each:
//     the host only serves a msgtype the widget may receive)
//
// Outbound requestIds are "verji-<n>" with n counting from 1 per engine, so transcripts are stable.
// Checked against matrix-widget-api 1.19.0's ClientWidgetApi in node with both waitForIframeLoad
// values: handshake, versions both ways, theme/language/visibility, screenshot refused, history,
// send with the echo first, bot answers by order and by reply.
#pragma once

#include <cstdint>
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

namespace verji::core {

using Millis = std::int64_t;  // monotonic milliseconds, injected by the caller

inline constexpr std::size_t kMaxInboundBytes = 1024 * 1024;  // larger messages are dropped unparsed
inline constexpr int kMaxInboundDepth = 64;                   // deeper JSON nesting is dropped unparsed

// The capabilities the widget asks for (widget-api notes, "Capabilities this widget needs").
inline constexpr std::string_view kCapSendText = "org.matrix.msc2762.send.event:m.room.message#m.text";
inline constexpr std::string_view kCapReceiveNotice =
    "org.matrix.msc2762.receive.event:m.room.message#m.notice";
inline constexpr std::string_view kCapReceiveText = "org.matrix.msc2762.receive.event:m.room.message#m.text";
inline constexpr std::string_view kCapRequiresClient = "io.element.requires_client";
std::vector<std::string> requested_capabilities();

// The API versions the engine implements, as answered to supported_api_versions.
std::vector<std::string> supported_api_versions();

// What matrix-widget-api 1.19.0's ClientWidgetApi (handleSendEvent) answers, without asking the
// homeserver, to a send_event of a room event the widget holds no send capability for. The widget
// API defines no error code for it, so this text is the only sign. A send refused with it (and no
// matrix_api_error: no homeserver answered) is capability_denied; a homeserver's error never is.
inline constexpr std::string_view kMissingSendCapabilityRefusal = "Cannot send room events of this type";

struct WidgetSession {
  std::string widget_id;    // from the URL's widgetId; empty: learnt from the host's first request
  std::string user_id;      // $matrix_user_id: whose invite events are ours (a hint, not proof)
  std::string room_id;      // $matrix_room_id; empty: events of any room are accepted
  std::string bot_user_id;  // the CompanyBot; statuses from anyone else are ignored
  Millis request_timeout = 10000;
  Millis silence_timeout = 30000;  // after "processing" (or a send) without news -> no_answer_yet
  int history_limit = 50;          // read_events limit per msgtype
};

enum class HandshakeState {
  waiting,            // nothing from the host yet
  capabilities_sent,  // we answered `capabilities`; waiting for notify_capabilities
  ready,              // notify_capabilities arrived: approved capabilities known
};
std::string_view to_string(HandshakeState state) noexcept;

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
struct HandshakeDone {};
struct CapabilitiesChanged {
  std::vector<std::string> requested;
  std::vector<std::string> approved;
};
struct HostVersions {
  std::vector<std::string> versions;
};
struct ThemeChanged {
  std::string name;
};
struct LanguageChanged {
  std::string lang;
};
struct VisibilityChanged {
  bool visible = true;
};
struct SubmissionChanged {
  std::string request_id;
  SubmissionState state = SubmissionState::sending;
};
struct HistoryRestored {
  std::size_t submissions = 0;  // how many submissions exist after the rebuild
};
using EngineEvent = std::variant<HandshakeDone, CapabilitiesChanged, HostVersions, ThemeChanged,
                                 LanguageChanged, VisibilityChanged, SubmissionChanged, HistoryRestored>;

// {"type": "submission_changed", "request_id": ..., "state": ...} and so on, for logs and transcripts.
nlohmann::json to_json(const EngineEvent& event);

struct Counters {
  std::uint64_t received = 0;              // every receive() call
  std::uint64_t dropped_oversized = 0;     // over kMaxInboundBytes
  std::uint64_t dropped_malformed = 0;     // not JSON, too deep, not an object, bad envelope
  std::uint64_t dropped_wrong_widget = 0;  // another widgetId
  std::uint64_t dropped_own_echo = 0;      // fromWidget request / toWidget response
  std::uint64_t dropped_unexpected = 0;    // a response nobody waits for
  std::uint64_t unknown_actions = 0;       // toWidget requests answered with an error
  std::uint64_t timeouts = 0;              // our requests the host did not answer in time
  std::uint64_t late_responses = 0;        // answers after a timeout (still used for send_event)
  std::uint64_t duplicate_events = 0;      // a room event id seen before
  std::uint64_t ignored_events = 0;        // room events that were neither ours nor the bot's status for us
};

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

class WidgetEngine {
 public:
  explicit WidgetEngine(WidgetSession session);

  // Page ready (the wasm is up): sends content_loaded and supported_api_versions, once.
  void start(Millis now);
  // One inbound message (origin already checked by the JS bridge). Never throws.
  void receive(std::string_view json_text, Millis now);
  // Timeouts: request timeouts, silence timeouts, retry_at. Call when next_deadline() passed.
  void tick(Millis now);
  std::optional<Millis> next_deadline() const;

  std::vector<std::string> take_outbound();  // JSON texts to post to the host, in order
  std::vector<EngineEvent> take_events();

  // Commands from the app.
  // Posts `content` (an m.room.message m.text content whose app.verji.invite.request_id equals
  // `request_id`) once.
  SubmitResult submit(std::string request_id, nlohmann::json content, Millis now);
  // Sends the same content again under the same request_id, only when resend_allowed.
  bool resend(std::string_view request_id, Millis now);
  // MSC2974: asks the host again for the capabilities not approved. False if none is missing,
  // the handshake is not done, or a request is already pending.
  bool request_capabilities(Millis now);

  const std::vector<Submission>& submissions() const { return submissions_; }  // oldest first
  const Submission* find(std::string_view request_id) const;
  Counters counters() const { return counters_; }
  HandshakeState handshake() const { return handshake_; }
  const std::set<std::string>& approved_capabilities() const { return approved_; }
  bool can_send() const;        // the send capability is approved
  bool can_receive() const;     // at least one receive capability is approved
  bool send_in_flight() const;  // a submission's send_event is pending
  const std::vector<std::string>& host_versions() const { return host_versions_; }
  // content_loaded's answer: nullopt while pending; "" for {}; the host's error message otherwise.
  const std::optional<std::string>& content_loaded_answer() const { return content_loaded_answer_; }
  const std::string& theme() const { return theme_; }
  const std::string& language() const { return language_; }
  bool visible() const { return visible_; }

 private:
  enum class Purpose { content_loaded, versions, send, history, check, capabilities };
  struct Pending {
    std::string action;
    Purpose purpose = Purpose::versions;
    std::string request_id;  // send/check: the submission
    std::string msgtype;     // history/check: which read_events
    Millis deadline = 0;
  };
  struct HistoryBatch {
    int outstanding = 0;
    std::vector<nlohmann::json> events;
  };

  // Envelope and dispatch.
  void handle(const nlohmann::json& message, Millis now);
  void handle_request(const nlohmann::json& request, Millis now);
  void handle_response(const nlohmann::json& message, Millis now);
  void reply(const nlohmann::json& request, nlohmann::json response);
  std::string send_request(std::string action, nlohmann::json data, Pending pending, Millis now);

  // toWidget actions.
  void on_capabilities(const nlohmann::json& request);
  void on_notify_capabilities(const nlohmann::json& request, Millis now);
  void on_room_event(const nlohmann::json& event, Millis now);

  // fromWidget answers.
  void on_send_response(const Pending& pending, const nlohmann::json& response, Millis now, bool late);
  void on_read_events_response(const Pending& pending, const nlohmann::json* response, Millis now);
  void on_timeout(const std::string& id, const Pending& pending, Millis now);

  // Submissions.
  Submission* find_mut(std::string_view request_id);
  void post_send(Submission& s, Millis now);
  void set_state(Submission& s, SubmissionState state, Millis now);
  void refresh_resend(Submission& s, Millis now);
  void apply_bot_status(Submission& s, const BotStatus& status, const std::string& bot_event_id, Millis now);
  void on_own_invite(const nlohmann::json& event, const std::string& request_id, Millis now);
  void on_foreign_invite();
  void on_bot_message(const nlohmann::json& event, Millis now);
  static bool is_open(const Submission& s);   // its event exists and it still waits for the bot
  void note_appearance(const Submission& s);  // our event exists: start the order rule for it
  void request_history(Purpose purpose, const std::string& request_id, Millis now);
  void finish_check(const std::string& request_id, const std::vector<nlohmann::json>& events, Millis now);

  WidgetSession session_;
  bool started_ = false;
  std::uint64_t next_request_ = 1;
  HandshakeState handshake_ = HandshakeState::waiting;
  std::set<std::string> approved_;
  std::vector<std::string> host_versions_;
  std::optional<std::string> content_loaded_answer_;
  std::string theme_, language_;
  bool visible_ = true;
  bool history_requested_ = false;
  bool capabilities_request_pending_ = false;

  std::map<std::string, Pending> pending_;    // outbound requestId -> what it was for
  std::map<std::string, Pending> timed_out_;  // send_event requests that timed out (late answers)
  HistoryBatch history_;
  std::map<std::string, HistoryBatch> checks_;  // submission request_id -> its read_events check

  std::vector<Submission> submissions_;
  std::map<std::string, std::string> invite_events_;  // event id of one of our invites -> request_id
  std::map<std::string, std::uint64_t> order_since_;  // request_id -> sequence of our echo (order rule)
  std::set<std::string> ambiguous_;                   // request_ids whose order rule is off
  std::set<std::string> seen_events_;
  std::uint64_t sequence_ = 0;

  std::vector<std::string> outbound_;
  std::vector<EngineEvent> events_;
  Counters counters_;
};

// The catalogue message for a submission's state, filled from its captured details
// ("Brukernavnet {username} er opptatt"), for the UI.
std::string describe(Lang lang, const Submission& submission);

}  // namespace verji::core
