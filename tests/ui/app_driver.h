// Drives an App through the real UI with headless ImGui: a Screen (ImGui with no window, and the
// layout of the last frame), one frame, a mouse click at a point, and reading what the last frame
// drew (a control's centre, its label). On the page, text is typed into native controls (the DOM
// layer) whose edits reach the app as app::TextInput; type(), erase() and press_escape() stand in
// for them here, sending what the page would. TestApp (app_fixture.h) gives the App a clock the
// test moves and a clipboard it reads.
#pragma once

#include "app_fixture.h"
#include "headless.h"
#include "verji/app/app.h"
#include "verji/app/layout.h"
#include "verji/app/state.h"
#include "verji/ui/widget_view.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
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

// The text field that has focus now (the test REQUIREs one).
inline core::Field focused_field(const app::App& app) {
  const std::optional<core::Field> field = app::text_field_named(app.state().form.focused);
  REQUIRE(field.has_value());
  return *field;
}

// What the native control of the focused field reports after `utf8` was typed (or pasted) at its
// caret, replacing its selection; then a frame draws it.
inline void type(Screen& screen, app::App& app, std::string_view utf8) {
  const core::Field field = focused_field(app);
  std::string text(core::text_of(app.form(), field));
  const app::Span selection = app.state().form.selection;
  const std::size_t begin = std::min({selection.begin, selection.end, text.size()});
  const std::size_t end = std::min(std::max(selection.begin, selection.end), text.size());
  text.replace(begin, end - begin, utf8);
  const std::size_t caret = begin + utf8.size();
  app.dispatch(app::TextInput{field, std::move(text), {caret, caret}, {}});
  frame(screen, app);
}

// Backspace pressed `times` in the focused field (whole characters, from the caret).
inline void erase(Screen& screen, app::App& app, int times) {
  for (int i = 0; i < times; ++i) {
    const core::Field field = focused_field(app);
    std::string text(core::text_of(app.form(), field));
    std::size_t caret = std::min(app.state().form.selection.end, text.size());
    if (caret == 0) break;
    std::size_t from = caret - 1;
    while (from > 0 && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) --from;
    text.erase(from, caret - from);
    app.dispatch(app::TextInput{field, std::move(text), {from, from}, {}});
    frame(screen, app);
  }
}

// Keyboard focus moves to the control `id` (Tab, a tap), as the page reports it.
inline void focus(Screen& screen, app::App& app, std::string_view id) {
  app.dispatch(app::Focus{std::string(id), true});
  frame(screen, app);
}

// Escape, which the page hands to the app wherever the focus is.
inline void press_escape(Screen& screen, app::App& app) {
  app.dispatch(app::PressKey{app::Key::escape});
  frame(screen, app);
  frame(screen, app);
}

// Enter, as the page's form answers it: a focused button clicks itself; in a field, a radio or the
// check box, Enter submits the form, which is its main button ("Opprett", "Send invitation").
inline void press_enter(Screen& screen, app::App& app) {
  const std::string focused = app.state().form.focused;
  const app::ControlBox* box = screen.layout.find(focused);
  if (box != nullptr && box->role == app::ControlRole::button) {
    app.activate(focused);
  } else {
    for (const auto& c : screen.layout.controls) {
      if (c.submit) {
        app.activate(c.id);
        break;
      }
    }
  }
  frame(screen, app);
  frame(screen, app);
}

// The label of the control `id` the last frame drew, or "" when it drew none.
inline std::string label_of(const Screen& screen, std::string_view id) {
  const app::ControlBox* box = screen.layout.find(id);
  return box == nullptr ? std::string() : box->label;
}

}  // namespace verji::test
