// The browser's wheel events in Dear ImGui's units (see wheel.h).
#include "verji/ui/wheel.h"

namespace verji::ui {

WheelNotches wheel_notches(double delta_x, double delta_y, unsigned long dom_mode) noexcept {
  double per_notch = kPixelsPerNotch;
  if (dom_mode == kDomDeltaLine) per_notch = kLinesPerNotch;
  if (dom_mode == kDomDeltaPage) per_notch = 1.0;
  return {static_cast<float>(-delta_x / per_notch), static_cast<float>(-delta_y / per_notch)};
}

}  // namespace verji::ui
