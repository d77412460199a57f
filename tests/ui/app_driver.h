// Drives an App through the real UI with headless ImGui: a Screen (ImGui with no window, and the
// layout of the last frame), one frame, a mouse click at a point, and reading what the last frame
// drew (a control's centre, its label). TestApp gives the App a clock the test moves and a
// clipboard it reads.
#pragma once

#include "headless.h"
#include "verji/app/app.h"
#include "verji/app/clipboard.h"
#include "verji/app/layout.h"
#include "verji/app/preview.h"
#include "verji/ui/widget_view.h"

#include <string>
#include <string_view>
#include <utility>

namespace verji::test {

// A clipboard that keeps what was written to it.
class KeptClipboard : public app::Clipboard {
 public:
  void write(std::string_view text) override {
    text_ = std::string(text);
    ++writes_;
  }
  const std::string& text() const noexcept { return text_; }
  const int& writes() const noexcept { return writes_; }

 private:
  std::string text_;
  int writes_ = 0;
};

// What an App is given by the platform, for tests.
struct TestServices {
  app::ManualClock clock{1000};
  KeptClipboard clipboard;
};

// An App with a ManualClock (starting at 1000 ms) and a KeptClipboard.
class TestApp : private TestServices, public app::App {
 public:
  explicit TestApp(app::Config config)
      : App(std::move(config), TestServices::clock, TestServices::clipboard) {}
  app::ManualClock& clock() { return TestServices::clock; }
  KeptClipboard& clipboard() { return TestServices::clipboard; }
};

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
