// The app layer: owns the widget's state, derives the view model, applies the UI's intents, and
// talks to the Matrix client through the core's Widget API client and invite tracker.
//
// The platform layer (src/platform/web) owns the window, the GL context, the fonts, the main loop
// and the JS bridge; it hands host messages to on_host_message(), posts take_outbound(), calls
// tick() before each frame, frame() inside an ImGui frame, and after_present() once a frame is on
// screen. Time is injected (monotonic milliseconds), so everything here runs headless in tests.
#pragma once

#include "verji/core/i18n.h"
#include "verji/core/invite_form.h"
#include "verji/core/invite_tracker.h"
#include "verji/core/validation.h"
#include "verji/core/widget_api_client.h"
#include "verji/core/widget_config.h"
#include "verji/ui/form_view.h"
#include "verji/ui/widgets.h"

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace verji::app {

struct Config {
  core::Lang lang = core::Lang::nb;
  ui::Theme theme = ui::Theme::light;
  std::string phone_region = "NO";  // ISO 3166 default region for national phone numbers
  core::WidgetConfig widget;        // ids, bot, username style, ... (core/widget_config.h)
};

// Reads the configuration from the widget URL's query and fragment. Unknown or malformed values
// keep the defaults.
Config config_from_url(std::string_view search, std::string_view hash);

// How the page is connected to a Matrix client.
enum class Connection {
  standalone,  // no widget id: a browser tab or a designer's preview; nothing can be sent
  connecting,  // hosted, handshake not finished
  ready,       // handshake done
  refused,     // the JS bridge refused the host (origin not allow-listed); nothing can be sent
};

class App {
 public:
  explicit App(Config config);
  App(const App&) = delete;  // the view model points into this object
  App& operator=(const App&) = delete;

  // Draws the widget into the current ImGui frame and applies what the user did.
  // Returns true when the state changed, so another frame is due.
  bool frame(const ui::FontSet& fonts);

  // Applies one user intent, as a click or key in frame() would (scripted previews and tests).
  void dispatch(const ui::Intent& intent);

  // True while something on screen moves by itself (the "processing" indicator), so the platform
  // keeps drawing frames even when nothing else changes.
  bool animating() const noexcept;

  // Work that must not delay the first frame (libphonenumber's start-up). Returns true when the
  // state changed.
  bool after_present();

  // --- the host ----------------------------------------------------------------------------------
  // The bridge is attached: start the handshake (hosted pages only).
  void connect(core::Millis now);
  // The JS bridge refused the host at `origin` (empty: no host origins are configured at all).
  void refuse_host(std::string origin);
  // One message from the host, already checked by the JS bridge. Returns true when state changed.
  bool on_host_message(std::string_view json_text, core::Millis now);
  // Timeouts and deadlines; call before each frame. Returns true when state changed.
  bool tick(core::Millis now);
  // JSON texts for the host, in order.
  std::vector<std::string> take_outbound();
  // When tick() next has work, if ever (for an idle loop).
  std::optional<core::Millis> next_deadline() const;

  const Config& config() const noexcept { return config_; }
  const core::InviteForm& form() const noexcept { return form_; }
  const core::Validation& validation() const noexcept { return validation_; }
  const ui::FrameLayout& layout() const noexcept { return layout_; }
  const ui::FormViewModel& view_model() const noexcept { return view_; }
  double phone_startup_ms() const noexcept { return phone_startup_ms_; }
  Connection connection() const noexcept;
  // The Matrix Widget API client and the invite tracker listening to it; null on standalone pages.
  const core::WidgetApiClient* client() const noexcept { return client_.get(); }
  const core::InviteTracker* tracker() const noexcept { return tracker_.get(); }

 private:
  void apply(const ui::Intent& intent);
  void submit();
  bool can_submit() const;  // "Opprett" (and the confirm step's "Send invitation") may act
  void reset_form();        // "Invite another": an empty form; nothing left, attempted or confirmed
  void refresh_confirm_step();
  bool already_sent() const;  // the form as it is now was sent and that request did not fail
  bool apply_protocol_events();
  void revalidate();
  void refresh_view();
  void refresh_phone_status();
  void refresh_feed();  // the invitations and the CompanyBot's answers
  void copy_advance_notice();

  Config config_;
  core::InviteForm form_;
  core::Validation validation_;
  // Hosted pages only; the tracker listens to the client (so it is destroyed first).
  std::unique_ptr<core::WidgetApiClient> client_;
  std::unique_ptr<core::InviteTracker> tracker_;
  bool refused_ = false;
  std::string refused_origin_;
  // The form as it was last handed to the tracker, and its request: Create stays off until the
  // admin changes something (or that request failed), so a second click never posts it twice.
  std::optional<core::InviteForm> submitted_form_;
  std::string submitted_request_;
  bool submit_attempted_ = false;
  // Text fields the admin has left at least once: their errors show from then on.
  std::set<core::Field> left_;
  // The confirm step is open ("Opprett" was pressed); focus_ asks the next frame to move keyboard
  // focus to its "Send invitation" (or back to "Opprett" when the step closes by "Edit").
  bool confirming_ = false;
  bool focus_send_ = false;
  bool focus_create_ = false;
  // The welcome message as it was when the admin confirmed its sensitive-data warnings; an edit
  // asks again.
  std::optional<std::string> confirmed_welcome_;
  core::Millis now_ = 0;
  ui::FormViewModel view_;
  ui::FrameLayout layout_;
  double phone_startup_ms_ = -1.0;
  // "Copy advance notice": until when (ImGui::GetTime()) the "Copied" note shows.
  double copied_until_ = -1.0;
};

}  // namespace verji::app
