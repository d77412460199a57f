// Country names for the phone field's "detected country" line ("Norge (+47)"): the regions a
// Norwegian company's administrators meet, in Bokmål and English. Pure data; unknown regions fall
// back to the calling code alone ("+81").
#pragma once

#include "verji/core/i18n.h"

#include <string>
#include <string_view>

namespace verji::core {

struct Country {
  std::string_view region;  // ISO 3166-1 alpha-2, upper case: "NO"
  std::string_view nb;      // "Norge"
  std::string_view en;      // "Norway"
};

// Every country the table names, in region order.
struct CountryList {
  const Country* first = nullptr;
  const Country* last = nullptr;
  const Country* begin() const noexcept { return first; }
  const Country* end() const noexcept { return last; }
};
CountryList all_countries() noexcept;

// The country of `region` (ISO 3166, any case), or null when the table does not name it.
const Country* find_country(std::string_view region) noexcept;

// The country calling code of a number in international format: "+47 412 34 567" -> "47".
// Empty when `international` does not start with "+" and digits.
std::string_view calling_code_of(std::string_view international) noexcept;

// "Norge (+47)" / "Norway (+47)"; a region the table does not name: "+47"; no calling code: the
// name alone; neither: empty.
std::string country_label(Lang lang, std::string_view region, std::string_view calling_code);

}  // namespace verji::core
