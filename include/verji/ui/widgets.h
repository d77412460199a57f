// The widget's own controls on top of Dear ImGui.
//
// Every text field of the widget is drawn by text_field(): one seam where a DOM input layer
// (screen readers, IME, mobile keyboards, autofill) can later take over text entry, using the
// boxes recorded in FrameLayout to place real <input> elements over the canvas.
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

// Where a text field was drawn this frame, in physical pixels of the canvas.
struct FieldBox {
  core::Field field;
  TextKind kind;
  ImVec2 min;
  ImVec2 max;
  bool focused;
};

struct FrameLayout {
  std::vector<FieldBox> fields;
  void clear() { fields.clear(); }
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

// A label in the strong font, followed by an optional wrapped hint in the secondary colour.
void field_label(const DrawContext& ctx, std::string_view label, std::string_view hint);

// Wrapped text in the secondary colour.
void secondary_text(const DrawContext& ctx, std::string_view text);

// A heading in the title font, wrapped.
void title_text(const DrawContext& ctx, std::string_view text);

// All of these wrap text at the right edge of the current item width (the form's column).

}  // namespace verji::ui
