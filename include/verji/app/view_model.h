// What the UI draws: the whole widget as plain data, already worded in the admin's language, derived
// from the app's state by one pure function (derive_view, state.h). The UI computes nothing of its own
// beyond pixels; a DOM mirror (screen readers, native inputs for IME, phones and autofill) finds in
// each ControlView everything it needs to present the control.
//
// Ids are stable across frames and languages and are the ids the UI records in the layout
// (layout.h): "email", "email.note0", "verification=sms", "create", "confirm.send",
// "submission=<request_id>", "pick=<request_id>/<n>", "resend=<request_id>", "copy_notice", ...
#pragma once

#include "verji/app/intents.h"
#include "verji/app/layout.h"
#include "verji/core/i18n.h"
#include "verji/core/invite_form.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace verji::app {

// What a line of text says by its colour.
enum class Tone { neutral, secondary, success, warning, error };

// One control: a text field, a radio, a check box or a button.
struct ControlView {
  std::string id;
  ControlRole role = ControlRole::button;
  std::string label;      // the visible label; a button's text
  std::string value;      // a text field's text as typed; empty for the others
  std::string help;       // the help text shown with it (the hint under a field's label)
  std::string error;      // the errors shown for it now, worded, one per line; empty when none
  bool invalid = false;   // an error shows (aria-invalid)
  bool required = false;  // the invitation cannot be sent without it (aria-required)
  bool disabled = false;
  bool checked = false;  // radios and check boxes
  bool focus = false;    // the app moves keyboard focus here (one frame)
  bool focused = false;  // it has keyboard focus now (the drawn focus ring)
  // What activating it does (buttons, radios, the check box); none for text fields, whose edits
  // become EditText and LeaveField.
  std::optional<Intent> action;
};

// A line of text with an id: a finding under a field, a live status, a notice. Empty text: not shown.
struct Line {
  std::string id;
  std::string text;
  Tone tone = Tone::secondary;
};

struct TextFieldView {
  core::Field field = core::Field::email;
  TextKind kind = TextKind::name;
  ControlView control;       // role text_field; value is the form's text
  std::string placeholder;   // example text while empty
  int max_bytes = 0;         // the field takes no more (cut on a UTF-8 boundary)
  std::vector<Line> status;  // live lines about the value, right under the field (username, phone)
  std::vector<Line> notes;   // the findings shown for the field: errors once shown, warnings, notices
  // While the field has focus: its selection (a caret when empty) and IME composition, as byte
  // offsets into control.value (the DOM control's, as last reported).
  Span selection;
  Span composition;
};

struct RadioGroupView {
  std::string id;      // "verification", "user_type"
  std::string legend;  // the group's label
  std::vector<ControlView> options;
  std::vector<Line> notes;
};

// The invite form.
struct FormSection {
  std::string title;
  std::string intro;
  Line connection;  // "connection": standalone, refused, waiting, no permission; empty when fine
  std::optional<ControlView> request_permission;
  TextFieldView email;
  std::optional<ControlView> email_suggestion;  // the typo fix, as a link: "Bruk den"
  TextFieldView full_name;
  TextFieldView phone;
  // The region for as-you-type formatting of the phone field; empty while libphonenumber is not
  // started (formatting must never pay its start-up inside a frame).
  std::string phone_format_region;
  RadioGroupView verification;
  RadioGroupView user_type;
  TextFieldView welcome_message;
  // The welcome message's flagged stretches, highlighted in a copy under the field.
  std::vector<Span> welcome_marks;
  std::string welcome_marked_heading;            // above the copy
  std::optional<ControlView> confirm_sensitive;  // "I have seen the warnings", while they need it
  ControlView create;  // "Opprett"; disabled while it cannot act (a click then only shows every error)
  Line create_hint;    // "create.hint": why it is off, when that is not obvious
};

// A label and its value in the confirm step's summary.
struct SummaryRow {
  std::string label;
  std::string value;
};

// The confirm step that "Opprett" opens, in place of the form: what will be sent.
struct ConfirmSection {
  bool open = false;
  bool scroll_to_top = false;  // the step just opened
  std::string title;
  std::string intro;
  std::vector<SummaryRow> rows;  // "confirm.summary": e-mail, name, username, phone, channel, type, message
  std::string warnings_heading;
  std::vector<Line> warnings;  // "confirm.warning<n>": findings the admin confirms (sensitive data)
  std::optional<ControlView> confirm_sensitive;
  ControlView send;  // "confirm.send": focused when the step opens; Enter sends
  ControlView edit;  // "confirm.edit": Escape
  std::string keys_hint;
};

// One invitation sent from this widget and what the CompanyBot said about it.
struct FeedCard {
  std::string request_id;
  std::string title;  // "Ola Nordmann (ola@firma.no)"
  Line state;         // "submission=<request_id>": "Behandler …", "Brukernavnet olanordmann er opptatt"
  Line detail;        // "submission=<request_id>.detail": a hint, the room the bot named, its words
  bool detail_is_quote = false;  // the detail is the CompanyBot's own words, verbatim
  bool busy = false;             // sending, sent or processing: the animated indicator
  std::string alternatives_heading;
  std::vector<ControlView> alternatives;  // "pick=<request_id>/<n>": one-click names (PickName)
  std::vector<ControlView> actions;       // ask again, send again, invite another
};

// The invitations sent since the widget opened, newest first, and the advance notice to copy.
struct FeedSection {
  std::string heading;
  std::vector<FeedCard> cards;
  std::string copy_hint;
  ControlView copy_notice;
  Line copied;  // "copy_notice.done": shown for a moment after a copy
};

struct ViewModel {
  core::Lang lang = core::Lang::nb;
  FormSection form;
  ConfirmSection confirm;
  FeedSection feed;
};

// Every control of `view` that is drawn now, in the order the admin meets them (the form or the
// confirm step, then the feed).
std::vector<const ControlView*> controls_of(const ViewModel& view);

}  // namespace verji::app
