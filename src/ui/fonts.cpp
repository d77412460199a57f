#include "verji/ui/fonts.h"

#include "embedded_assets.h"

namespace verji::ui {
namespace {

constexpr ImWchar kGlyphRanges[] = {
#include "verji_glyph_ranges.inc"
    0,
};

ImFont* add_font(ImFontAtlas& atlas, const unsigned char* data, std::size_t size, float px) {
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // the bytes are static; the atlas must not free them
  // Whole-pixel glyph positions and no horizontal oversampling: the crispest text at any
  // devicePixelRatio (we rasterise at the physical size) and a smaller atlas.
  config.OversampleH = 1;
  config.OversampleV = 1;
  config.PixelSnapH = true;
  // ImGui's API takes a non-const pointer; with FontDataOwnedByAtlas=false it only reads it.
  void* bytes = const_cast<unsigned char*>(data);
  return atlas.AddFontFromMemoryTTF(bytes, static_cast<int>(size), px, &config, kGlyphRanges);
}

}  // namespace

const ImWchar* glyph_ranges() noexcept { return kGlyphRanges; }

FontSet build_fonts(ImFontAtlas& atlas, float em) {
  atlas.Clear();
  FontSet fonts;
  fonts.em = em;
  fonts.body = add_font(atlas, assets::fonts_inter_regular, assets::fonts_inter_regular_size, em);
  fonts.strong = add_font(atlas, assets::fonts_inter_semibold, assets::fonts_inter_semibold_size, em);
  fonts.title = add_font(atlas, assets::fonts_inter_semibold, assets::fonts_inter_semibold_size,
                         static_cast<float>(static_cast<int>(em * 1.3f + 0.5f)));
  if (fonts.body == nullptr || fonts.strong == nullptr || fonts.title == nullptr || !atlas.Build()) {
    atlas.Clear();
    return FontSet{};
  }
  return fonts;
}

}  // namespace verji::ui
