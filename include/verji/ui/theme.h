// Colours and sizes of the widget. Sizes are in "em" (the body font size in physical pixels),
// never fixed pixels, so the widget scales with devicePixelRatio and the font.
#pragma once

#include "verji/app/config.h"

#include <imgui.h>

namespace verji::ui {

struct Palette {
  ImU32 background;
  ImU32 text;
  ImU32 text_secondary;
  ImU32 field_background;
  ImU32 field_border;
  ImU32 accent;
  ImU32 accent_text;  // text on an accent-coloured button
  ImU32 error;
  ImU32 warning;  // text: sensitive-data and other warnings
  ImU32 success;  // text: the CompanyBot created the user
  ImU32 focus;
  ImU32 placeholder;  // a field's example text: lower contrast than any value (>= 3:1)
  ImU32 highlight;    // background behind flagged words of the welcome message
};

const Palette& palette(app::Theme theme) noexcept;

// Sets ImGui's style for `theme` with every size derived from `em`.
void apply_style(ImGuiStyle& style, app::Theme theme, float em);

}  // namespace verji::ui
