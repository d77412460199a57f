#include "verji/ui/theme.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

namespace {

// WCAG 2.x relative luminance and contrast ratio.
double channel(double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }
double luminance(ImU32 c) {
  const ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
  return 0.2126 * channel(static_cast<double>(v.x)) + 0.7152 * channel(static_cast<double>(v.y)) +
         0.0722 * channel(static_cast<double>(v.z));
}
double contrast(ImU32 a, ImU32 b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace

TEST_CASE("text colours meet WCAG AA contrast in both themes", "[theme]") {
  for (const auto theme : {verji::app::Theme::light, verji::app::Theme::dark}) {
    const auto& p = verji::ui::palette(theme);
    INFO("theme " << (theme == verji::app::Theme::dark ? "dark" : "light"));
    CHECK(contrast(p.text, p.background) >= 4.5);
    CHECK(contrast(p.text_secondary, p.background) >= 4.5);
    CHECK(contrast(p.text, p.field_background) >= 4.5);
    CHECK(contrast(p.accent_text, p.accent) >= 4.5);
    CHECK(contrast(p.error, p.background) >= 4.5);
    CHECK(contrast(p.warning, p.background) >= 4.5);
    CHECK(contrast(p.success, p.background) >= 4.5);
    // Non-text contrast (WCAG 1.4.11): focus ring and field border against the background.
    CHECK(contrast(p.focus, p.background) >= 3.0);
    // Placeholders read as examples: fainter than any value or hint, yet legible.
    CHECK(contrast(p.placeholder, p.field_background) >= 3.0);
    CHECK(contrast(p.placeholder, p.field_background) < contrast(p.text_secondary, p.field_background));
    // Flagged words of the welcome message stay as readable as the rest.
    CHECK(contrast(p.text, p.highlight) >= 4.5);
  }
}

TEST_CASE("style sizes scale with the font size", "[theme]") {
  ImGuiStyle small, large;
  verji::ui::apply_style(small, verji::app::Theme::light, 15.0f);
  verji::ui::apply_style(large, verji::app::Theme::light, 30.0f);
  CHECK(large.FramePadding.x == Approx(2.0f * small.FramePadding.x));
  CHECK(large.ItemSpacing.y == Approx(2.0f * small.ItemSpacing.y));
  CHECK(large.ScrollbarSize == Approx(2.0f * small.ScrollbarSize));
}
