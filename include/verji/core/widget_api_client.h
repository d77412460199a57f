// The Matrix Widget API client, widget side: JSON text in, JSON text and events out. It knows the
// widget API and nothing of invitations; the invite tracker (invite_tracker.h) is built on it.
//
// No I/O and no clock of its own: the JS bridge hands over each inbound postMessage (after its
// origin/source checks) with receive(), posts whatever take_outbound() returns, and calls tick()
// when next_deadline() has passed. Time is monotonic milliseconds injected by the caller, so every
// timeout is testable.
//
// Handshake, both orders, without being told which. start() sends fromWidget `content_loaded`
// once and asks the host's `supported_api_versions`. matrix-widget-api 1.19.0 (Element's
// ClientWidgetApi) answers content_loaded with {} and then sends `capabilities` when the widget
// definition has waitForIframeLoad=false; with true (the default) it sends `capabilities` after
// the iframe's load event anyway and answers content_loaded with an error ("Improper sequence"),
// which the client records and otherwise ignores. It must not be sent twice (the host then
// throws and never answers), so the client sends it exactly once. `capabilities` may arrive
// before start() (the bridge queues messages until the wasm is up): it is answered at once.
// The handshake is done when `notify_capabilities` (MSC2871) arrives.
//
// What the client does, in short:
//   - drops and counts, never throws on: text over 1 MiB, nesting deeper than 64, bad JSON, bad
//     envelope (widgetId, api, requestId, action, data), our own echoes (fromWidget requests and
//     toWidget responses, which same-window hosts deliver back), another widget's messages,
//     responses nobody waits for
//   - answers every toWidget request: capabilities, notify_capabilities, supported_api_versions,
//     theme_change, language_change, visibility, send_event ({}; the room event is handed to the
//     listener); any other action gets an error
//   - sends fromWidget requests, its own (content_loaded, supported_api_versions, MSC2974
//     request_capabilities) and its listener's (send_event, MSC2876 read_events, or any action):
//     each gets a RequestHandle; its answer or its timeout (request_timeout, 10 s) goes to the
//     listener; an answer after the timeout is handed on only when the request asked for it
//   - keeps what the host told: approved capabilities, its API versions, theme, language,
//     visibility
//
// The listener (one at a time; the invite tracker in the widget) hears of room events, of the
// answers and timeouts of the requests it made, and of capability changes, and is ticked after the
// client's own timeouts, so that whoever drives the client drives the listener too.
//
// Outbound requestIds are "verji-<n>" with n counting from 1 per client, so transcripts are stable.
// Checked against matrix-widget-api 1.19.0's ClientWidgetApi in node with both waitForIframeLoad
// values: handshake, versions both ways, theme/language/visibility, screenshot refused, history,
// send with the echo first.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "verji/core/clock.h"

namespace verji::core {

inline constexpr std::size_t kMaxInboundBytes = 1024 * 1024;  // larger messages are dropped unparsed
inline constexpr int kMaxInboundDepth = 64;                   // deeper JSON nesting is dropped unparsed

// The capabilities the widget asks for (widget-api notes, "Capabilities this widget needs").
inline constexpr std::string_view kCapSendText = "org.matrix.msc2762.send.event:m.room.message#m.text";
inline constexpr std::string_view kCapReceiveNotice =
    "org.matrix.msc2762.receive.event:m.room.message#m.notice";
inline constexpr std::string_view kCapReceiveText = "org.matrix.msc2762.receive.event:m.room.message#m.text";
inline constexpr std::string_view kCapRequiresClient = "io.element.requires_client";
std::vector<std::string> requested_capabilities();

// The API versions the client implements, as answered to supported_api_versions.
std::vector<std::string> supported_api_versions();

// fromWidget actions the listener may ask for.
inline constexpr std::string_view kActionSendEvent = "send_event";
inline constexpr std::string_view kActionReadEvents = "org.matrix.msc2876.read_events";

// What matrix-widget-api 1.19.0's ClientWidgetApi (handleSendEvent) answers, without asking the
// homeserver, to a send_event of a room event the widget holds no send capability for. The widget
// API defines no error code for it, so this text is the only sign.
inline constexpr std::string_view kMissingSendCapabilityRefusal = "Cannot send room events of this type";

struct WidgetApiConfig {
  std::string widget_id;  // from the URL's widgetId; empty: learnt from the host's first request
  Millis request_timeout = 10000;
};

enum class HandshakeState {
  waiting,            // nothing from the host yet
  capabilities_sent,  // we answered `capabilities`; waiting for notify_capabilities
  ready,              // notify_capabilities arrived: approved capabilities known
};
std::string_view to_string(HandshakeState state) noexcept;

// One fromWidget request the client sent for its listener.
struct RequestHandle {
  std::uint64_t serial = 0;  // n of "verji-<n>"; 0 is no request
  friend bool operator==(RequestHandle a, RequestHandle b) noexcept { return a.serial == b.serial; }
  friend bool operator!=(RequestHandle a, RequestHandle b) noexcept { return a.serial != b.serial; }
  friend bool operator<(RequestHandle a, RequestHandle b) noexcept { return a.serial < b.serial; }
};

// What becomes of an answer that arrives after its request timed out.
enum class LateAnswer {
  drop,     // counted as unexpected (most requests: the timeout already decided)
  deliver,  // handed to the listener, marked late (send_event: the event may exist after all)
};

// An error answer, read: {"error": {"message": ..., "matrix_api_error"?: {...}}}.
struct HostError {
  std::string message;           // "" when the host gave none
  bool from_homeserver = false;  // matrix_api_error present: the host asked a homeserver, which refused
  std::optional<std::int64_t> http_status;     // matrix_api_error.http_status
  std::string errcode;                         // matrix_api_error.response.errcode ("M_LIMIT_EXCEEDED")
  std::optional<std::int64_t> retry_after_ms;  // matrix_api_error.response.retry_after_ms
};

// The error of a fromWidget answer, or nullopt when the answer is no error.
std::optional<HostError> error_of(const nlohmann::json& response);

// True for the host's own refusal of a request for a capability the widget does not hold: the
// error carries no matrix_api_error (no homeserver answered) and its message is exactly
// kMissingSendCapabilityRefusal. A homeserver's error never is one, whatever its text.
bool is_missing_capability_refusal(const HostError& error) noexcept;

// 429, or M_LIMIT_EXCEEDED with any status: the homeserver rate-limits us.
bool is_rate_limited(const HostError& error) noexcept;

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
// What became of request_capabilities() when the host did not grant what was asked.
struct CapabilitiesRefused {
  enum class How {
    not_granted,  // the next notify_capabilities still lacks some of them (the person said no)
    error,        // the host answered the request with an error
    no_answer,    // the host did not answer the request in time
  };
  How how = How::not_granted;
  std::vector<std::string> missing;  // asked for and still not approved
  std::string message;               // How::error: the host's message
};
using WidgetApiEvent = std::variant<HandshakeDone, CapabilitiesChanged, HostVersions, ThemeChanged,
                                    LanguageChanged, VisibilityChanged, CapabilitiesRefused>;

// {"type": "handshake_done"}, {"type": "theme_changed", "name": ...} and so on, for logs and transcripts.
nlohmann::json to_json(const WidgetApiEvent& event);

struct WidgetApiCounters {
  std::uint64_t received = 0;              // every receive() call
  std::uint64_t dropped_oversized = 0;     // over kMaxInboundBytes
  std::uint64_t dropped_malformed = 0;     // not JSON, too deep, not an object, bad envelope
  std::uint64_t dropped_wrong_widget = 0;  // another widgetId
  std::uint64_t dropped_own_echo = 0;      // fromWidget request / toWidget response
  std::uint64_t dropped_unexpected = 0;    // a response nobody waits for (never asked, or answered)
  std::uint64_t ignored_grants = 0;        // approved capabilities the widget never asked for: not taken
  std::uint64_t unknown_actions = 0;       // toWidget requests answered with an error
  std::uint64_t timeouts = 0;              // our requests the host did not answer in time
  std::uint64_t late_responses = 0;        // answers after a timeout handed on (LateAnswer::deliver)
};

// {"received": ..., "dropped_oversized": ..., ...}: every counter by its name, for the page.
nlohmann::json to_json(const WidgetApiCounters& counters);

// What the client tells the one who uses it (the invite tracker). Called from inside receive()
// and tick(); a listener may send requests from any of these.
class WidgetApiListener {
 public:
  // A room event the host delivered (toWidget send_event's data, already answered). Unchecked:
  // anything may be in it.
  virtual void on_room_event(const nlohmann::json& event, Millis now) = 0;
  // The answer to one of the listener's requests: the response object as the host sent it (an
  // error or not: error_of()). `late`: it came after on_timeout() (LateAnswer::deliver only).
  virtual void on_answer(RequestHandle request, const nlohmann::json& response, bool late, Millis now) = 0;
  // One of the listener's requests was not answered within request_timeout.
  virtual void on_timeout(RequestHandle request, Millis now) = 0;
  // notify_capabilities arrived: the approved capabilities (and maybe the handshake) changed.
  virtual void on_capabilities_changed(Millis now) = 0;
  // The listener's own deadlines: tick() calls on_tick() after the client's timeouts, and
  // next_deadline() includes the listener's.
  virtual void on_tick(Millis now) = 0;
  virtual std::optional<Millis> next_deadline() const = 0;

 protected:
  virtual ~WidgetApiListener() = default;
};

class WidgetApiClient {
 public:
  explicit WidgetApiClient(WidgetApiConfig config);
  WidgetApiClient(const WidgetApiClient&) = delete;  // the listener points at it
  WidgetApiClient& operator=(const WidgetApiClient&) = delete;

  // The one listener (nullptr: none; room events and answers then go nowhere). It must outlive
  // its registration.
  void set_listener(WidgetApiListener* listener) noexcept { listener_ = listener; }
  const WidgetApiListener* listener() const noexcept { return listener_; }

  // Page ready (the wasm is up): sends content_loaded and supported_api_versions, once.
  void start(Millis now);
  // One inbound message (origin already checked by the JS bridge). Never throws.
  void receive(std::string_view json_text, Millis now);
  // Request timeouts (in the order they were due, then sent), then the listener's on_tick().
  // Call when next_deadline() passed.
  void tick(Millis now);
  std::optional<Millis> next_deadline() const;  // the earliest of ours and the listener's

  std::vector<std::string> take_outbound();  // JSON texts to post to the host, in order
  std::vector<WidgetApiEvent> take_events();

  // A fromWidget request for the listener: {"action": action, "data": data}. Its answer or its
  // timeout comes back to the listener under the returned handle.
  RequestHandle request(std::string action, nlohmann::json data, Millis now,
                        LateAnswer late = LateAnswer::drop);
  // send_event of a room event (no room_id: the widget's room). Late answers are delivered.
  RequestHandle send_event(std::string_view type, const nlohmann::json& content, Millis now);
  // MSC2876 read_events: the newest `limit` room events of `type` and `msgtype`.
  RequestHandle read_events(std::string_view type, std::string_view msgtype, int limit, Millis now);
  // MSC2974: asks the host again for the capabilities not approved. False if none is missing,
  // the handshake is not done, or a request is already pending.
  bool request_capabilities(Millis now);

  const WidgetApiConfig& config() const noexcept { return config_; }
  WidgetApiCounters counters() const noexcept { return counters_; }
  HandshakeState handshake() const noexcept { return handshake_; }
  bool ready() const noexcept { return handshake_ == HandshakeState::ready; }
  const std::set<std::string, std::less<>>& approved_capabilities() const noexcept { return approved_; }
  bool approved(std::string_view capability) const { return approved_.count(capability) > 0; }
  bool can_send() const { return approved(kCapSendText); }  // the send capability is approved
  bool can_receive() const;                                 // at least one receive capability is approved
  const std::vector<std::string>& host_versions() const noexcept { return host_versions_; }
  // content_loaded's answer: nullopt while pending; "" for {}; the host's error message otherwise.
  const std::optional<std::string>& content_loaded_answer() const noexcept { return content_loaded_answer_; }
  const std::string& theme() const noexcept { return theme_; }
  const std::string& language() const noexcept { return language_; }
  bool visible() const noexcept { return visible_; }

 private:
  // Who a pending request is for: one of the client's own, or the listener.
  enum class Task { content_loaded, versions, capabilities, listener };
  struct Pending {
    std::string action;
    Task task = Task::listener;
    RequestHandle handle;
    LateAnswer late = LateAnswer::drop;
    Millis deadline = 0;
  };

  void handle(const nlohmann::json& message, Millis now);
  void handle_request(const nlohmann::json& request, Millis now);
  void handle_response(const nlohmann::json& message, Millis now);
  void on_own_answer(const Pending& pending, const nlohmann::json& response);
  void on_notify_capabilities(const nlohmann::json& request, Millis now);
  void reply(const nlohmann::json& request, nlohmann::json response);
  RequestHandle send_request(std::string action, nlohmann::json data, Task task, LateAnswer late, Millis now);

  WidgetApiConfig config_;
  WidgetApiListener* listener_ = nullptr;
  bool started_ = false;
  std::uint64_t next_serial_ = 1;
  HandshakeState handshake_ = HandshakeState::waiting;
  std::set<std::string, std::less<>> approved_;
  std::vector<std::string> host_versions_;
  std::optional<std::string> content_loaded_answer_;
  std::string theme_, language_;
  bool visible_ = true;
  bool capabilities_request_pending_ = false;
  std::vector<std::string> asked_again_;  // request_capabilities(): what it asked for, until answered

  std::map<std::string, Pending> pending_;    // outbound requestId -> what it was for
  std::map<std::string, Pending> timed_out_;  // LateAnswer::deliver requests that timed out

  std::vector<std::string> outbound_;
  std::vector<WidgetApiEvent> events_;
  WidgetApiCounters counters_;
};

}  // namespace verji::core
