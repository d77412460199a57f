// The widget's own controls on top of Dear ImGui.
//
// Every control is drawn by one of these functions from its app::ControlView (view_model.h), and
// each records what it is, its label, its state and where it was drawn in app::FrameLayout. That
// is the seam for a DOM layer over the canvas: real <input> elements for text entry (IME, mobile
// keyboards, autofill) and a mirror of every control for screen readers. Every text field goes
// through text_field().
#pragma once

#include "verji/app/config.h"
#include "verji/app/intents.h"
#include "verji/app/layout.h"
#include "verji/app/view_model.h"
#include "verji/ui/fonts.h"
#include "verji/ui/theme.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verji::ui {

// The colour of `tone` in `theme`'s palette.
ImU32 tone_colour(app::Theme theme, app::Tone tone);

// Everything a control needs from the frame: theme, fonts, and where to record layout.
struct DrawContext {
  app::Theme theme = app::Theme::light;
  FontSet fonts;
  app::FrameLayout* layout = nullptr;
  bool caret_visible = true;  // the blinking caret's phase: drawn now or not
};

// Draws a text field: its label and help text, then the field showing the control's value, and
// while it has focus its selection, its IME composition (underlined) and its caret, all from the
// view. It edits nothing: the page's native control does (the DOM layer), and its edits come back
// as app::TextInput. One line scrolls sideways to keep the caret in view; the multi-line field
// wraps its text and grows to hold it. Returns true when it was clicked (focus it).
bool text_field(const DrawContext& ctx, const app::TextFieldView& field);

// Where a tap or click at `at` puts the caret in the text field drawn as `box` holding `text`
// (drawn with `font`): a byte offset into `text`, on a character boundary.
std::size_t caret_at(const ImFont& font, const app::ControlBox& box, std::string_view text, app::Point at);

// A radio button. Returns true when clicked.
bool radio_button(const DrawContext& ctx, const app::ControlView& control);

// A check box with its label beside it, wrapped. Returns true when clicked (toggle it).
bool checkbox(const DrawContext& ctx, const app::ControlView& control);

// The form's main button, in the accent colour; greyed out and inert when disabled. Returns true
// when clicked while enabled.
bool primary_button(const DrawContext& ctx, const app::ControlView& control);

// A plain (not accent-coloured) button for secondary actions: "Ask again", "Try again". With a
// `max_width` (pixels), a label too wide for it is wrapped onto more lines, and the button is taller.
bool secondary_button(const DrawContext& ctx, const app::ControlView& control, float height_em = 2.0f,
                      float max_width = 0.0f);

// A small link-like button (accent-coloured, underlined text, no frame) for a one-click fix.
bool link_button(const DrawContext& ctx, const app::ControlView& control);

// Appends the control's intent to `intents` when `activated` (a button or choice was clicked).
void act(bool activated, const app::ControlView& control, std::vector<app::Intent>& intents);

// Records the item drawn last (a line or group of text) in the layout as a status with `id` and `label`.
void record_status(const DrawContext& ctx, std::string_view id, std::string label);

// Adds `line` to the description (what is read with it) of the control recorded last with `id`.
void describe(const DrawContext& ctx, std::string_view id, std::string_view line);

// A wrapped line of live text in its tone, recorded in the layout as a status with its id. A line
// with no text draws nothing.
void status_text(const DrawContext& ctx, const app::Line& line);

// A little vertical air between sections, in em.
void section_gap(const DrawContext& ctx);

// A label in the strong font, followed by an optional wrapped hint in the secondary colour.
void field_label(const DrawContext& ctx, std::string_view label, std::string_view hint);

// Text in `font` and `colour`, wrapped at the right edge of the current item width (the form's
// column), not the window's, drawn at the cursor. Empty text draws nothing and takes no room.
void wrapped_text(const DrawContext& ctx, std::string_view text, ImFont* font, ImU32 colour);

// Wrapped text in the body colour and strong font (a list entry's title).
void wrapped_label(const DrawContext& ctx, std::string_view text);

// Wrapped text in the secondary colour.
void secondary_text(const DrawContext& ctx, std::string_view text);

// Wrapped text in the error colour.
void error_text(const DrawContext& ctx, std::string_view text);

// A heading in the title font, wrapped, recorded as a heading with `id`. The title font holds the
// characters of kTitleMessages (fonts.h) and ASCII only: a new kind of title goes there too.
void title_text(const DrawContext& ctx, std::string_view id, std::string_view text);

// All of these wrap text at the right edge of the current item width (the form's column), at
// spaces; a word (an e-mail address, a user or room id) is broken only when it does not fit on a
// line of its own.

// One line of wrapped text: a byte range [begin, end) of the text, without the space or line
// break it ended at.
struct TextLine {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// How `text` wraps in `width` pixels with `font` at its own size: at line breaks, at spaces, and
// inside a word only where the word alone is wider than `width` (then as late as possible, never
// inside a UTF-8 sequence).
std::vector<TextLine> wrap_lines(const ImFont& font, std::string_view text, float width);

// `text` wrapped in the column with each of `marks` on a highlighted background and underlined in
// the warning colour. Each mark is recorded in the layout as a status "<id>.mark<N>" whose label is
// the marked text and whose box covers its first line.
void marked_text(const DrawContext& ctx, std::string_view id, std::string_view text,
                 const std::vector<app::Span>& marks);

// Label/value rows (a summary); the whole is recorded as a status `id` whose label is the rows as
// "label: value" lines.
void summary_rows(const DrawContext& ctx, std::string_view id, const std::vector<app::SummaryRow>& rows);

}  // namespace verji::ui
