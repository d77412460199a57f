// The invite request: the m.room.message content the widget posts for the CompanyBot, and its
// strict reader. docs/invite-protocol.md is the contract; this file follows it key by key.
#pragma once

#include "verji/core/i18n.h"
#include "verji/core/invite_form.h"
#include "verji/core/validation.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace verji::core {

inline constexpr std::string_view kInviteKey = "app.verji.invite";  // the namespaced block
inline constexpr std::int64_t kInviteVersion = 1;
inline constexpr std::string_view kClientName = "verji-invite-widget";

// The block under "app.verji.invite", as values.
struct InviteBlock {
  std::int64_t version = kInviteVersion;
  std::string request_id;  // 32 lower-case hex digits
  std::string email;
  std::string full_name;
  std::string phone;  // E.164 or ""
  Verification verification = Verification::email;
  UserType user_type = UserType::standard;
  std::string welcome_message;
  std::string username_hint;
  Lang lang = Lang::nb;
  std::string client;  // "verji-invite-widget/0.1.0"
};

// 128 random bits from std::random_device as 32 lower-case hex digits; fresh for each new
// invitation (a resend of the same invitation reuses its id).
std::string new_request_id();

// True for 32 lower-case hex digits.
bool is_request_id(std::string_view text) noexcept;

// The event content: msgtype m.text, a one-line body in `lang` for people reading the room, and
// the versioned block built from the normalised values (the welcome message as typed).
// `client_version` is the widget's version ("0.1.0"), sent as "verji-invite-widget/0.1.0".
nlohmann::json invite_event_content(const InviteForm& form, const Validation& validation, Lang lang,
                                    std::string_view request_id, std::string_view client_version);

// The block of an event content, checked strictly against the contract: every key present with
// its type, known enum values, version 1, a well-formed request id and phone. Anything else
// (including hostile input of any shape) gives nullopt; it never throws.
std::optional<InviteBlock> parse_invite_content(const nlohmann::json& content) noexcept;

// The contract's names for the enums: "sms"/"email", "standard"/"administrator".
std::string_view to_string(Verification verification) noexcept;
std::string_view to_string(UserType user_type) noexcept;
std::optional<Verification> verification_from_string(std::string_view text) noexcept;
std::optional<UserType> user_type_from_string(std::string_view text) noexcept;

}  // namespace verji::core
