// The browser's wheel events in Dear ImGui's units.
//
// A DOM WheelEvent says how far the page would scroll, downwards and rightwards positive, in pixels,
// lines or pages (deltaMode). ImGui 1.86 wants notches, upwards and leftwards positive
// (io.MouseWheel, io.MouseWheelH; one notch scrolls about five lines). Emscripten 3.1.6's GLFW hands
// the raw deltaY over unchanged, so in the browser one notch down scrolled the form about a hundred
// notches up; the web platform converts with this instead.
#pragma once

namespace verji::ui {

// DOM WheelEvent.deltaMode.
inline constexpr unsigned long kDomDeltaPixel = 0;
inline constexpr unsigned long kDomDeltaLine = 1;
inline constexpr unsigned long kDomDeltaPage = 2;

// About one notch of a mouse wheel, per mode: 100 px (Chromium, Safari), 3 lines (Firefox), 1 page.
inline constexpr double kPixelsPerNotch = 100.0;
inline constexpr double kLinesPerNotch = 3.0;

struct WheelNotches {
  float x = 0.0f;  // io.MouseWheelH: positive scrolls left
  float y = 0.0f;  // io.MouseWheel: positive scrolls up
};

// `dom_mode` other than line or page is taken as pixels.
WheelNotches wheel_notches(double delta_x, double delta_y, unsigned long dom_mode) noexcept;

}  // namespace verji::ui
