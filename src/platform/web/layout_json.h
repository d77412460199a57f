// What the page learns of each frame's controls: app::FrameLayout (verji/app/layout.h, physical
// pixels) as the JSON the page gets as window.verjiLayout, plain C++ for the web runner, the tests
// and the DOM layer (dom_layer.js), which places a native control on each box.
//
// One object per control, in the order drawn:
//   {"id", "role" (ARIA: textbox, radio, checkbox, button, status, heading), "label",
//    "x", "y", "width", "height" (CSS pixels, rounded to 0.1), "focused", "disabled",
//    "focus" (true: move keyboard focus here now), "invalid", "required" (true or absent),
//    "description" (what is read with it, one line each; absent when none),
//    text fields: "kind" (email, name, tel, multiline), "font" (CSS font size of the drawn text),
//                 "line" (its line height), "padX", "padY" (frame to text, CSS pixels);
//    radios and check boxes: "checked"; radios: "group", "legend";
//    buttons: "submit" (true: the form's main action, which Enter in a field triggers)}
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
// `font_ratio`: the CSS font size that draws the body font as large as ImGui draws it, per pixel
// of ImGui's size (ui::css_font_ratio(); ImGui sizes a font by its ascent plus descent).
nlohmann::json control_json(const app::ControlBox& control, double device_pixel_ratio,
                            double font_ratio = 1.0);
// window.verjiLayout: the array of every control's entry.
nlohmann::json layout_json(const app::FrameLayout& layout, double device_pixel_ratio,
                           double font_ratio = 1.0);

// Serialises the layout only when it differs from the one last published: most frames it does not.
class LayoutPublisher {
 public:
  // The JSON text for the page when a control or the ratio changed since the last text returned;
  // empty when there is nothing new to publish.
  std::optional<std::string> publish(const app::FrameLayout& layout, double device_pixel_ratio);
  // The font ratio of control_json() for what is published from now on (a change publishes again).
  void set_font_ratio(double ratio) { font_ratio_ = ratio; }

 private:
  double font_ratio_ = 1.0;
  std::vector<app::ControlBox> published_;
  double published_dpr_ = 0.0;
  double published_font_ratio_ = 1.0;
};

}  // namespace verji::web
