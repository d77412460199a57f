// What the admin can do, as values: the UI returns them from a frame, the view model attaches one to
// each button and choice (what activating it does), and App::dispatch() applies them. A DOM layer or
// a script feeds the same intents.
#pragma once

#include "verji/core/invite_form.h"

#include <cstddef>
#include <string>
#include <variant>

namespace verji::app {

// A stretch of a text, as byte offsets [begin, end) into it; begin == end is a position (a caret).
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool empty() const noexcept { return begin == end; }
};

// The text of a field changed (typed, pasted, a one-click fix).
struct EditText {
  core::Field field;
  std::string text;
};
// Keyboard focus left a text field: from now on its errors are shown.
struct LeaveField {
  core::Field field;
};
// A text field's native control after the admin typed, pasted, composed, undid, moved the caret or
// selected: its whole UTF-8 text, the selection (a caret when empty; `begin` may be after `end` when
// selected backwards, as the DOM reports) and the IME composition range (empty when none), as byte
// offsets into `text`. The DOM layer sends one after every input and selection change.
struct TextInput {
  core::Field field;
  std::string text;
  Span selection;
  Span composition;
};
// Keyboard focus moved to the control `id` ("" when no control of the widget has it). `ring`: the
// browser would show a focus ring (:focus-visible: reached by keyboard, or a text field); a button
// clicked with the mouse has focus without one.
struct Focus {
  std::string id;
  bool ring = true;
};
// A key that means something wherever the focus is: Escape leaves the confirm step. (Enter needs no
// intent: it reaches the focused native control, or the form's submit button, which is activated.)
enum class Key { escape };
struct PressKey {
  Key key;
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

using Intent = std::variant<EditText, LeaveField, TextInput, Focus, PressKey, ChooseVerification,
                            ChooseUserType, ConfirmSensitive, Submit, SendInvite, EditAgain,
                            RequestPermission, Resend, PickName, InviteAnother, CopyAdvanceNotice>;

}  // namespace verji::app
