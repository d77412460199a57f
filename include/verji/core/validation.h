// Validation of the invite form: what is wrong, what deserves a second look, and the normalised
// values the invite request is built from.
//
// validate() is a pure function of the form and the options: the UI calls it whenever the form
// changes and draws the findings; invite-check calls it per record. Each field's rules live in
// their own translation unit (validate_email.cpp, validate_name.cpp, ...), joined here.
#pragma once

#include "verji/core/i18n.h"
#include "verji/core/invite_form.h"
#include "verji/core/phone.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace verji::core {

// error: the form cannot be sent. warning: it can, but the admin should look again.
// notice: standing information ("sent unencrypted", "costs money"); tools report it as a warning.
enum class Severity { error, warning, notice };

// Byte offsets [begin, end) into the field's text exactly as typed (InviteForm, not normalised).
// An empty span means the finding is about the field as a whole.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool empty() const noexcept { return end <= begin; }
  friend bool operator==(const Span& a, const Span& b) { return a.begin == b.begin && a.end == b.end; }
};

struct Finding {
  Field field = Field::email;
  Severity severity = Severity::error;
  std::string code;  // stable, machine-readable: "email.syntax", "name.single_word", "welcome.card_number"
  Msg message = Msg::count_;
  MsgArgs args;  // fills the message's placeholders
  Span span;
  // Sending needs the admin's explicit confirmation that this was seen (sensitive data).
  bool needs_confirmation = false;
};

// How the likely Matrix localpart joins the parts of a name: "johndoe" or "john.doe".
enum class UsernameStyle { joined, dotted };

struct ValidationOptions {
  std::string phone_region = "NO";  // ISO 3166 default region for national phone numbers
  UsernameStyle username_style = UsernameStyle::joined;
  std::string server_name;  // "prod.verji.app" for the "@localpart:server" preview; empty when unknown
  // When false and libphonenumber is not started yet, a non-empty phone is not parsed: it gets a
  // "phone.pending" notice and the form is not sendable until the library is ready. The UI passes
  // false so that no frame pays the start-up; tools pass true.
  bool allow_phone_startup = true;
};

// The values the invite request carries, derived from the form.
struct Normalized {
  std::string email;                // trimmed, domain lower-cased (an IDN domain stays in Unicode, NFC)
  std::string email_ascii;          // the same with the domain in punycode ("xn--..."); empty if invalid
  std::string full_name;            // NFC, whitespace collapsed to single spaces, trimmed
  std::string phone_e164;           // "+4741234567"; empty when no valid number
  std::string phone_international;  // "+47 412 34 567"; empty when no valid number
  std::string phone_region;         // region of the number ("NO"), empty when unknown
  PhoneType phone_type = PhoneType::unknown;
  Verification verification = Verification::email;  // the channel that will be sent (see below)
  std::string username;  // the likely localpart ("olanordmann"), empty when the name gives none
  std::string user_id;   // "@olanordmann:prod.verji.app" when the server is known, else empty
};

struct Validation {
  std::vector<Finding> findings;
  Normalized normalized;
  bool phone_pending = false;  // a phone number waits for libphonenumber (allow_phone_startup false)

  // Appends a finding (for the per-field rules) and returns it.
  Finding& add(Field field, Severity severity, std::string code, Msg message, MsgArgs args = {},
               Span span = {});

  bool sendable() const noexcept;            // no error and nothing pending
  bool needs_confirmation() const noexcept;  // some finding has needs_confirmation
  std::vector<const Finding*> for_field(Field field) const;
};

Validation validate(const InviteForm& form, const ValidationOptions& options);

// The per-field rules validate() joins; each appends its findings and fills its part of `out`.
void validate_email(std::string_view text, Validation& out);
void validate_full_name(std::string_view text, const ValidationOptions& options, Validation& out);
void validate_phone(const InviteForm& form, const ValidationOptions& options, Validation& out);
void validate_user_type(const InviteForm& form, Validation& out);
void validate_welcome_message(std::string_view text, Validation& out);

// The channel to preselect while the admin has not chosen one: SMS when the phone is a valid
// number that can receive SMS, otherwise e-mail.
Verification default_verification(const Normalized& normalized) noexcept;

std::string_view to_string(Severity severity) noexcept;  // "error", "warning", "notice"

}  // namespace verji::core
