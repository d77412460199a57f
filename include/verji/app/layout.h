// What a frame drew: every control with its role, label, state and box. The UI records it while it
// draws (ui/widgets.h); the web platform publishes it to the page (window.verjiLayout), the
// designers' preview checks it, and tests find what to click in it. Plain data: no ImGui here, so
// the app layer and the platform's plain functions can read it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace verji::app {

// What kind of text a field holds; a DOM layer maps it to <input type/inputmode/autocomplete>.
enum class TextKind { email, name, tel, multiline };

// status: a live line of text (a submission's state, a connection notice); a DOM layer maps it to an
// ARIA live region.
enum class ControlRole { text_field, radio, checkbox, button, status };

// A point in physical pixels of the canvas, from its top left corner.
struct Point {
  float x = 0.0f;
  float y = 0.0f;
};

// A control drawn this frame: what it is, its state, and where (physical pixels of the canvas).
struct ControlBox {
  ControlRole role = ControlRole::button;
  std::string id;     // stable across frames and languages: "email", "verification=sms", "create"
  std::string label;  // the visible label, in the current language
  TextKind kind = TextKind::name;  // text fields only
  Point min;
  Point max;
  bool focused = false;
  bool checked = false;  // radios and check boxes
  bool disabled = false;
};

struct FrameLayout {
  std::vector<ControlBox> controls;
  void clear() { controls.clear(); }
  // The control with `id` drawn this frame, or null.
  const ControlBox* find(std::string_view id) const {
    for (const auto& control : controls) {
      if (control.id == id) return &control;
    }
    return nullptr;
  }
};

}  // namespace verji::app
