// The CompanyBot's answers: what a status message means (docs/invite-protocol.md, "The answers").
//
// Two sources, strongest first:
//   status_from_block()  the `app.verji.invite.status` block a cooperating bot adds to its message;
//                        strictly typed, anything malformed gives nullopt.
//   classify_bot_text()  the message text, for a bot that only writes prose: the seed article's
//                        English texts and the project's Norwegian Bokmål counterparts, tolerant of
//                        case, runs of white space, quote style and trailing punctuation. Anything
//                        else is `unknown`, kept verbatim so the UI can show it as plain text.
// Neither decides *which* request an answer belongs to: that is the invite tracker's job (invite_tracker.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace verji::core {

enum class BotStatusKind { processing, success, email_registered, username_taken, failed, unknown };

// Stable lower-case names ("email_registered"), the same words the status block uses.
std::string_view to_string(BotStatusKind kind) noexcept;
std::optional<BotStatusKind> bot_status_kind_from_string(std::string_view name) noexcept;

struct BotStatus {
  BotStatusKind kind = BotStatusKind::unknown;
  std::string email;     // email_registered: the address that is taken
  std::string user_id;   // success: the new user; email_registered: the existing user ("@x:server")
  std::string room;      // email_registered: the room named (a room id, alias or the seed's "@x:server" name)
  std::string username;  // username_taken: the localpart, as the bot wrote it
  std::string reason;    // failed: the reason after "Failed:"; block: its `message`
  std::string text;      // the whole message text, verbatim (shown for `unknown`)
  friend bool operator==(const BotStatus& a, const BotStatus& b) {
    return a.kind == b.kind && a.email == b.email && a.user_id == b.user_id && a.room == b.room &&
           a.username == b.username && a.reason == b.reason && a.text == b.text;
  }
};

// Classifies one message body. Never fails: unknown text gives kind `unknown` with `text` set.
BotStatus classify_bot_text(std::string_view body);

// A parsed `app.verji.invite.status` block.
struct BotStatusBlock {
  std::string request_id;
  BotStatus status;  // text is left empty; the caller sets it from the message body
};

// Parses the block: an object with integer `version` 1, non-empty string `request_id`, a known
// `state`, and string-typed optional `user_id`, `room_id`, `email`, `username`, `message`.
// Anything else (wrong types, unknown state, other version) gives nullopt.
std::optional<BotStatusBlock> status_from_block(const nlohmann::json& block);

}  // namespace verji::core
