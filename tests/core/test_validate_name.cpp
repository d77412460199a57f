// The full-name rule: first and last name, any script, no invisible characters, warnings.
#include "verji/core/validation.h"

#include "findings.h"

#include <catch2/catch.hpp>

#include <string>

using verji::core::Field;
using verji::core::Finding;
using verji::core::Msg;
using verji::core::Severity;
using verji::core::Span;
using verji::core::UsernameStyle;
using verji::core::Validation;
using verji::core::ValidationOptions;
using verji::test::arg;
using verji::test::check_error;
using verji::test::codes;
using verji::test::only_finding;

namespace {

Validation check_name(const std::string& text, const ValidationOptions& options = {}) {
  Validation out;
  verji::core::validate_full_name(text, options, out);
  return out;
}

}  // namespace

TEST_CASE("names of any script are accepted and normalised", "[name]") {
  struct Row {
    const char* input;
    const char* full_name;
    const char* username;
  };
  const Row rows[] = {
      {"Ola Nordmann", "Ola Nordmann", "olanordmann"},
      {"  Ola \t  Nordmann  ", "Ola Nordmann", "olanordmann"},
      {"Ola\xC2\xA0Nordmann", "Ola Nordmann", "olanordmann"},  // no-break space
      {"Kari Nordmann-Hansen", "Kari Nordmann-Hansen", "karinordmann-hansen"},
      {"Siobhán O'Neill", "Siobhán O'Neill", "siobhanoneill"},
      {"Siobhán O\xE2\x80\x99Neill", "Siobhán O\xE2\x80\x99Neill", "siobhanoneill"},  // U+2019
      {"Ola J. Nordmann", "Ola J. Nordmann", "olajnordmann"},
      {"Åse Bjørnstad", "Åse Bjørnstad", "aasebjoernstad"},
      {"A\xCC\x8Ase Bjørnstad", "Åse Bjørnstad", "aasebjoernstad"},  // A + combining ring (NFD)
      {"Сергей Иванов", "Сергей Иванов", ""},
      {"李 小龙", "李 小龙", ""},
      {"דוד לוי", "דוד לוי", ""},
  };
  for (const auto& row : rows) {
    INFO(row.input);
    const auto v = check_name(row.input);
    CHECK(v.normalized.full_name == row.full_name);
    CHECK(v.normalized.username == row.username);
    for (const auto& f : v.findings) CHECK(f.severity != Severity::error);
  }
  // Without a username in a-z the bot decides: a notice, not an error.
  CHECK(codes(check_name("Сергей Иванов")) == "name.no_username");
  CHECK(codes(check_name("Ola Nordmann")).empty());
}

TEST_CASE("the user id preview needs the server name", "[name]") {
  ValidationOptions options;
  options.server_name = "prod.verji.app";
  options.username_style = UsernameStyle::dotted;
  const auto v = check_name("John Doe", options);
  CHECK(v.normalized.username == "john.doe");
  CHECK(v.normalized.user_id == "@john.doe:prod.verji.app");
  CHECK(check_name("John Doe").normalized.user_id.empty());
}

TEST_CASE("names that cannot be sent are errors with a span", "[name]") {
  struct Row {
    std::string input;
    const char* code;
    Msg message;
    Span span;
  };
  const Row rows[] = {
      {"", "name.required", Msg::name_required, {}},
      {" \t ", "name.required", Msg::name_required, {}},
      {"\xE2\x80\x8B", "name.required", Msg::name_required, {}},  // only a ZWSP
      {"Ola", "name.single_word", Msg::name_single_word, {}},
      {"Ola -", "name.single_word", Msg::name_single_word, {}},
      {"Ola Nordmann2", "name.invalid_character", Msg::name_invalid_character, {12, 13}},
      {"Ola 😀 Nordmann", "name.invalid_character", Msg::name_invalid_character, {4, 8}},
      {"Ola_Nordmann Berg", "name.invalid_character", Msg::name_invalid_character, {3, 4}},
      {"Ola Nord\xE2\x80\x8Bmann", "name.invisible_character", Msg::name_invisible_character, {8, 11}},
      {"Ola Nord\xC2\xADmann", "name.invisible_character", Msg::name_invisible_character, {8, 10}},
      {"\xE2\x80\xAEOla Nordmann", "name.invisible_character", Msg::name_invisible_character, {0, 3}},
      {"Ola Nordmann\xE2\x80\x8F", "name.invisible_character", Msg::name_invisible_character, {12, 15}},
      {"Ola \xCC\x81Nordmann", "name.invalid_character", Msg::name_invalid_character, {4, 6}},  // lone mark
      {"Ola Nord\xFFmann", "name.invalid_utf8", Msg::name_bad_encoding, {8, 9}},
  };
  for (const auto& row : rows) {
    INFO(row.input);
    const auto v = check_name(row.input);
    check_error(only_finding(v), Field::full_name, row.code, row.message, row.span);
    CHECK(v.normalized.username.empty());
  }
  CHECK(arg(check_name("\xE2\x80\xAEOla Nordmann").findings.front(), "codepoint") == "U+202E");
  CHECK(arg(check_name("Ola Nordmann2").findings.front(), "char") == "2");
  // Invisible characters never reach the normalised name.
  CHECK(check_name("Ola Nord\xE2\x80\x8Bmann").normalized.full_name == "Ola Nordmann");
}

TEST_CASE("company-like and long names are warnings", "[name]") {
  struct Row {
    const char* input;
    const char* code;
    const char* word;
    Span span;
  };
  const Row rows[] = {
      {"Nordmann Bygg AS", "name.company", "AS", {14, 16}},
      {"Fjord Fisk ASA", "name.company", "ASA", {11, 14}},
      {"Acme Trading Ltd.", "name.company", "Ltd.", {13, 17}},
      {"Müller Bau GmbH", "name.company", "GmbH", {12, 16}},
      {"Ola Jakob Nordmann Berg", "name.too_many_parts", "<none>", {}},
  };
  for (const auto& row : rows) {
    INFO(row.input);
    const auto v = check_name(row.input);
    REQUIRE(v.findings.size() == 1);
    const auto& f = v.findings.front();
    CHECK(f.code == row.code);
    CHECK(f.severity == Severity::warning);
    CHECK(arg(f, "word") == row.word);
    CHECK(f.span == row.span);
  }
  CHECK(arg(check_name("Ola Jakob Nordmann Berg").findings.front(), "count") == "4");
  // A name that only looks like a form: "As" and "Da" are not companies in mixed case.
  CHECK(codes(check_name("Ola As")).empty());
  CHECK(codes(check_name("Ola Jakob Nordmann")).empty());
}
