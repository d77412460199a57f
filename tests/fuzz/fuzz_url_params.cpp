// The URL's parameters: UrlParams::parse and percent_decode, and the widget's configuration read
// from them (widget_config_from_url). The input is a URL's tail: the query, then from the first
// "#" on, the fragment.
//
// Checked: decoding never makes text longer; the configuration holds only what its rules allow
// (a Matrix user id or nothing, a room id starting with "!", the server taken from the user id, a
// two-letter upper-case region, a silence of 5 to 600 s, "dark" exactly when the theme says so).
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "verji/core/url_params.h"
#include "verji/core/widget_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace verji::core;
  const std::string_view text = verji::fuzz::as_text(data, size);
  const auto hash_at = text.find('#');
  const std::string_view search = text.substr(0, hash_at);
  const std::string_view hash = hash_at == std::string_view::npos ? std::string_view{} : text.substr(hash_at);

  VERJI_FUZZ_CHECK(percent_decode(text).size() <= text.size());
  const UrlParams params = UrlParams::parse(search, hash);
  for (const char* key : {"widgetId", "user_id", "theme", "lang", "silence", ""}) {
    const auto value = params.get(key);
    VERJI_FUZZ_CHECK(params.get_or(key, "\x01") == (value ? *value : std::string("\x01")));
  }

  const WidgetConfig c = widget_config_from_url(search, hash);
  VERJI_FUZZ_CHECK(c.user_id.empty() || is_user_id(c.user_id));
  VERJI_FUZZ_CHECK(c.server_name == server_name_of(c.user_id));
  VERJI_FUZZ_CHECK(c.room_id.empty() || c.room_id[0] == '!');
  VERJI_FUZZ_CHECK(c.phone_region.size() == 2 && c.phone_region[0] >= 'A' && c.phone_region[0] <= 'Z' &&
                   c.phone_region[1] >= 'A' && c.phone_region[1] <= 'Z');
  VERJI_FUZZ_CHECK(c.silence_timeout_ms >= 5000 && c.silence_timeout_ms <= 600000);
  VERJI_FUZZ_CHECK(c.dark == is_dark_theme(c.theme));
  VERJI_FUZZ_CHECK(c.hosted() == !c.widget_id.empty());
  return 0;
}
