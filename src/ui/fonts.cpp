#include "verji/ui/fonts.h"

#include "embedded_assets.h"

#include <string_view>

namespace verji::ui {
namespace {

constexpr ImWchar kGlyphRanges[] = {
#include "verji_glyph_ranges.inc"
    0,
};

// The title font draws the form's and the confirm step's titles only (title_text): its glyphs are
// printable ASCII and the characters of those titles in every language, not the whole subset. That
// makes the atlas about a quarter quicker to build and, at devicePixelRatio 1, half as tall.
const ImWchar* title_ranges() {
  static const ImVector<ImWchar> ranges = [] {
    ImFontGlyphRangesBuilder builder;
    static constexpr ImWchar kAscii[] = {0x20, 0x7E, 0};
    builder.AddRanges(kAscii);
    for (const core::Lang lang : {core::Lang::nb, core::Lang::en}) {
      for (const core::Msg msg : kTitleMessages) {
        const std::string_view text = core::tr(lang, msg);
        builder.AddText(text.data(), text.data() + text.size());
      }
    }
    ImVector<ImWchar> out;
    builder.BuildRanges(&out);
    return out;
  }();
  return ranges.Data;
}

ImFont* add_font(ImFontAtlas& atlas, const unsigned char* data, std::size_t size, float px,
                 const ImWchar* ranges = kGlyphRanges) {
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // the bytes are static; the atlas must not free them
  // Whole-pixel glyph positions and no horizontal oversampling: the crispest text at any
  // devicePixelRatio (we rasterise at the physical size) and a smaller atlas.
  config.OversampleH = 1;
  config.OversampleV = 1;
  config.PixelSnapH = true;
  // ImGui's API takes a non-const pointer; with FontDataOwnedByAtlas=false it only reads it.
  void* bytes = const_cast<unsigned char*>(data);
  return atlas.AddFontFromMemoryTTF(bytes, static_cast<int>(size), px, &config, ranges);
}

}  // namespace

const ImWchar* glyph_ranges() noexcept { return kGlyphRanges; }

const unsigned char* body_font_data() noexcept { return assets::fonts_inter_regular; }
std::size_t body_font_size() noexcept { return assets::fonts_inter_regular_size; }

float css_font_ratio() noexcept {
  const unsigned char* font = assets::fonts_inter_regular;
  const std::size_t size = assets::fonts_inter_regular_size;
  const auto u16 = [&](std::size_t at) -> unsigned {
    return at + 2 <= size ? (font[at] << 8u) | font[at + 1] : 0u;
  };
  const auto u32 = [&](std::size_t at) -> std::size_t { return (std::size_t{u16(at)} << 16u) | u16(at + 2); };
  const auto s16 = [&](std::size_t at) { return static_cast<int>(static_cast<short>(u16(at))); };
  std::size_t head = 0, hhea = 0;
  const unsigned tables = u16(4);
  for (unsigned i = 0; i < tables; ++i) {  // the table directory: tag, checksum, offset, length
    const std::size_t record = 12 + 16 * std::size_t{i};
    if (record + 16 > size) break;
    const std::size_t offset = u32(record + 8);
    if (font[record] == 'h' && font[record + 1] == 'e' && font[record + 2] == 'a' && font[record + 3] == 'd')
      head = offset;
    if (font[record] == 'h' && font[record + 1] == 'h' && font[record + 2] == 'e' && font[record + 3] == 'a')
      hhea = offset;
  }
  if (head == 0 || hhea == 0) return 1.0f;
  const unsigned units_per_em = u16(head + 18);
  const int height = s16(hhea + 4) - s16(hhea + 6);  // ascender - descender, as stb_truetype scales
  return units_per_em > 0 && height > 0 ? static_cast<float>(units_per_em) / static_cast<float>(height)
                                        : 1.0f;
}

FontSet build_fonts(ImFontAtlas& atlas, float em) {
  atlas.Clear();
  FontSet fonts;
  fonts.em = em;
  fonts.body = add_font(atlas, assets::fonts_inter_regular, assets::fonts_inter_regular_size, em);
  fonts.strong = add_font(atlas, assets::fonts_inter_semibold, assets::fonts_inter_semibold_size, em);
  fonts.title = add_font(atlas, assets::fonts_inter_semibold, assets::fonts_inter_semibold_size,
                         static_cast<float>(static_cast<int>(em * 1.3f + 0.5f)), title_ranges());
  if (fonts.body == nullptr || fonts.strong == nullptr || fonts.title == nullptr || !atlas.Build()) {
    atlas.Clear();
    return FontSet{};
  }
  return fonts;
}

}  // namespace verji::ui
