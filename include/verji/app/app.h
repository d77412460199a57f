// The app layer: owns the widget's state, derives the view model, applies the UI's intents.
//
// The platform layer (src/platform/web) owns the window, the GL context, the fonts and the main
// loop; it calls frame() inside an ImGui frame and after_present() once a frame is on screen.
#pragma once

#include "verji/core/i18n.h"
#include "verji/core/invite_form.h"
#include "verji/ui/form_view.h"
#include "verji/ui/widgets.h"

#include <string>
#include <string_view>

namespace verji::app {

struct Config {
  core::Lang lang = core::Lang::nb;
  ui::Theme theme = ui::Theme::light;
  std::string phone_region = "NO";  // ISO 3166 default region for national phone numbers
};

// Reads `lang`, `theme` and `phone_region` from the widget URL's query and fragment.
// Unknown or malformed values keep the defaults.
Config config_from_url(std::string_view search, std::string_view hash);

class App {
 public:
  explicit App(Config config);
  App(const App&) = delete;  // the view model points into this object
  App& operator=(const App&) = delete;

  // Draws the widget into the current ImGui frame and applies what the user did.
  // Returns true when the state changed, so another frame is due.
  bool frame(const ui::FontSet& fonts);

  // Work that must not delay the first frame (libphonenumber's start-up). Returns true when the
  // state changed.
  bool after_present();

  const Config& config() const noexcept { return config_; }
  const core::InviteForm& form() const noexcept { return form_; }
  const ui::FrameLayout& layout() const noexcept { return layout_; }
  const ui::FormViewModel& view_model() const noexcept { return view_; }
  double phone_startup_ms() const noexcept { return phone_startup_ms_; }

 private:
  void apply(const ui::Intent& intent);
  void refresh_phone_status();

  Config config_;
  core::InviteForm form_;
  ui::FormViewModel view_;
  ui::FrameLayout layout_;
  double phone_startup_ms_ = -1.0;
};

}  // namespace verji::app
