#include "verji/ui/theme.h"

namespace verji::ui {
namespace {

constexpr ImU32 rgb(unsigned hex, unsigned alpha = 0xFF) {
  // ImGui packs colours as ABGR.
  return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, alpha);
}

// Colours close to Element Web's (Verji's web client is an Element fork). Every text/background pair
// meets WCAG AA (4.5:1); tests/ui/test_theme.cpp checks it.
constexpr Palette kLight{
    rgb(0xFFFFFF),  // background
    rgb(0x1B1D22),  // text
    rgb(0x656D77),  // text_secondary
    rgb(0xFFFFFF),  // field_background
    rgb(0xC0C6CD),  // field_border
    rgb(0x0A7A58),  // accent (dark enough for white text: 5.3:1)
    rgb(0xFFFFFF),  // accent_text
    rgb(0xD51928),  // error
    rgb(0x8A5300),  // warning
    rgb(0x0A7A58),  // success
    rgb(0x0467DD),  // focus
    rgb(0x878F99),  // placeholder (3.3:1 on the field: readable, yet never mistaken for a value)
    rgb(0xFFE9B8),  // highlight
};

constexpr Palette kDark{
    rgb(0x101317),  // background
    rgb(0xEBEEF2),  // text
    rgb(0x9199A4),  // text_secondary
    rgb(0x1A1D22),  // field_background
    rgb(0x4A515B),  // field_border
    rgb(0x0B7B5A),  // accent
    rgb(0xFFFFFF),  // accent_text
    rgb(0xFD8078),  // error
    rgb(0xF0B44C),  // warning
    rgb(0x4CC38A),  // success
    rgb(0x4C9AFF),  // focus
    rgb(0x6E7580),  // placeholder (3.6:1 on the field)
    rgb(0x5C4413),  // highlight
};

ImVec4 v4(ImU32 c, float alpha_scale = 1.0f) {
  ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
  v.w *= alpha_scale;
  return v;
}

}  // namespace

const Palette& palette(app::Theme theme) noexcept { return theme == app::Theme::dark ? kDark : kLight; }

void apply_style(ImGuiStyle& style, app::Theme theme, float em) {
  style = ImGuiStyle();
  const Palette& p = palette(theme);

  style.WindowPadding = ImVec2(1.0f * em, 1.0f * em);
  style.WindowRounding = 0.0f;
  style.WindowBorderSize = 0.0f;
  style.FramePadding = ImVec2(0.6f * em, 0.45f * em);
  style.FrameRounding = 0.4f * em;
  style.FrameBorderSize = 1.0f;
  style.ItemSpacing = ImVec2(0.6f * em, 0.45f * em);
  style.ItemInnerSpacing = ImVec2(0.45f * em, 0.3f * em);
  style.ScrollbarSize = 0.75f * em;
  style.ScrollbarRounding = 0.4f * em;
  style.GrabRounding = 0.4f * em;
  style.ChildRounding = 0.4f * em;
  style.PopupRounding = 0.4f * em;
  style.TouchExtraPadding = ImVec2(0.15f * em, 0.15f * em);
  style.MouseCursorScale = em / 15.0f;
  style.DisplaySafeAreaPadding = ImVec2(0.0f, 0.0f);

  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = v4(p.background);
  c[ImGuiCol_ChildBg] = v4(p.background);
  c[ImGuiCol_PopupBg] = v4(p.background);
  c[ImGuiCol_Text] = v4(p.text);
  c[ImGuiCol_TextDisabled] = v4(p.placeholder);  // ImGui draws a field's hint text in it
  c[ImGuiCol_Border] = v4(p.field_border);
  c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_FrameBg] = v4(p.field_background);
  c[ImGuiCol_FrameBgHovered] = v4(p.field_background);
  c[ImGuiCol_FrameBgActive] = v4(p.field_background);
  c[ImGuiCol_Button] = v4(p.accent);
  c[ImGuiCol_ButtonHovered] = v4(p.accent, 0.88f);
  c[ImGuiCol_ButtonActive] = v4(p.accent, 0.75f);
  c[ImGuiCol_CheckMark] = v4(p.accent);
  c[ImGuiCol_TextSelectedBg] = v4(p.focus, 0.30f);
  c[ImGuiCol_NavHighlight] = v4(p.focus);
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = v4(p.text_secondary, 0.45f);
  c[ImGuiCol_ScrollbarGrabHovered] = v4(p.text_secondary, 0.65f);
  c[ImGuiCol_ScrollbarGrabActive] = v4(p.text_secondary, 0.85f);
  c[ImGuiCol_Separator] = v4(p.field_border);
}

}  // namespace verji::ui
