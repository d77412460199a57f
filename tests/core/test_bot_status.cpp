// Tests for the CompanyBot's status texts and the app.verji.invite.status block (bot_status.h).
#include "verji/core/bot_status.h"

#include <catch2/catch.hpp>

#include <string>

using verji::core::bot_status_kind_from_string;
using verji::core::BotStatusKind;
using verji::core::classify_bot_text;
using verji::core::status_from_block;
using verji::core::to_string;
using json = nlohmann::json;

namespace {

struct Row {
  const char* text;
  BotStatusKind kind;
  const char* captured;  // email, username or reason, depending on kind; "" when none
};

std::string captured(const verji::core::BotStatus& s) {
  switch (s.kind) {
    case BotStatusKind::email_registered: return s.email;
    case BotStatusKind::username_taken: return s.username;
    case BotStatusKind::failed: return s.reason;
    default: return "";
  }
}

}  // namespace

TEST_CASE("the seed article's English texts and their Norwegian counterparts", "[bot_status]") {
  const Row rows[] = {
      // processing
      {"Processing, please wait...", BotStatusKind::processing, ""},
      {"processing please wait", BotStatusKind::processing, ""},
      {"  PROCESSING,   please wait…  ", BotStatusKind::processing, ""},
      {"Processing your request", BotStatusKind::processing, ""},
      {"Behandler, vennligst vent...", BotStatusKind::processing, ""},
      {"behandler vennligst vent", BotStatusKind::processing, ""},
      // success
      {"Success", BotStatusKind::success, ""},
      {"Success!", BotStatusKind::success, ""},
      {"success.", BotStatusKind::success, ""},
      {"Vellykket", BotStatusKind::success, ""},
      {"VELLYKKET.", BotStatusKind::success, ""},
      // e-mail already registered
      {"A user is already registered with the following email: ola@firma.no", BotStatusKind::email_registered,
       "ola@firma.no"},
      {"a user is already registered with the following e-mail:  Ola.Nordmann@Firma.no.",
       BotStatusKind::email_registered, "Ola.Nordmann@Firma.no"},
      {"A user is already registered with the following email: <kari@example.com>",
       BotStatusKind::email_registered, "kari@example.com"},
      {"En bruker er allerede registrert med følgende e-post: ola@firma.no", BotStatusKind::email_registered,
       "ola@firma.no"},
      {"EN BRUKER ER ALLEREDE REGISTRERT MED FØLGENDE E-POST: per@firma.no", BotStatusKind::email_registered,
       "per@firma.no"},
      {"A user is already registered with the following email", BotStatusKind::email_registered, ""},
      // username taken
      {"UserID 'johndoe' is already occupied", BotStatusKind::username_taken, "johndoe"},
      {"UserId \"olanormann\" is already occupied", BotStatusKind::username_taken, "olanormann"},
      {"userid 'john.doe' is already occupied.", BotStatusKind::username_taken, "john.doe"},
      {"User ID: 'JohnDoe' is already occupied!", BotStatusKind::username_taken, "JohnDoe"},
      {"UserID \xE2\x80\x98johndoe\xE2\x80\x99 is already occupied", BotStatusKind::username_taken,
       "johndoe"},
      {"Brukernavnet 'johndoe' er allerede i bruk", BotStatusKind::username_taken, "johndoe"},
      {"Brukernavnet \xC2\xAB"
       "olanormann\xC2\xBB er allerede i bruk.",
       BotStatusKind::username_taken, "olanormann"},
      // failure
      {"Failed: SMS gateway unavailable", BotStatusKind::failed, "SMS gateway unavailable"},
      {"Error: licence limit reached", BotStatusKind::failed, "licence limit reached"},
      {"error :  bad phone number ", BotStatusKind::failed, "bad phone number"},
      {"Feilet: SMS-tjenesten svarer ikke", BotStatusKind::failed, "SMS-tjenesten svarer ikke"},
      {"Feil: lisensgrensen er nådd", BotStatusKind::failed, "lisensgrensen er nådd"},
      {"Failed to create the user", BotStatusKind::failed, "Failed to create the user"},
      // unknown: kept verbatim
      {"Hello there", BotStatusKind::unknown, ""},
      {"", BotStatusKind::unknown, ""},
      {"Unsuccessful attempt", BotStatusKind::unknown, ""},
      {"Successor not found", BotStatusKind::unknown, ""},
      {"Feilmelding mottatt", BotStatusKind::unknown, ""},
      {"Errors happen", BotStatusKind::unknown, ""},
      {"UserID johndoe is already occupied", BotStatusKind::unknown, ""},
      {"UserID '' is already occupied", BotStatusKind::unknown, ""},
      {"The user is processing the e-mail", BotStatusKind::unknown, ""},
      {"<b>Success</b>", BotStatusKind::unknown, ""},
  };
  for (const auto& row : rows) {
    INFO("text '" << row.text << "'");
    const auto status = classify_bot_text(row.text);
    CHECK(to_string(status.kind) == to_string(row.kind));
    CHECK(captured(status) == row.captured);
    CHECK(status.text == row.text);  // always verbatim, untrimmed
  }
}

TEST_CASE("an e-mail answer captures the user or room it names", "[bot_status]") {
  const auto status = classify_bot_text(
      "A user is already registered with the following email: john@firma.no. Private room: "
      "@john.doe:prod.verji.app");
  CHECK(status.kind == BotStatusKind::email_registered);
  CHECK(status.email == "john@firma.no");
  CHECK(status.user_id == "@john.doe:prod.verji.app");
  CHECK(status.room == "@john.doe:prod.verji.app");  // the seed names the room after the user

  const auto with_room = classify_bot_text(
      "En bruker er allerede registrert med følgende e-post: kari@firma.no (@kari:verji.app), rom "
      "!abc:verji.app");
  CHECK(with_room.email == "kari@firma.no");
  CHECK(with_room.user_id == "@kari:verji.app");
  CHECK(with_room.room == "!abc:verji.app");
}

TEST_CASE("a success text may name the new user", "[bot_status]") {
  const auto status = classify_bot_text("Success: created @ola.nordmann:verji.app");
  CHECK(status.kind == BotStatusKind::success);
  CHECK(status.user_id == "@ola.nordmann:verji.app");
}

TEST_CASE("kind names round-trip and unknown names are refused", "[bot_status]") {
  for (const auto kind : {BotStatusKind::processing, BotStatusKind::success, BotStatusKind::email_registered,
                          BotStatusKind::username_taken, BotStatusKind::failed, BotStatusKind::unknown}) {
    CHECK(bot_status_kind_from_string(to_string(kind)) == kind);
  }
  CHECK_FALSE(bot_status_kind_from_string("Success").has_value());
  CHECK_FALSE(bot_status_kind_from_string("").has_value());
}

TEST_CASE("the status block is parsed strictly", "[bot_status]") {
  const json good = {{"version", 1},
                     {"request_id", "6f1c0e8a9b2d4c7e8f00112233445566"},
                     {"state", "email_registered"},
                     {"email", "ola@firma.no"},
                     {"user_id", "@ola:verji.app"},
                     {"room_id", "!dm:verji.app"},
                     {"message", "see the room"},
                     {"future_key", {1, 2, 3}}};
  const auto parsed = status_from_block(good);
  REQUIRE(parsed.has_value());
  CHECK(parsed->request_id == "6f1c0e8a9b2d4c7e8f00112233445566");
  CHECK(parsed->status.kind == BotStatusKind::email_registered);
  CHECK(parsed->status.email == "ola@firma.no");
  CHECK(parsed->status.user_id == "@ola:verji.app");
  CHECK(parsed->status.room == "!dm:verji.app");
  CHECK(parsed->status.reason == "see the room");
  CHECK(parsed->status.text.empty());

  const auto username = status_from_block(
      {{"version", 1}, {"request_id", "r"}, {"state", "username_taken"}, {"username", "olanordmann"}});
  REQUIRE(username.has_value());
  CHECK(username->status.kind == BotStatusKind::username_taken);
  CHECK(username->status.username == "olanordmann");

  struct Bad {
    const char* why;
    json block;
  };
  const Bad bad[] = {
      {"not an object", json::array({1})},
      {"no version", {{"request_id", "r"}, {"state", "success"}}},
      {"version 2", {{"version", 2}, {"request_id", "r"}, {"state", "success"}}},
      {"version as text", {{"version", "1"}, {"request_id", "r"}, {"state", "success"}}},
      {"version 1.5", {{"version", 1.5}, {"request_id", "r"}, {"state", "success"}}},
      {"no request_id", {{"version", 1}, {"state", "success"}}},
      {"empty request_id", {{"version", 1}, {"request_id", ""}, {"state", "success"}}},
      {"numeric request_id", {{"version", 1}, {"request_id", 7}, {"state", "success"}}},
      {"unknown state", {{"version", 1}, {"request_id", "r"}, {"state", "done"}}},
      {"state unknown", {{"version", 1}, {"request_id", "r"}, {"state", "unknown"}}},
      {"state not a string", {{"version", 1}, {"request_id", "r"}, {"state", 3}}},
      {"email not a string",
       {{"version", 1}, {"request_id", "r"}, {"state", "email_registered"}, {"email", 1}}},
      {"username null",
       {{"version", 1}, {"request_id", "r"}, {"state", "username_taken"}, {"username", nullptr}}},
      {"message object",
       {{"version", 1}, {"request_id", "r"}, {"state", "failed"}, {"message", json::object()}}},
  };
  for (const auto& row : bad) {
    INFO(row.why);
    CHECK_FALSE(status_from_block(row.block).has_value());
  }
}
