// The country-name table for the phone field's detected-country line.
#include "verji/core/country.h"

#include <catch2/catch.hpp>

#include <string>

using verji::core::calling_code_of;
using verji::core::country_label;
using verji::core::find_country;
using verji::core::Lang;

TEST_CASE("countries are named in Bokmål and English with their calling code", "[country]") {
  struct Row {
    const char* region;
    const char* international;
    const char* nb;
    const char* en;
  };
  const Row rows[] = {
      {"NO", "+47 412 34 567", "Norge (+47)", "Norway (+47)"},
      {"SE", "+46 70 123 45 67", "Sverige (+46)", "Sweden (+46)"},
      {"dk", "+45 20 12 34 56", "Danmark (+45)", "Denmark (+45)"},
      {"GB", "+44 7400 123456", "Storbritannia (+44)", "United Kingdom (+44)"},
      {"US", "+1 201-555-0123", "USA (+1)", "United States (+1)"},
      {"FI", "+358 40 1234567", "Finland (+358)", "Finland (+358)"},
      {"DE", "+49 1512 3456789", "Tyskland (+49)", "Germany (+49)"},
      // Not in the table: the calling code alone.
      {"MX", "+52 1 55 1234 5678", "+52", "+52"},
      {"", "+800 1234 5678", "+800", "+800"},
      // No number yet: the name alone, or nothing.
      {"NO", "", "Norge", "Norway"},
      {"XX", "", "", ""},
  };
  for (const auto& row : rows) {
    INFO(row.region << " " << row.international);
    const auto code = calling_code_of(row.international);
    CHECK(country_label(Lang::nb, row.region, code) == row.nb);
    CHECK(country_label(Lang::en, row.region, code) == row.en);
  }
}

TEST_CASE("the calling code is read from the international format", "[country]") {
  CHECK(calling_code_of("+47 412 34 567") == "47");
  CHECK(calling_code_of("+358401234567") == "358401234567");  // E.164 has no separator
  CHECK(calling_code_of("412 34 567").empty());
  CHECK(calling_code_of("+").empty());
  CHECK(calling_code_of("").empty());
}

TEST_CASE("every country in the table is found by its code, in either case", "[country]") {
  int count = 0;
  for (const auto& country : verji::core::all_countries()) {
    ++count;
    INFO(country.region);
    CHECK(find_country(country.region) == &country);
    const std::string lower{static_cast<char>(country.region[0] - 'A' + 'a'),
                            static_cast<char>(country.region[1] - 'A' + 'a')};
    CHECK(find_country(lower) == &country);
    CHECK_FALSE(country.nb.empty());
    CHECK_FALSE(country.en.empty());
  }
  CHECK(count >= 40);
  for (const char* nordic : {"NO", "SE", "DK", "FI", "IS", "FO", "GL"})
    CHECK(find_country(nordic) != nullptr);
  CHECK(find_country("N") == nullptr);
  CHECK(find_country("NOR") == nullptr);
  CHECK(find_country("ZZ") == nullptr);
}
