// The invite form's data, exactly as the administrator typed and chose it.
//
// This is the single source of truth the UI draws from; validation and the invite request are
// derived from it (later issues), never stored beside it.
#pragma once

#include <string>
#include <string_view>

namespace verji::core {

enum class Verification { sms, email };
enum class UserType { standard, administrator };

enum class Field { email, full_name, phone, verification, user_type, welcome_message };

struct InviteForm {
  std::string email;
  std::string full_name;
  std::string phone;
  Verification verification = Verification::sms;
  // False until the admin picks a channel: meanwhile validation sends default_verification()
  // (SMS with a valid mobile, otherwise e-mail) and the UI should show that one as selected.
  bool verification_chosen = false;
  UserType user_type = UserType::standard;
  std::string welcome_message;
};

// The invite-record field name used in JSON and by tools ("email", "full_name", "phone", ...).
std::string_view field_name(Field field) noexcept;

// Sets a text field; returns false (and changes nothing) for fields that are not text.
bool set_text(InviteForm& form, Field field, std::string value);

// The text of a text field; empty for fields that are not text.
std::string_view text_of(const InviteForm& form, Field field) noexcept;

// Nothing but spaces, tabs and line breaks: the admin typed nothing in a field holding `text`.
bool is_blank(std::string_view text) noexcept;

}  // namespace verji::core
