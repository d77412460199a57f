// The app's state as plain data, and the pure functions that derive from it what the UI shows.
// App (app.h) owns one AppState and changes it; derive_view() turns it into the view model. Tests
// build an AppState by hand and call derive_view() directly.
#pragma once

#include "verji/app/config.h"
#include "verji/app/view_model.h"
#include "verji/core/clock.h"
#include "verji/core/invite_form.h"
#include "verji/core/invite_tracker.h"
#include "verji/core/validation.h"

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace verji::app {

// Where keyboard focus should move in the next frame (then the request is done).
enum class FocusRequest { none, send, create, email };

// The text fields, in the form's order.
inline constexpr core::Field kTextFields[] = {core::Field::email, core::Field::full_name, core::Field::phone,
                                              core::Field::welcome_message};

// The most a text field takes, in UTF-8 bytes (longer text is cut on a character boundary).
std::size_t max_bytes(core::Field field) noexcept;

// The text field whose control id is `id` ("email", "full_name", "phone", "welcome_message").
std::optional<core::Field> text_field_named(std::string_view id) noexcept;

// What the admin has done so far.
struct FormState {
  core::InviteForm form;
  core::Validation validation;    // of `form`, always current
  std::set<core::Field> left;     // text fields left with something in them: their errors show
  bool submit_attempted = false;  // "Opprett" was pressed (or clicked while off): every error shows
  bool confirming = false;        // the confirm step is open
  FocusRequest focus = FocusRequest::none;
  // The control with keyboard focus ("" when none), and while it is a text field its selection and
  // IME composition as byte offsets into its text (the DOM control's, as last reported).
  std::string focused;
  bool focus_ring = true;  // the focused control shows its focus ring (Focus::ring)
  Span selection;
  Span composition;
  // The welcome message as it was when the admin confirmed its sensitive-data warnings; an edit
  // asks again.
  std::optional<std::string> confirmed_welcome;
  // The form as it was last handed to the Matrix client, and its request: Create stays off until
  // the admin changes something (or that request failed), so a second click never posts it twice.
  std::optional<core::InviteForm> submitted_form;
  std::string submitted_request;
  core::Millis copied_until = -1;  // "Copy advance notice": the "Copied" note shows until then
};

// What the connection to the Matrix client says, as far as the view is concerned.
struct HostState {
  Connection connection = Connection::standalone;
  std::string refused_origin;       // Connection::refused: the host's origin (empty: none configured)
  bool can_send = false;            // the send capability is approved
  bool permission_refused = false;  // asked again for it (request_capabilities), and not given
  bool send_in_flight = false;
  std::vector<core::Submission> submissions;  // oldest first
};

struct AppState {
  Config config;
  FormState form;
  HostState host;
  core::Millis now = 0;
  bool phone_ready = false;  // libphonenumber has started (as-you-type formatting is free)
};

// True when "Opprett" (and the confirm step's "Send invitation") may act: the form is sendable,
// the host ready and allowing it, nothing in flight, the form not already sent as it is, and any
// sensitive-data warning confirmed.
bool can_submit(const AppState& state);

// True when the form as it is now was sent and that request did not fail.
bool already_sent(const AppState& state);

// The whole view model. Pure: the same state gives the same view.
ViewModel derive_view(const AppState& state);

// The feed's cards (feed_cards.cpp), newest first, worded in the state's language.
std::vector<FeedCard> derive_feed_cards(const AppState& state);

}  // namespace verji::app
