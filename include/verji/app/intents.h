// What the admin can do, as values: the UI returns them from a frame, the view model attaches one to
// each button and choice (what activating it does), and App::dispatch() applies them. A DOM layer or
// a script feeds the same intents.
#pragma once

#include "verji/core/invite_form.h"

#include <string>
#include <variant>

namespace verji::app {

// The text of a field changed (typed, pasted, a one-click fix).
struct EditText {
  core::Field field;
  std::string text;
};
// Keyboard focus left a text field: from now on its errors are shown.
struct LeaveField {
  core::Field field;
};
struct ChooseVerification {
  core::Verification value;
};
struct ChooseUserType {
  core::UserType value;
};
// The check box under sensitive-data warnings: "I have seen the warnings".
struct ConfirmSensitive {
  bool value = false;
};
// "Opprett": opens the confirm step with a summary of what will be sent (nothing is sent yet).
struct Submit {};
// The confirm step's "Send invitation" (Enter): the invitation is posted, once.
struct SendInvite {};
// The confirm step's "Edit" (Escape): back to the form, everything kept.
struct EditAgain {};
// Ask the Matrix client again for the capabilities it did not approve.
struct RequestPermission {};
// Send an invitation again under the same request id (after a timeout, 429 or refusal).
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

}  // namespace verji::app
