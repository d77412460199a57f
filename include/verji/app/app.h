// The app layer: owns the widget's state (state.h), applies intents, talks to the Matrix client
// through the core's Widget API client and invite tracker, and keeps the view model (view_model.h) derived
// from the state. It sees neither ImGui nor the browser (the build enforces it): time comes from a
// core::Clock and the clipboard is an app::Clipboard, both given by whoever makes the App.
//
// The web platform hands host messages to on_host_message(), posts take_outbound(), calls tick()
// before each frame, lets the UI draw view() and hands the frame's intents to handle_frame(), and
// calls after_present() once a frame is on screen.
#pragma once

#include "verji/app/clipboard.h"
#include "verji/app/config.h"
#include "verji/app/intents.h"
#include "verji/app/state.h"
#include "verji/app/view_model.h"
#include "verji/core/clock.h"
#include "verji/core/invite_tracker.h"
#include "verji/core/widget_api_client.h"

#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verji::app {

class App {
 public:
  App(Config config, const core::Clock& clock, Clipboard& clipboard);
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // What the UI draws now.
  const ViewModel& view() const noexcept { return view_; }

  // Applies one intent, as a click or key would (DOM input, scripted previews, tests).
  void dispatch(const Intent& intent);
  // Applies what the admin did in one frame, in order; the frame has drawn any focus request, which
  // is then done. Returns true when something changed, so another frame is due.
  bool handle_frame(const std::vector<Intent>& intents);
  // The control `id` of view() was operated (a DOM button clicked, a radio or check box changed):
  // applies its action. Returns false when there is no such control or it is off.
  bool activate(std::string_view id);

  // True while something on screen moves by itself (the pulsing dots of an invitation under way),
  // so the platform keeps drawing frames even when nothing else changes.
  bool animating() const noexcept;

  // Work that must not delay the first frame (libphonenumber's start-up), about `budget_ms` of it
  // per call; by default all of it. Returns true when the state changed.
  bool after_present(double budget_ms = std::numeric_limits<double>::infinity());
  // True until after_present() has done all of that work.
  bool warming_up() const noexcept;

  // --- the host ----------------------------------------------------------------------------------
  // The bridge is attached: start the handshake (hosted pages only).
  void connect();
  // The JS bridge refused the host at `origin` (empty: no host origins are configured at all).
  void refuse_host(std::string origin);
  // One message from the host, already checked by the JS bridge. Returns true when state changed.
  bool on_host_message(std::string_view json_text);
  // Timeouts and deadlines that have passed; call before each frame. Returns true when state changed.
  bool tick();
  // JSON texts for the host, in order.
  std::vector<std::string> take_outbound();
  // When tick() next has work, if ever (for an idle loop).
  std::optional<core::Millis> next_deadline() const;

  const AppState& state() const noexcept { return state_; }
  const Config& config() const noexcept { return state_.config; }
  const core::InviteForm& form() const noexcept { return state_.form.form; }
  const core::Validation& validation() const noexcept { return state_.form.validation; }
  Connection connection() const noexcept { return state_.host.connection; }
  double phone_startup_ms() const noexcept { return phone_startup_ms_; }
  // The Matrix Widget API client and the invite tracker listening to it; null on standalone pages.
  const core::WidgetApiClient* client() const noexcept { return client_.get(); }
  const core::InviteTracker* tracker() const noexcept { return tracker_.get(); }

 private:
  void apply(const Intent& intent);
  void submit();
  void reset_form();  // "Invite another": an empty form; nothing left, attempted or confirmed
  void input_text(const TextInput& input);
  void leave_field(core::Field field);  // its errors show from now on; the phone number is formatted
  void move_focus(const std::string& id);
  void request_focus(FocusRequest request);
  static std::string fit(core::Field field, std::string text);  // cut to max_bytes(field)
  void copy_advance_notice();
  bool apply_protocol_events();
  void revalidate();
  void refresh();  // the host facts and the view, after any change

  const core::Clock& clock_;
  Clipboard& clipboard_;
  AppState state_;
  // Hosted pages only; the tracker listens to the client (so it is destroyed first).
  std::unique_ptr<core::WidgetApiClient> client_;
  std::unique_ptr<core::InviteTracker> tracker_;
  ViewModel view_;
  double phone_startup_ms_ = -1.0;
};

}  // namespace verji::app
