#include "verji/ui/fonts.h"

#include "widget_scene.h"

#include <imgui_internal.h>
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

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
    for (const char* title : {"Inviter ny bruker", "Kontroller invitasjonen", "Check the invitation"}) {
      INFO(title);
      for (const char* p = title; *p != '\0'; ++p)
        CHECK(fonts.title->FindGlyphNoFallback(ImWchar(*p)) != nullptr);
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

namespace {

// The code points of UTF-8 `text` (well-formed, as the message catalogue is).
std::vector<unsigned> code_points(std::string_view text) {
  std::vector<unsigned> out;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    unsigned c = 0;
    p += ImTextCharFromUtf8(&c, p, end);
    out.push_back(c);
  }
  return out;
}

}  // namespace

TEST_CASE("the title font has every character of each title the widget draws, in both languages", "[fonts]") {
  for (const auto lang : {verji::core::Lang::nb, verji::core::Lang::en}) {
    INFO("language " << verji::core::tag(lang));
    verji::test::Screen ui(ImVec2(400.0f, 2400.0f));
    verji::test::TestApp app(verji::preview::config_for({}, lang, verji::app::Theme::light));
    verji::testing::FakeMatrixClient host(app.clock(), verji::preview::port_of(app), verji::preview::room());
    app.after_present();
    host.connect(true);
    // The form, then the confirm step: every heading either draws.
    std::vector<std::string> headings;
    const auto collect = [&] {
      verji::test::frame(ui, app);
      for (const auto& c : ui.layout.controls) {
        if (c.role == verji::app::ControlRole::heading) headings.push_back(c.label);
      }
    };
    collect();
    app.dispatch(verji::app::EditText{verji::core::Field::email, "kari@firma.no"});
    app.dispatch(verji::app::EditText{verji::core::Field::full_name, "Kari Nordmann"});
    REQUIRE(app.activate("create"));
    collect();
    REQUIRE(headings.size() >= 2);
    for (const std::string& heading : headings) {
      INFO(heading);
      for (const unsigned c : code_points(heading)) {
        INFO("U+" << std::hex << c);
        CHECK(ui.fonts().title->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr);
      }
    }
    // Only those: far fewer glyphs than the body font's.
    CHECK(ui.fonts().title->Glyphs.Size < ui.fonts().body->Glyphs.Size / 2);
    CHECK(ui.fonts().title->FindGlyphNoFallback(0x142) == nullptr);  // ł: in no title
  }
}
