// The DOM layer's text bookkeeping (src/platform/web/dom_sync.h): the DOM's UTF-16 offsets and the
// app's UTF-8 byte offsets in both directions, and what the runner writes back into a field's
// native control (only what the app changed itself, never an echo of what the control reported).
#include "dom_sync.h"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <string_view>

using verji::core::Field;
using verji::web::DomSync;
using verji::web::utf16_offset;
using verji::web::utf8_offset;

TEST_CASE("UTF-16 and UTF-8 offsets are the same in ASCII", "[dom]") {
  const std::string_view text = "ola@firma.no";
  for (long unit = 0; unit <= static_cast<long>(text.size()); ++unit) {
    CHECK(utf8_offset(text, unit) == static_cast<std::size_t>(unit));
    CHECK(utf16_offset(text, static_cast<std::size_t>(unit)) == unit);
  }
}

TEST_CASE("a Norwegian letter is one UTF-16 unit and two UTF-8 bytes", "[dom]") {
  const std::string_view text = "\xC3\x86rlig \xC3\x98stby";  // "Ærlig Østby": 11 units, 13 bytes
  REQUIRE(text.size() == 13);
  CHECK(utf8_offset(text, 0) == 0);
  CHECK(utf8_offset(text, 1) == 2);  // after Æ
  CHECK(utf8_offset(text, 6) == 7);  // "Ærlig "
  CHECK(utf8_offset(text, 7) == 9);  // after Ø
  CHECK(utf8_offset(text, 11) == 13);
  CHECK(utf16_offset(text, 2) == 1);
  CHECK(utf16_offset(text, 9) == 7);
  CHECK(utf16_offset(text, 13) == 11);
  // A byte offset inside a character counts as its start.
  CHECK(utf16_offset(text, 1) == 0);
  CHECK(utf16_offset(text, 8) == 6);
}

TEST_CASE("a CJK character is one UTF-16 unit and three UTF-8 bytes", "[dom]") {
  const std::string_view text = "\xE5\xB1\xB1\xE7\x94\xB0\xE5\xA4\xAA\xE9\x83\x8E";  // "山田太郎"
  REQUIRE(text.size() == 12);
  for (long unit = 0; unit <= 4; ++unit) {
    CHECK(utf8_offset(text, unit) == static_cast<std::size_t>(3 * unit));
    CHECK(utf16_offset(text, static_cast<std::size_t>(3 * unit)) == unit);
  }
  CHECK(utf16_offset(text, 4) == 1);  // inside 田
  CHECK(utf16_offset(text, 5) == 1);
}

TEST_CASE("an emoji outside the BMP is a surrogate pair: two UTF-16 units, four UTF-8 bytes", "[dom]") {
  const std::string_view text = "Hei \xF0\x9F\x91\x8B!";  // "Hei 👋!": 7 units, 9 bytes
  REQUIRE(text.size() == 9);
  CHECK(utf8_offset(text, 4) == 4);  // before the emoji
  CHECK(utf8_offset(text, 6) == 8);  // after it
  CHECK(utf8_offset(text, 7) == 9);  // after "!"
  // An offset between the two halves of the pair goes to the end of the character: no half of it.
  CHECK(utf8_offset(text, 5) == 8);
  CHECK(utf16_offset(text, 4) == 4);
  CHECK(utf16_offset(text, 8) == 6);
  CHECK(utf16_offset(text, 9) == 7);
  for (std::size_t inside = 5; inside < 8; ++inside) CHECK(utf16_offset(text, inside) == 4);
}

TEST_CASE("offsets are clamped to the text", "[dom]") {
  const std::string_view text = "\xC3\x86rlig";  // "Ærlig": 5 units, 6 bytes
  CHECK(utf8_offset(text, -1) == 0);
  CHECK(utf8_offset(text, 5) == 6);
  CHECK(utf8_offset(text, 6) == 6);
  CHECK(utf8_offset(text, 1000) == 6);
  CHECK(utf16_offset(text, 6) == 5);
  CHECK(utf16_offset(text, 1000) == 5);
  CHECK(utf8_offset("", 3) == 0);
  CHECK(utf16_offset("", 3) == 0);
}

TEST_CASE("every character boundary goes there and back unchanged", "[dom]") {
  const std::string text = "a\xC3\xB8\xE5\xB1\xB1\xF0\x9F\x91\x8B z";  // a ø 山 👋 space z
  long units = 0;
  for (std::size_t byte : {0u, 1u, 3u, 6u, 10u, 11u, 12u}) {
    INFO("byte " << byte);
    const long unit = utf16_offset(text, byte);
    CHECK(unit >= units);  // monotonic
    units = unit;
    CHECK(utf8_offset(text, unit) == byte);
  }
  CHECK(units == 7);  // a, ø, 山, two for 👋, space, z
}

TEST_CASE("DomSync writes nothing back for an echo of what the control reported", "[dom]") {
  DomSync dom;
  CHECK_FALSE(dom.write_for(Field::email, "").has_value());  // a new control is empty, as the app
  dom.holds(Field::email, "ola@firma.no");                   // the control reported this
  CHECK_FALSE(dom.write_for(Field::email, "ola@firma.no").has_value());
  dom.holds(Field::welcome_message, "Hei \xF0\x9F\x91\x8B\nVelkommen");
  CHECK_FALSE(dom.write_for(Field::welcome_message, "Hei \xF0\x9F\x91\x8B\nVelkommen").has_value());
}

TEST_CASE("DomSync writes back what the app changed itself, once", "[dom]") {
  DomSync dom;
  SECTION("a one-click fix") {
    dom.holds(Field::email, "kari@gmial.com");
    CHECK(dom.write_for(Field::email, "kari@gmail.com") == std::optional<std::string>("kari@gmail.com"));
    dom.holds(Field::email, "kari@gmail.com");  // written
    CHECK_FALSE(dom.write_for(Field::email, "kari@gmail.com").has_value());
  }
  SECTION("the phone number reformatted as it is typed") {
    dom.holds(Field::phone, "4123");
    CHECK(dom.write_for(Field::phone, "412 3") == std::optional<std::string>("412 3"));
  }
  SECTION("\"Invite another\" empties the fields") {
    dom.holds(Field::full_name, "Ola Nordmann");
    dom.holds(Field::email, "ola@firma.no");
    CHECK(dom.write_for(Field::full_name, "") == std::optional<std::string>(""));
    CHECK(dom.write_for(Field::email, "") == std::optional<std::string>(""));
  }
  SECTION("a text cut to the field's limit") {
    dom.holds(Field::full_name, std::string(201, 'a'));
    CHECK(dom.write_for(Field::full_name, std::string(200, 'a')) ==
          std::optional<std::string>(std::string(200, 'a')));
  }
}

TEST_CASE("DomSync keeps each field's control apart", "[dom]") {
  DomSync dom;
  dom.holds(Field::email, "ola@firma.no");
  dom.holds(Field::phone, "412 34 567");
  CHECK_FALSE(dom.write_for(Field::email, "ola@firma.no").has_value());
  CHECK_FALSE(dom.write_for(Field::phone, "412 34 567").has_value());
  CHECK(dom.write_for(Field::full_name, "ola@firma.no").has_value());  // its control holds nothing yet
  CHECK(dom.write_for(Field::welcome_message, "412 34 567").has_value());
}
