// The designers' preview: one widget state, described as data (web/preview/states.json), played on
// an App with an in-process stand-in for the Matrix client, then checked.
//
// A state is {name, title: {nb, en}, connection?, script: [steps], expect: [checks]}; docs/preview.md
// lists the step and check vocabulary. Each script step is one App::dispatch(intent) or one thing
// the simulated Matrix client does (answer a send, deliver the CompanyBot's message, let time
// pass). Checks read what a frame drew (App::layout()), the same data the web page publishes as
// window.verjiLayout, so the C++ tests and the browser agree on what a state must show.
//
// Nothing here throws on a bad fixture: parse errors and unknown steps come back as text naming the
// state and the step, so a designer editing states.json sees what is wrong.
#pragma once

#include "verji/app/app.h"
#include "verji/app/layout.h"
#include "verji/core/invite_tracker.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verji::app {

// How the simulated Matrix client connects the widget before the script runs.
enum class PreviewConnection {
  ready,        // handshake done, every capability approved (the default)
  send_denied,  // handshake done, only io.element.requires_client approved (the dev host's "deny")
  standalone,   // no widget id: the page on its own in a browser tab
};

struct PreviewState {
  std::string name;      // "email-typo": file names and URLs use it
  std::string title_nb;  // caption for people
  std::string title_en;
  PreviewConnection connection = PreviewConnection::ready;
  nlohmann::json script = nlohmann::json::array();  // steps, checked by parse_preview_state()
  nlohmann::json expect = nlohmann::json::array();  // checks, checked by parse_preview_state()
  const std::string& title(core::Lang lang) const { return lang == core::Lang::en ? title_en : title_nb; }
};

struct PreviewParse {
  std::optional<PreviewState> state;
  std::vector<std::string> errors;  // empty when state is set
};

// Checks one state object, its steps and its checks. Never throws.
PreviewParse parse_preview_state(const nlohmann::json& object);

// Parses states.json (an array of states; names unique). Errors name the state and what is wrong.
struct PreviewStates {
  std::vector<PreviewState> states;
  std::vector<std::string> errors;
};
PreviewStates parse_preview_states(std::string_view json_text);

// The App's configuration for a state: a hosted-looking widget ("preview" in the Administration
// room of prod.verji.app, admin @ola:prod.verji.app, bot @companybot:prod.verji.app), or no widget
// id at all for PreviewConnection::standalone.
Config preview_config(const PreviewState& state, core::Lang lang, Theme theme);

inline constexpr const char* kPreviewAdmin = "@ola:prod.verji.app";
inline constexpr const char* kPreviewBot = "@companybot:prod.verji.app";
inline constexpr const char* kPreviewRoom = "!adm:prod.verji.app";

// The Matrix client, in-process: answers what the widget posts (pump()), echoes our own events
// into the room, delivers the CompanyBot's messages and moves the clock. The same things
// tests/ui/test_app_host.cpp's Host does, driven by a script instead of a test.
// A clock that moves only when told to.
class ManualClock : public core::Clock {
 public:
  explicit ManualClock(core::Millis now = 0) : now_(now) {}
  core::Millis now() const override { return now_; }
  void set(core::Millis now) { now_ = now; }

 private:
  core::Millis now_;
};

class PreviewHost {
 public:
  // How the next send_event is answered.
  enum class SendAnswer { ok, deny, rate_limit, timeout };

  // `clock` is the App's: the host moves it.
  PreviewHost(App& app, ManualClock& clock) : app_(app), clock_(clock) {}

  // Starts the widget and completes the handshake (approved: every capability, or only
  // io.element.requires_client).
  void connect(bool send_approved);
  // Answers everything the widget has posted, until it posts nothing more.
  void pump();
  // The CompanyBot posts `text` as an m.notice; with `reply_to_request` as a rich reply to the
  // newest invite carrying the status block (docs/invite-protocol.md), as web/devhost/bot.js does.
  void bot_says(std::string_view text, bool reply_to_request);
  // Moves the clock, ticking the app at each deadline on the way.
  void advance(core::Millis ms);
  void answer_next_send(SendAnswer answer) { next_answer_ = answer; }

  core::Millis now() const noexcept { return clock_.now(); }
  // How many send_event requests the widget has posted (whatever their answer).
  int sends() const noexcept { return sends_; }
  // The newest invite event the room saw from us (content), or null.
  const nlohmann::json* newest_invite() const;

 private:
  void deliver(const nlohmann::json& message);
  void request(const std::string& action, nlohmann::json data);
  void respond(const nlohmann::json& to, nlohmann::json response);
  void room_event(const std::string& sender, nlohmann::json content);
  void on_widget_request(const nlohmann::json& message);
  void on_send(const nlohmann::json& message);

  App& app_;
  ManualClock& clock_;
  int next_request_ = 0;
  int next_event_ = 0;
  int sends_ = 0;
  SendAnswer next_answer_ = SendAnswer::ok;
  std::string newest_invite_id_;
  nlohmann::json newest_invite_;  // content of our newest invite event in the room
};

// The sum of the script's wait_ms steps: start the host that much before "now", so that the script
// ends at the real clock and later real-time ticks continue from there.
core::Millis preview_script_duration(const PreviewState& state);

// Plays the state's script on `app` (made with preview_config()): warms up the phone check,
// connects through `host`, then each step in order. Returns errors (an alternative that does not
// exist, ...); empty when every step applied.
std::vector<std::string> run_script(App& app, PreviewHost& host, const PreviewState& state);

// Checks the state's expectations (in `lang`) against what the last frame drew. Returns one
// line per failed check, naming it; empty when all hold. Before any frame, that is a failure too.
std::vector<std::string> check_expectations(const FrameLayout& layout, const PreviewState& state,
                                            core::Lang lang);

}  // namespace verji::app
