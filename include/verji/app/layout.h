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
// heading: the form's or the confirm step's title.
enum class ControlRole { text_field, radio, checkbox, button, status, heading };

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
  bool focused = false;        // it has keyboard focus (the drawn focus ring)
  bool focus_request = false;  // the app moves keyboard focus here now
  bool checked = false;        // radios and check boxes
  bool disabled = false;
  bool invalid = false;   // an error shows (aria-invalid)
  bool required = false;  // aria-required
  // What is read with it (aria-describedby): its help text, the live lines about its value (the
  // username, the phone's country and format) and its findings (errors, warnings), one per line.
  std::string description;
  std::string group;        // radios: their group's id ("verification")
  std::string group_label;  // radios: their group's legend
  // Text fields: the top left of the text's first line (scrolled), the width it wraps in (0: one
  // line that scrolls sideways), and the height of a line; for hit-testing a tap (caret_at).
  Point text_origin;
  Point padding;  // between the field's frame and its text
  float wrap_width = 0.0f;
  float line_height = 0.0f;
  bool submit = false;  // buttons: the form's main action ("Opprett", "Send invitation"), Enter's
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
