#include "verji/ui/fonts.h"

#include <catch2/catch.hpp>

TEST_CASE("the embedded Inter subsets build at every devicePixelRatio", "[fonts]") {
  for (const float dpr : {1.0f, 1.5f, 2.0f, 3.0f}) {
    const float em = verji::ui::kBodyCssPx * dpr;
    INFO("devicePixelRatio " << dpr);
    ImFontAtlas atlas;
    const auto fonts = verji::ui::build_fonts(atlas, em);
    REQUIRE(fonts.body != nullptr);
    REQUIRE(fonts.strong != nullptr);
    REQUIRE(fonts.title != nullptr);
    CHECK(fonts.body->FontSize == Approx(em));
    CHECK(fonts.title->FontSize > fonts.body->FontSize);
    CHECK(atlas.IsBuilt());
    // Norwegian letters, accents from the rest of Europe, typographic punctuation.
    for (const ImWchar c : {ImWchar(0xE6), ImWchar(0xF8), ImWchar(0xE5), ImWchar(0xC5), ImWchar(0x142),
                            ImWchar(0x2013), ImWchar(0x2026), ImWchar(0x20AC), ImWchar(0x2713)}) {
      INFO("U+" << std::hex << static_cast<unsigned>(c));
      CHECK(fonts.body->FindGlyphNoFallback(c) != nullptr);
      CHECK(fonts.strong->FindGlyphNoFallback(c) != nullptr);
    }
    // Not in the subset: CJK falls back.
    CHECK(fonts.body->FindGlyphNoFallback(0x4E2D) == nullptr);
  }
}

TEST_CASE("glyph ranges are sorted, inclusive pairs, zero-terminated", "[fonts]") {
  const ImWchar* r = verji::ui::glyph_ranges();
  REQUIRE(r[0] == 0x20);
  ImWchar previous_last = 0;
  int pairs = 0;
  for (; r[0] != 0; r += 2, ++pairs) {
    CHECK(r[0] <= r[1]);
    CHECK(r[0] > previous_last);
    previous_last = r[1];
  }
  CHECK(pairs >= 5);
}
