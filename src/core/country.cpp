// The country-name table behind country_label() (country.h).
#include "verji/core/country.h"

#include <algorithm>
#include <array>

namespace verji::core {
namespace {

// Sorted by region code (find_country() searches it by halves). The Nordics, the EU and EEA,
// the United Kingdom and Europe's other neighbours, and the countries Norwegian companies work
// with most overseas.
constexpr std::array<Country, 52> kCountries{{
    {"AE", "De forente arabiske emirater", "United Arab Emirates"},
    {"AT", "Østerrike", "Austria"},
    {"AU", "Australia", "Australia"},
    {"BA", "Bosnia-Hercegovina", "Bosnia and Herzegovina"},
    {"BE", "Belgia", "Belgium"},
    {"BG", "Bulgaria", "Bulgaria"},
    {"BR", "Brasil", "Brazil"},
    {"CA", "Canada", "Canada"},
    {"CH", "Sveits", "Switzerland"},
    {"CN", "Kina", "China"},
    {"CY", "Kypros", "Cyprus"},
    {"CZ", "Tsjekkia", "Czechia"},
    {"DE", "Tyskland", "Germany"},
    {"DK", "Danmark", "Denmark"},
    {"EE", "Estland", "Estonia"},
    {"ES", "Spania", "Spain"},
    {"FI", "Finland", "Finland"},
    {"FO", "Færøyene", "Faroe Islands"},
    {"FR", "Frankrike", "France"},
    {"GB", "Storbritannia", "United Kingdom"},
    {"GL", "Grønland", "Greenland"},
    {"GR", "Hellas", "Greece"},
    {"HR", "Kroatia", "Croatia"},
    {"HU", "Ungarn", "Hungary"},
    {"IE", "Irland", "Ireland"},
    {"IN", "India", "India"},
    {"IS", "Island", "Iceland"},
    {"IT", "Italia", "Italy"},
    {"JP", "Japan", "Japan"},
    {"LI", "Liechtenstein", "Liechtenstein"},
    {"LT", "Litauen", "Lithuania"},
    {"LU", "Luxembourg", "Luxembourg"},
    {"LV", "Latvia", "Latvia"},
    {"MT", "Malta", "Malta"},
    {"NL", "Nederland", "Netherlands"},
    {"NO", "Norge", "Norway"},
    {"PH", "Filippinene", "Philippines"},
    {"PK", "Pakistan", "Pakistan"},
    {"PL", "Polen", "Poland"},
    {"PT", "Portugal", "Portugal"},
    {"RO", "Romania", "Romania"},
    {"RS", "Serbia", "Serbia"},
    {"SE", "Sverige", "Sweden"},
    {"SG", "Singapore", "Singapore"},
    {"SI", "Slovenia", "Slovenia"},
    {"SJ", "Svalbard og Jan Mayen", "Svalbard and Jan Mayen"},
    {"SK", "Slovakia", "Slovakia"},
    {"SO", "Somalia", "Somalia"},
    {"TR", "Tyrkia", "Türkiye"},
    {"UA", "Ukraina", "Ukraine"},
    {"US", "USA", "United States"},
    {"VN", "Vietnam", "Vietnam"},
}};

char upper(char c) noexcept { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace

CountryList all_countries() noexcept { return {kCountries.data(), kCountries.data() + kCountries.size()}; }

const Country* find_country(std::string_view region) noexcept {
  if (region.size() != 2) return nullptr;
  const char key[2] = {upper(region[0]), upper(region[1])};
  const std::string_view wanted(key, 2);
  const auto it = std::lower_bound(kCountries.begin(), kCountries.end(), wanted,
                                   [](const Country& c, std::string_view r) { return c.region < r; });
  return it != kCountries.end() && it->region == wanted ? &*it : nullptr;
}

std::string_view calling_code_of(std::string_view international) noexcept {
  if (international.empty() || international.front() != '+') return {};
  std::size_t end = 1;
  while (end < international.size() && international[end] >= '0' && international[end] <= '9') ++end;
  return international.substr(1, end - 1);
}

std::string country_label(Lang lang, std::string_view region, std::string_view calling_code) {
  const Country* country = find_country(region);
  std::string out;
  if (country != nullptr) out = std::string(lang == Lang::nb ? country->nb : country->en);
  if (calling_code.empty()) return out;
  if (out.empty()) return "+" + std::string(calling_code);
  return out + " (+" + std::string(calling_code) + ")";
}

}  // namespace verji::core
