// Drives an App through the real UI with headless ImGui: a Screen (ImGui with no window, and the
// layout of the last frame), one frame, a mouse click at a point, and reading what the last frame
// drew (a control's centre, its label). TestApp (app_fixture.h) gives the App a clock the test
// moves and a clipboard it reads.
#pragma once

#include "app_fixture.h"
#include "headless.h"
#include "verji/app/app.h"
#include "verji/app/layout.h"
#include "verji/ui/widget_view.h"

#include <string>
#include <string_view>

namespace verji::test {

// Headless ImGui and the layout its last frame drew.
class Screen : public HeadlessImGui {
 public:
  using HeadlessImGui::HeadlessImGui;
  app::FrameLayout layout;
};

// One frame of `app`. Returns true when the app's state changed.
inline bool frame(Screen& screen, app::App& app) {
  return screen.frame([&] { return ui::draw_frame(app, screen.fonts(), screen.layout); });
}

inline ImVec2 centre(const app::ControlBox& box) {
  return ImVec2((box.min.x + box.max.x) * 0.5f, (box.min.y + box.max.y) * 0.5f);
}

// The mouse moves to `at`, presses and releases, one frame each.
inline void click_at(Screen& screen, app::App& app, ImVec2 at) {
  screen.mouse_move(at);
  frame(screen, app);
  screen.mouse_down(true);
  frame(screen, app);
  screen.mouse_down(false);
  frame(screen, app);
}

// The label of the control `id` the last frame drew, or "" when it drew none.
inline std::string label_of(const Screen& screen, std::string_view id) {
  const app::ControlBox* box = screen.layout.find(id);
  return box == nullptr ? std::string() : box->label;
}

}  // namespace verji::test
