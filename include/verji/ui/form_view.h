// The invite form, drawn from state; user actions come back as intents.
#pragma once

#include "verji/core/i18n.h"
#include "verji/core/invite_form.h"
#include "verji/ui/widgets.h"

#include <string>
#include <variant>
#include <vector>

namespace verji::ui {

// A finding or hint shown under a field, already worded in the current language.
struct FieldNote {
  core::Field field = core::Field::email;
  std::string text;
  Tone tone = Tone::secondary;
};

// A name to offer when the CompanyBot said the username is taken (core::username_alternatives).
struct NameChoice {
  std::string full_name;  // what the form's name becomes: "O. Nordmann"
  std::string label;      // the button's text: "O. Nordmann → onordmann"
};

// One invitation sent from this widget and what the CompanyBot said about it: a card with the
// title, the state line (with an animated indicator while busy) and a detail line.
struct SubmissionEntry {
  std::string request_id;
  std::string title;   // "Ola Nordmann (ola@firma.no)"
  std::string state;   // the current state, worded: "Behandler …", "Brukernavnet olanordmann er opptatt"
  std::string detail;  // a second line (a hint, the room the bot named); may be empty
  bool detail_is_quote = false;  // detail holds the CompanyBot's own words, verbatim
  Tone tone = Tone::secondary;
  bool busy = false;  // sending, sent or processing: the animated indicator
  bool can_resend = false;
  bool can_ask_again = false;         // the send capability was denied: "ask again"
  bool offer_invite_another = false;  // the newest invitation is done: "Invite another"
  std::vector<NameChoice> alternatives;
};

// The confirm step that "Opprett" opens: what will be sent, from the normalised values.
struct ConfirmStepView {
  bool open = false;
  bool take_focus = false;            // the step just opened: "Send invitation" gets keyboard focus
  std::vector<SummaryRow> rows;       // e-mail, full name, likely username, phone, channel, type, message
  std::vector<std::string> warnings;  // findings the admin confirmed (sensitive data), worded
  bool can_send = false;              // the form is still sendable (and confirmed)
};

// What the app derives for the view each frame (the view computes nothing itself).
struct FormViewModel {
  core::Lang lang = core::Lang::nb;
  const core::InviteForm* form = nullptr;
  core::Verification verification = core::Verification::email;  // the channel that will be sent
  std::string phone_status;  // e.g. "+47 412 34 567 · mobil", or a loading/error text
  bool phone_status_is_error = false;
  std::string phone_country;  // "Land: Norge (+47)"; empty while the number is not valid
  // The region for as-you-type formatting of the phone field; empty while libphonenumber is not
  // started (formatting must never pay its start-up inside a frame).
  std::string phone_format_region;
  std::string email_suggestion;  // the address the e-mail typo finding suggests; empty if none
  std::string username_preview;  // "Brukernavnet blir trolig @olanordmann:prod.verji.app"
  std::vector<FieldNote> notes;
  std::string connection_notice;  // standalone, refused, waiting, no permission; empty when fine
  Tone connection_tone = Tone::secondary;
  bool offer_permission_request = false;
  std::vector<Mark> welcome_marks;  // flagged stretches of the welcome message (byte offsets)
  bool confirm_needed = false;      // the welcome message has findings the admin must confirm
  bool confirmed = false;
  bool can_submit = false;
  bool focus_create = false;  // back from the confirm step: focus "Opprett"
  std::string submit_hint;    // why Create is off, when that is not obvious
  ConfirmStepView confirm;
  std::vector<SubmissionEntry> submissions;  // newest first
  bool copied_notice = false;                // "Copy advance notice" was clicked a moment ago
};

struct EditText {
  core::Field field;
  std::string text;
};
struct ChooseVerification {
  core::Verification value;
};
struct ChooseUserType {
  core::UserType value;
};
// Keyboard focus left a text field: from now on its errors are shown.
struct LeaveField {
  core::Field field;
};
// "Opprett": opens the confirm step with a summary of what will be sent (nothing is sent yet).
struct Submit {};
// The confirm step's "Send invitation" (Enter): the invitation is posted, once.
struct SendInvite {};
// The confirm step's "Edit" (Escape): back to the form, everything kept.
struct EditAgain {};
struct ConfirmSensitive {
  bool value = false;
};
struct RequestPermission {};
struct Resend {
  std::string request_id;
};
// A username-taken alternative: back to the form with the full name changed to `full_name`.
struct PickName {
  std::string full_name;
};
// "Invite another": clears the form for the next person (the list of invitations stays).
struct InviteAnother {};
// "Copy advance notice": the advance-notice text, in the current language, onto the clipboard.
struct CopyAdvanceNotice {};

using Intent = std::variant<EditText, LeaveField, ChooseVerification, ChooseUserType, ConfirmSensitive,
                            Submit, SendInvite, EditAgain, RequestPermission, Resend, PickName, InviteAnother,
                            CopyAdvanceNotice>;

// Draws the whole widget into the current ImGui viewport (no window chrome).
std::vector<Intent> draw_form(const DrawContext& ctx, const FormViewModel& vm);

// A phone number as the admin types it, in libphonenumber's as-you-type format for `region`
// ("4123" -> "412 3"). Text with anything but digits, spaces and + - ( ) . / comes back unchanged,
// so that a letter typed by mistake stays visible (and the validation points at it).
std::string format_phone_as_typed(std::string_view text, std::string_view region);

}  // namespace verji::ui
