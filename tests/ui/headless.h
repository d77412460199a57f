// Runs Dear ImGui frames with no window and no renderer, for UI tests (native and wasm).
#pragma once

#include "verji/ui/fonts.h"

#include <imgui.h>

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace verji::test {

class HeadlessImGui {
 public:
  explicit HeadlessImGui(ImVec2 size = ImVec2(400.0f, 900.0f), float em = 15.0f) {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = size;
    io.DeltaTime = 1.0f / 60.0f;
    fonts_ = ui::build_fonts(*io.Fonts, em);
  }
  ~HeadlessImGui() { ImGui::DestroyContext(context_); }
  HeadlessImGui(const HeadlessImGui&) = delete;
  HeadlessImGui& operator=(const HeadlessImGui&) = delete;

  const ui::FontSet& fonts() const { return fonts_; }

  // One whole frame: NewFrame, draw(), Render. Returns what draw() returned.
  template <typename Draw>
  auto frame(Draw&& draw) {
    ImGui::NewFrame();
    if constexpr (std::is_void_v<decltype(draw())>) {
      std::forward<Draw>(draw)();
      ImGui::Render();
    } else {
      auto result = std::forward<Draw>(draw)();
      ImGui::Render();
      return result;
    }
  }

  void mouse_move(ImVec2 pos) { ImGui::GetIO().MousePos = pos; }
  void mouse_down(bool down) { ImGui::GetIO().MouseDown[0] = down; }

 private:
  ImGuiContext* context_ = nullptr;
  ui::FontSet fonts_;
};

}  // namespace verji::test
