// The likely Matrix localpart and the alternatives offered when it is taken.
#include "verji/core/username.h"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using verji::core::derive_username;
using verji::core::name_parts;
using verji::core::normalize_full_name;
using verji::core::user_id_preview;
using verji::core::username_alternatives;
using verji::core::UsernameChoice;
using verji::core::UsernameStyle;

TEST_CASE("usernames are transliterated, lower-case and Matrix-safe", "[username]") {
  struct Row {
    const char* name;
    const char* joined;
    const char* dotted;
  };
  const Row rows[] = {
      {"John Doe", "johndoe", "john.doe"},
      {"Ola Nordmann", "olanordmann", "ola.nordmann"},
      {"Ærlig Øvrebø Ås", "aerligoevreboeaas", "aerlig.oevreboe.aas"},
      {"A\xCC\x8Asa Berg", "aasaberg", "aasa.berg"},  // NFD Å
      {"Zoë Çelik-Şahin", "zoecelik-sahin", "zoe.celik-sahin"},
      {"Łukasz Straße", "lukaszstrasse", "lukasz.strasse"},
      {"Siobhán O'Neill", "siobhanoneill", "siobhan.oneill"},
      {"Ola J. Nordmann", "olajnordmann", "ola.j.nordmann"},
      {"Jean - Luc Picard", "jeanlucpicard", "jean.luc.picard"},
      {"Сергей Иванов", "", ""},
      {"Сергей Smith", "smith", "smith"},
      {"12 34", "", ""},  // never all digits
      {"", "", ""},
  };
  for (const auto& row : rows) {
    INFO(row.name);
    const std::string joined = derive_username(row.name, UsernameStyle::joined);
    CHECK(joined == row.joined);
    CHECK(derive_username(row.name, UsernameStyle::dotted) == row.dotted);
    CHECK(joined.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._=-/+") == std::string::npos);
  }
}

TEST_CASE("names are normalised before they are split", "[username]") {
  CHECK(normalize_full_name("  Ola \t Nord\xE2\x80\x8Bmann ") == "Ola Nordmann");
  CHECK(name_parts(" Ola  Jakob\xE3\x80\x80Nordmann") ==
        std::vector<std::string>{"Ola", "Jakob", "Nordmann"});
  CHECK(name_parts("").empty());
}

// Found by fuzz_validate_name: an invisible character between a letter and its combining mark kept
// them apart, so the name sent was not NFC and normalising it again changed it.
TEST_CASE("fuzz regression: normalising a name is idempotent across invisible characters",
          "[username][fuzz]") {
  // "Ha", ZERO WIDTH SPACE, COMBINING RING ABOVE, "kon": the ring goes on the a.
  const std::string pasted = "Ha\xE2\x80\x8B\xCC\x8Akon Nordmann";
  CHECK(normalize_full_name(pasted) == "H\xC3\xA5kon Nordmann");
  CHECK(derive_username(pasted, UsernameStyle::joined) == "haakonnordmann");
  // The fuzzer's own input: NUL and other control characters around an NFD ring.
  const std::string found("Aasa\0\xCC\x8A \x04\0nOla\x17\0ordmann", 23);
  const std::string once = normalize_full_name(found);
  CHECK(once == "Aas\xC3\xA5 nOlaordmann");
  CHECK(normalize_full_name(once) == once);
}

TEST_CASE("the user id preview is @localpart:server", "[username]") {
  CHECK(user_id_preview("olanordmann", "prod.verji.app") == "@olanordmann:prod.verji.app");
  CHECK(user_id_preview("olanordmann", "").empty());
  CHECK(user_id_preview("", "prod.verji.app").empty());
}

TEST_CASE("a taken username gets alternatives from the name itself", "[username]") {
  const auto choices = username_alternatives("Ola Jakob Nordmann", "olajakobnordmann", UsernameStyle::joined);
  const std::vector<UsernameChoice> expected{
      {"Ola Nordmann", "olanordmann"},
      {"Ola J. Nordmann", "olajnordmann"},
      {"O. Jakob Nordmann", "ojakobnordmann"},
      {"O. Nordmann", "onordmann"},
  };
  CHECK(choices == expected);

  // Two middle names: drop both, keep either, initials.
  const auto two = username_alternatives("Kari Anne Marie Berg", "kariannemarieberg", UsernameStyle::dotted);
  const std::vector<UsernameChoice> expected_two{
      {"Kari Berg", "kari.berg"},
      {"Kari Anne Berg", "kari.anne.berg"},
      {"Kari Marie Berg", "kari.marie.berg"},
      {"Kari A. M. Berg", "kari.a.m.berg"},
      {"Kari A. Berg", "kari.a.berg"},
      {"K. Anne Marie Berg", "k.anne.marie.berg"},
      {"K. Berg", "k.berg"},
  };
  CHECK(two == expected_two);
}

TEST_CASE("alternatives never repeat the taken name and are never empty", "[username]") {
  const char* names[] = {"Ola Nordmann",
                         "Åse Marie Bjørnstad",
                         "Ola Jakob Nordmann",
                         "A\xCC\x8Ase Berg",
                         "Сергей Иванов",
                         "Ola",
                         ""};
  for (const char* name : names) {
    for (const auto style : {UsernameStyle::joined, UsernameStyle::dotted}) {
      INFO(name);
      const std::string taken = derive_username(name, style);
      const auto choices = username_alternatives(name, taken, style);
      std::set<std::string> seen;
      for (const auto& choice : choices) {
        CHECK_FALSE(choice.username.empty());
        CHECK(choice.username != taken);
        CHECK(seen.insert(choice.username).second);
        CHECK(name_parts(choice.full_name).size() >= 2);
        CHECK(derive_username(choice.full_name, style) == choice.username);
      }
      CHECK(username_alternatives(name, taken, style) == choices);  // deterministic
    }
  }
  // A two-part name still has one proposal; a one-word or non-Latin name has none.
  CHECK(username_alternatives("Ola Nordmann", "olanordmann", UsernameStyle::joined) ==
        std::vector<UsernameChoice>{{"O. Nordmann", "onordmann"}});
  CHECK(username_alternatives("Ola", "ola", UsernameStyle::joined).empty());
  CHECK(username_alternatives("Сергей Иванов", "sergei", UsernameStyle::joined).empty());
  // The bot's taken name may differ from our preview: it is excluded all the same.
  const auto bot = username_alternatives("Ola Jakob Nordmann", "olanordmann", UsernameStyle::joined);
  for (const auto& choice : bot) CHECK(choice.username != "olanordmann");
  CHECK_FALSE(bot.empty());
}
