// The widget's own controls on top of Dear ImGui.
//
// Every control is drawn by one of these functions, and each records what it is, its label, its
// state and where it was drawn in FrameLayout. That is the seam for a DOM layer over the canvas:
// real <input> elements for text entry (IME, mobile keyboards, autofill) and a mirror of every
// control for screen readers. Every text field goes through text_field().
#pragma once

#include "verji/core/invite_form.h"
#include "verji/ui/fonts.h"
#include "verji/ui/theme.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verji::ui {

// What kind of text a field holds; a DOM layer maps it to <input type/inputmode/autocomplete>.
enum class TextKind { email, name, tel, multiline };

// status: a live line of text (a submission's state, a connection notice); a DOM layer maps it to an
// ARIA live region.
enum class ControlRole { text_field, radio, checkbox, button, status };

// The colour a line of text speaks in.
enum class Tone { neutral, secondary, success, warning, error };

// A control drawn this frame: what it is, its state, and where (physical pixels of the canvas).
struct ControlBox {
  ControlRole role = ControlRole::button;
  std::string id;     // stable across frames and languages: "email", "verification=sms", "create"
  std::string label;  // the visible label, in the current language
  TextKind kind = TextKind::name;  // text fields only
  ImVec2 min;
  ImVec2 max;
  bool focused = false;
  bool checked = false;  // radios and check boxes
  bool disabled = false;
};

struct FrameLayout {
  std::vector<ControlBox> controls;
  void clear() { controls.clear(); }
  // The control with `id` drawn this frame, or null.
  const ControlBox* find(std::string_view id) const;
};

// Everything a control needs from the frame: theme, fonts, and where to record layout.
struct DrawContext {
  Theme theme = Theme::light;
  FontSet fonts;
  FrameLayout* layout = nullptr;
};

struct TextFieldSpec {
  core::Field field;
  TextKind kind;
  std::string_view label;
  std::string_view hint;  // secondary text under the label; may be empty
  std::string_view placeholder;
  int max_bytes = 0;  // 0: no limit
};

// Draws a labelled text field showing `value`. Returns the new text when the user changed it this
// frame; the caller owns the value and applies the change (the UI keeps no copy of the form).
std::optional<std::string> text_field(const DrawContext& ctx, const TextFieldSpec& spec,
                                      std::string_view value);

// A radio button with a `label`; `id` names it in the layout. Returns true when clicked.
bool radio_button(const DrawContext& ctx, std::string_view id, std::string_view label, bool checked);

// A check box with a `label`; `id` names it in the layout. Returns true when clicked (toggle it).
bool checkbox(const DrawContext& ctx, std::string_view id, std::string_view label, bool checked);

// The form's main button, in the accent colour; greyed out and inert when disabled. Returns true
// when clicked.
bool primary_button(const DrawContext& ctx, std::string_view id, std::string_view label, bool enabled);

// A plain (not accent-coloured) button for secondary actions: "Ask again", "Try again".
bool secondary_button(const DrawContext& ctx, std::string_view id, std::string_view label, bool enabled);

// A wrapped line of live status text in `tone`, recorded in the layout as a status with `id`.
void status_text(const DrawContext& ctx, std::string_view id, std::string_view text, Tone tone);

// A label in the strong font, followed by an optional wrapped hint in the secondary colour.
void field_label(const DrawContext& ctx, std::string_view label, std::string_view hint);

// Wrapped text in the body colour and strong font (a list entry's title).
void wrapped_label(const DrawContext& ctx, std::string_view text);

// Wrapped text in the secondary colour.
void secondary_text(const DrawContext& ctx, std::string_view text);

// Wrapped text in the error colour.
void error_text(const DrawContext& ctx, std::string_view text);

// A heading in the title font, wrapped.
void title_text(const DrawContext& ctx, std::string_view text);

// All of these wrap text at the right edge of the current item width (the form's column).

}  // namespace verji::ui
