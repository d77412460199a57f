// A stateful fake Matrix client (the host's side of the Widget API) for tests and the designers'
// preview, with a recording API: what the widget posted, what the fake delivered. Like
// matrix-widget-toolkit's `testing` package: target verji_testing, which links verji_core only
// and is exception-free like it (the preview ships it in the widget).
//
// It talks to "a widget" through a WidgetPort (JSON text both ways, start, tick, deadlines), so the
// same fake drives the core's Widget API client with its invite tracker (port_of(), CoreWidget)
// or a whole app::App (a port of lambdas over App's methods). Time is a ManualClock that the fake
// moves and the widget reads.
//
// Two ways to use it:
//   - manual, for protocol tests: the test sends toWidget requests (request()), answers the
//     widget's requests (respond(), with error(), refusal(), rate_limited()), pushes room events
//     (push_event(), post()), and reads what the widget posted (outbound(), requests()).
//     handshake() is Element's order with waitForIframeLoad, with optional read_events history.
//   - automatic, for app tests and the preview: pump() answers everything the widget posted until
//     it posts nothing more (content_loaded and request_capabilities {}, supported_api_versions,
//     read_events with no events, send_event as answer_next_send() says: ok answers it and then
//     echoes it into the room as the admin, deny refuses it as matrix-widget-api does, rate_limit
//     is a homeserver's 429, timeout never answers). connect() is the handshake this way;
//     bot_says() is the CompanyBot answering the newest invite as web/devhost/bot.js words it.
//     With Answering::automatic, advance() and bot_says() pump by themselves.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "verji/core/clock.h"
#include "verji/core/invite_tracker.h"
#include "verji/core/widget_api_client.h"

namespace verji::testing {

// A clock that only moves when told: what the fake moves and the widget reads.
class ManualClock final : public core::Clock {
 public:
  explicit ManualClock(core::Millis start = 0) noexcept : now_(start) {}
  core::Millis now() const override { return now_; }
  void set(core::Millis at) noexcept { now_ = at; }
  void advance(core::Millis ms) noexcept { now_ += ms; }

 private:
  core::Millis now_;
};

// Who is in the room the widget lives in. The defaults are the core tests'.
struct FakeRoom {
  std::string widget_id = "w1";
  std::string admin = "@admin:verji.app";  // the user running the widget: our invites come from here
  std::string bot = "@companybot:verji.app";
  std::string room_id = "!admin-room:verji.app";
  std::string server = "verji.app";  // where the bot creates users (status blocks, error URLs)

  // The core's configuration for a widget in this room (the rest: defaults).
  core::WidgetApiConfig widget_api_config() const;
  core::InviteTrackerConfig tracker_config() const;

  // The Administration room of prod.verji.app (!adm:prod.verji.app), the admin @ola and the
  // CompanyBot @companybot there, with the widget `widget_id`: the app's tests and the preview.
  static FakeRoom prod_admin_room(std::string widget_id);
};

// A widget, as the fake sees it. Each function reads the time from the clock it was made with.
struct WidgetPort {
  std::function<void()> start;                                 // the page is up: the handshake starts
  std::function<void(std::string_view json_text)> receive;     // one message from the client
  std::function<std::vector<std::string>()> take_outbound;     // what the widget posts, in order
  std::function<void()> tick;                                  // deadlines due now
  std::function<std::optional<core::Millis>()> next_deadline;  // when tick() next has work
};

// The port of a Widget API client (and so of its listener, the invite tracker) on `clock`.
WidgetPort port_of(core::WidgetApiClient& client, const core::Clock& clock);

// The core's two units wired as the app wires them: a client and the tracker listening to it.
struct CoreWidget {
  explicit CoreWidget(const FakeRoom& room = {});
  CoreWidget(core::WidgetApiConfig api, core::InviteTrackerConfig invites);
  CoreWidget(const CoreWidget&) = delete;
  CoreWidget& operator=(const CoreWidget&) = delete;

  core::WidgetApiClient client;
  core::InviteTracker tracker;
};

class FakeMatrixClient {
 public:
  // How the next send_event is answered in pump().
  enum class SendAnswer {
    ok,          // answered with a fresh event id, then the event is echoed into the room as the admin
    deny,        // refusal(): the host's own answer when the send capability is not held
    rate_limit,  // rate_limited(5000): a homeserver's 429 M_LIMIT_EXCEEDED
    timeout,     // never answered: the widget's request times out
  };
  enum class Answering {
    manual,     // the fake answers only what the test tells it to (and in pump()/connect())
    automatic,  // advance() and bot_says() also pump()
  };

  FakeMatrixClient(ManualClock& clock, WidgetPort widget, FakeRoom room = {},
                   Answering answering = Answering::manual);
  FakeMatrixClient(const FakeMatrixClient&) = delete;
  FakeMatrixClient& operator=(const FakeMatrixClient&) = delete;

  const FakeRoom& room() const noexcept { return room_; }
  ManualClock& clock() noexcept { return clock_; }
  core::Millis now() const noexcept { return clock_.now(); }

  // --- time ------------------------------------------------------------------------------------
  // Ticks the widget now.
  void tick();
  // Moves the clock by `ms`, ticking the widget at each of its deadlines on the way and at the end
  // (and, Answering::automatic, answering after each tick).
  void advance(core::Millis ms);

  // --- manual mode -----------------------------------------------------------------------------
  // A toWidget request from the client ("host-<n>"), delivered; returns it.
  nlohmann::json request(std::string_view action, nlohmann::json data);
  // Answers one of the widget's fromWidget requests.
  void respond(const nlohmann::json& widget_request, nlohmann::json response);
  // One message, as JSON or as text as is (malformed input).
  void deliver(const nlohmann::json& message);
  void deliver_text(std::string_view text);
  // A room event, delivered as a toWidget send_event.
  void push_event(const nlohmann::json& event);
  // A room message event of this room: {type, sender, event_id, room_id, content, origin_server_ts}.
  nlohmann::json event(std::string event_id, std::string sender, nlohmann::json content,
                       std::int64_t origin_server_ts = 0) const;
  // An m.notice from the bot; bot_reply(): the same as a rich reply to the event `in_reply_to`.
  nlohmann::json bot_notice(std::string event_id, std::string body, std::int64_t origin_server_ts = 0) const;
  nlohmann::json bot_reply(std::string event_id, std::string body, std::string in_reply_to,
                           std::int64_t origin_server_ts = 0) const;
  // Posts `content` from `sender` into the room (event id "$event-<n>" unless given); returns the id.
  std::string post(std::string sender, nlohmann::json content, std::string event_id = {});

  // Answers for respond().
  static nlohmann::json error(std::string_view message);  // {"error": {"message": ...}}
  static nlohmann::json refusal();  // matrix-widget-api's, for a send the widget holds no capability for
  // A homeserver's 429 as matrix-widget-api passes it on (matrix_api_error), retry after `retry_after_ms`.
  nlohmann::json rate_limited(std::int64_t retry_after_ms) const;

  // start(), then Element's order with waitForIframeLoad: content_loaded refused ("Improper
  // sequence"), versions answered, capabilities, notify_capabilities with `approved`, and the
  // read_events answers (newest first, as hosts send them). What the widget posted is drained.
  void handshake(const std::vector<std::string>& approved,
                 const nlohmann::json& text_history = nlohmann::json::array(),
                 const nlohmann::json& notice_history = nlohmann::json::array());

  // Everything the widget posted since the last call (or pump()), parsed, in order; recorded too.
  std::vector<nlohmann::json> outbound();
  // The widget's fromWidget requests among `messages` with this action.
  static std::vector<nlohmann::json> requests(const std::vector<nlohmann::json>& messages,
                                              std::string_view action);
  // ... among everything the widget has posted (posted()).
  std::vector<nlohmann::json> requests(std::string_view action) const { return requests(posted_, action); }

  // --- automatic mode --------------------------------------------------------------------------
  // Starts the widget and completes the handshake, answering as pump() does; approved: every
  // capability, or only io.element.requires_client (the dev host's "deny").
  void connect(bool send_approved);
  // Answers everything the widget has posted, until it posts nothing more.
  void pump();
  void answer_next_send(SendAnswer answer) noexcept { next_answer_ = answer; }
  // The CompanyBot posts `text` as an m.notice; with `reply_to_request` as a rich reply to the
  // newest invite carrying the status block (docs/invite-protocol.md) when the text is one the
  // widget understands, as web/devhost/bot.js does.
  void bot_says(std::string_view text, bool reply_to_request);

  // --- recording -------------------------------------------------------------------------------
  const std::vector<nlohmann::json>& posted() const noexcept { return posted_; }  // by the widget, in order
  // Everything the fake delivered, in order (text that is no JSON as a JSON string).
  const std::vector<nlohmann::json>& delivered() const noexcept { return delivered_; }
  int sends() const noexcept { return sends_; }  // send_event requests the widget posted
  // The content of the newest invite event the room saw from the admin, or null; and its id.
  const nlohmann::json* newest_invite() const noexcept;
  const std::string& newest_invite_id() const noexcept { return newest_invite_id_; }

 private:
  void answer(const nlohmann::json& widget_request);
  void answer_send(const nlohmann::json& send);
  std::string fresh_event_id();

  ManualClock& clock_;
  WidgetPort widget_;
  FakeRoom room_;
  Answering answering_;
  int next_request_ = 0;
  int next_event_ = 0;
  int sends_ = 0;
  SendAnswer next_answer_ = SendAnswer::ok;
  std::string newest_invite_id_;
  nlohmann::json newest_invite_;
  std::vector<nlohmann::json> posted_;
  std::vector<nlohmann::json> delivered_;
};

}  // namespace verji::testing
