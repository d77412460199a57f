// The likely Matrix localpart the CompanyBot derives from a full name, and alternatives to offer
// when the bot says it is taken.
//
// The bot's algorithm is not public: this is a preview (the seed shows "johndoe" and "john.doe").
// Derivation: Æ->ae, Ø->oe, Å->aa (Nordic passport convention), ß->ss, other accents folded by
// removing combining marks, lower-case, only "a-z 0-9 . _ = - / +" kept, apostrophes dropped,
// never all digits.
#pragma once

#include "verji/core/validation.h"

#include <string>
#include <string_view>
#include <vector>

namespace verji::core {

// The name as it is sent: NFC, invisible characters removed, runs of white space collapsed to
// one space, trimmed. Ill-formed UTF-8 bytes become U+FFFD.
std::string normalize_full_name(std::string_view full_name);

// The words of normalize_full_name(full_name): "  Ola  Jakob Nordmann " -> Ola, Jakob, Nordmann.
std::vector<std::string> name_parts(std::string_view full_name);

// "Ola Nordmann" -> "olanordmann" (joined) or "ola.nordmann" (dotted); empty when the name gives
// no usable localpart (e.g. only Cyrillic letters, or only digits).
std::string derive_username(std::string_view full_name, UsernameStyle style);

// "@olanordmann:prod.verji.app"; empty when the localpart or the server is empty.
std::string user_id_preview(std::string_view localpart, std::string_view server_name);

struct UsernameChoice {
  std::string full_name;  // what the admin would send instead
  std::string username;   // what it probably becomes
  friend bool operator==(const UsernameChoice& a, const UsernameChoice& b) {
    return a.full_name == b.full_name && a.username == b.username;
  }
};

// Names to offer when `taken_localpart` is occupied: drop each middle name, drop all of them,
// shorten middle names to initials, shorten the first name to an initial. Each choice keeps a
// first and a last name, gives a non-empty username different from the taken one and from every
// other choice; the order is fixed (most natural first).
std::vector<UsernameChoice> username_alternatives(std::string_view full_name,
                                                  std::string_view taken_localpart, UsernameStyle style);

}  // namespace verji::core
