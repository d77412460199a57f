// What the page learns of each frame's controls: app::FrameLayout (verji/app/layout.h, physical
// pixels) as the JSON the page gets as window.verjiLayout, plain C++ for the web runner, the tests
// and the DOM layer that will mirror the controls with real elements.
//
// One object per control, in the order drawn:
//   {"id", "role" (ARIA: textbox, radio, checkbox, button, status), "label",
//    "x", "y", "width", "height" (CSS pixels, rounded to 0.1), "focused", "disabled",
//    "kind" (text fields only: email, name, tel, multiline), "checked" (radios and check boxes only)}
#pragma once

#include "verji/app/layout.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verji::web {

// The ARIA role name of a control, and the kind name of a text field.
std::string_view aria_role(app::ControlRole role);
std::string_view text_kind_name(app::TextKind kind);

// A length or coordinate in physical pixels as CSS pixels at `device_pixel_ratio` (<= 0: 1),
// rounded to 0.1.
double css_px(float physical, double device_pixel_ratio);

// One control's entry in window.verjiLayout.
nlohmann::json control_json(const app::ControlBox& control, double device_pixel_ratio);
// window.verjiLayout: the array of every control's entry.
nlohmann::json layout_json(const app::FrameLayout& layout, double device_pixel_ratio);

// Serialises the layout only when it differs from the one last published: most frames it does not.
class LayoutPublisher {
 public:
  // The JSON text for the page when a control or the ratio changed since the last text returned;
  // empty when there is nothing new to publish.
  std::optional<std::string> publish(const app::FrameLayout& layout, double device_pixel_ratio);

 private:
  std::vector<app::ControlBox> published_;
  double published_dpr_ = 0.0;
};

}  // namespace verji::web
