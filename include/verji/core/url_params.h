// Parameters from the widget's URL: query string and #fragment.
//
// Matrix clients fill the widget URL's template variables ($matrix_user_id, ...) and Element
// appends widgetId and parentUrl; toolkits put their own parameters in the fragment so they never
// reach a web server. Both parts are parsed alike; the fragment wins when a key is in both.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace verji::core {

class UrlParams {
 public:
  // `search` is location.search ("?a=1&b=2", the "?" optional), `hash` is location.hash.
  static UrlParams parse(std::string_view search, std::string_view hash);

  std::optional<std::string> get(std::string_view key) const;
  std::string get_or(std::string_view key, std::string_view fallback) const;

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

// Decodes application/x-www-form-urlencoded text ("%C3%B8" -> "ø", "+" -> " "). Malformed
// escapes are kept verbatim.
std::string percent_decode(std::string_view text);

}  // namespace verji::core
