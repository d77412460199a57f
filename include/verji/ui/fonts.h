// The widget's fonts: Inter subsets (Debian's fonts-inter) embedded at build time, rasterised into
// Dear ImGui's atlas at the current physical size.
#pragma once

#include "verji/core/i18n.h"

#include <imgui.h>

#include <cstddef>

namespace verji::ui {

struct FontSet {
  ImFont* body = nullptr;    // Inter Regular, 1 em
  ImFont* strong = nullptr;  // Inter SemiBold, 1 em (labels, buttons)
  ImFont* title = nullptr;   // Inter SemiBold, 1.3 em: ASCII and the characters of kTitleMessages
  float em = 0.0f;           // body size in physical pixels
};

// The texts the title font draws (title_text), in every language: its glyphs are printable ASCII
// and their characters, so that its part of the atlas stays small.
inline constexpr core::Msg kTitleMessages[] = {core::Msg::form_title, core::Msg::confirm_title};

// The body size in CSS pixels; physical size = kBodyCssPx * devicePixelRatio.
inline constexpr float kBodyCssPx = 15.0f;

// Clears `atlas` and fills it with the widget's fonts at `em` physical pixels, then builds it.
// The renderer must re-upload the atlas texture afterwards. Returns an empty FontSet (all null)
// if the atlas could not be built.
FontSet build_fonts(ImFontAtlas& atlas, float em);

// The CSS font size at which a browser draws the body font (Inter Regular) as large as ImGui draws
// it at 1 px: ImGui sizes a font by its ascent plus descent, CSS by its em (unitsPerEm). Read from
// the font's own tables; 1 if they cannot be read.
float css_font_ratio() noexcept;

// The body font's TrueType bytes (static; for the page's native controls, as a FontFace).
const unsigned char* body_font_data() noexcept;
std::size_t body_font_size() noexcept;

// The glyph ranges of assets/fonts/glyph-ranges.txt, zero-terminated, as ImGui wants them.
const ImWchar* glyph_ranges() noexcept;

}  // namespace verji::ui
