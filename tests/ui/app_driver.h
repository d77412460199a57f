// Drives an App through HeadlessImGui for UI tests: one frame, a mouse click at a point, and reading
// what the last frame drew (a control's centre, its label).
#pragma once

#include "headless.h"
#include "verji/app/app.h"
#include "verji/ui/widgets.h"

#include <string>
#include <string_view>

namespace verji::test {

// One frame of `app`.
inline void frame(HeadlessImGui& ui, app::App& app) {
  ui.frame([&] { return app.frame(ui.fonts()); });
}

// The mouse moves to `at`, presses and releases, one frame each.
inline void click_at(HeadlessImGui& ui, app::App& app, ImVec2 at) {
  ui.mouse_move(at);
  frame(ui, app);
  ui.mouse_down(true);
  frame(ui, app);
  ui.mouse_down(false);
  frame(ui, app);
}

inline ImVec2 centre(const ui::ControlBox& box) {
  return ImVec2((box.min.x + box.max.x) * 0.5f, (box.min.y + box.max.y) * 0.5f);
}

// The label of the control `id` the last frame drew, or "" when it drew none.
inline std::string label_of(const app::App& app, std::string_view id) {
  const ui::ControlBox* box = app.layout().find(id);
  return box == nullptr ? std::string() : box->label;
}

}  // namespace verji::test
