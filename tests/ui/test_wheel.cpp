// The browser's wheel deltas become ImGui notches: the direction flipped, the size per deltaMode.
#include "verji/ui/wheel.h"

#include <catch2/catch.hpp>

using verji::ui::kDomDeltaLine;
using verji::ui::kDomDeltaPage;
using verji::ui::kDomDeltaPixel;
using verji::ui::wheel_notches;

TEST_CASE("wheel deltas become ImGui notches, down in the page is down in the form", "[ui][wheel]") {
  struct Row {
    double dx, dy;
    unsigned long mode;
    float x, y;
  };
  const Row rows[] = {
      {0, 100, kDomDeltaPixel, 0.0f, -1.0f},    // one notch down in Chromium: scroll down one notch
      {0, -100, kDomDeltaPixel, 0.0f, 1.0f},    // and up
      {0, 53.0, kDomDeltaPixel, 0.0f, -0.53f},  // a smaller pixel step (some platforms, trackpads)
      {0, 3, kDomDeltaLine, 0.0f, -1.0f},       // Firefox: three lines a notch
      {0, -6, kDomDeltaLine, 0.0f, 2.0f},      {0, 1, kDomDeltaPage, 0.0f, -1.0f},  // a page
      {100, 0, kDomDeltaPixel, -1.0f, 0.0f},  // rightwards: ImGui's negative horizontal wheel
      {-3, 0, kDomDeltaLine, 1.0f, 0.0f},      {0, 100, 7, 0.0f, -1.0f},  // an unknown mode counts as pixels
      {0, 0, kDomDeltaPixel, 0.0f, 0.0f},
  };
  for (const auto& r : rows) {
    CAPTURE(r.dx, r.dy, r.mode);
    const auto n = wheel_notches(r.dx, r.dy, r.mode);
    CHECK(n.x == Approx(r.x));
    CHECK(n.y == Approx(r.y));
  }
}
