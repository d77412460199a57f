#include "verji/core/widget_config.h"

#include "verji/core/url_params.h"

#include <cctype>
#include <initializer_list>
#include <optional>

namespace verji::core {
namespace {

// The first of `names` present with a real value (not an unfilled "$template" variable).
std::optional<std::string> first_of(const UrlParams& params, std::initializer_list<std::string_view> names) {
  for (const auto name : names) {
    auto value = params.get(name);
    if (!value || value->empty() || (*value)[0] == '$') continue;
    return value;
  }
  return std::nullopt;
}

bool is_ascii_alpha(char c) noexcept { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

}  // namespace

bool is_user_id(std::string_view text) noexcept {
  if (text.size() < 4 || text.size() > 255 || text[0] != '@') return false;
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon < 2 || colon + 1 >= text.size()) return false;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) return false;
  }
  return true;
}

bool is_dark_theme(std::string_view name) noexcept {
  constexpr std::string_view kDark = "dark";
  for (std::size_t i = 0; i + kDark.size() <= name.size(); ++i) {
    std::size_t k = 0;
    while (k < kDark.size() && std::tolower(static_cast<unsigned char>(name[i + k])) == kDark[k]) ++k;
    if (k == kDark.size()) return true;
  }
  return false;
}

std::string server_name_of(std::string_view user_id) {
  if (!is_user_id(user_id)) return {};
  return std::string(user_id.substr(user_id.find(':') + 1));
}

WidgetConfig widget_config_from_url(std::string_view search, std::string_view hash) {
  const auto params = UrlParams::parse(search, hash);
  WidgetConfig c;
  if (auto v = first_of(params, {"widgetId", "widget_id", "matrix_widget_id"})) c.widget_id = *v;
  if (auto v = first_of(params, {"userId", "user_id", "matrix_user_id"}); v && is_user_id(*v)) c.user_id = *v;
  if (auto v = first_of(params, {"roomId", "room_id", "matrix_room_id"}); v && (*v)[0] == '!') c.room_id = *v;
  c.server_name = server_name_of(c.user_id);
  if (auto v = first_of(params, {"bot", "bot_user_id", "companybot"}); v && is_user_id(*v)) {
    c.bot_user_id = *v;
  } else if (!c.server_name.empty()) {
    c.bot_user_id = "@companybot:" + c.server_name;
  }
  if (auto v = first_of(params, {"parentUrl", "parent_url"})) c.parent_url = *v;
  if (auto v = first_of(params, {"theme", "client_theme"})) {
    c.theme = *v;
    c.dark = is_dark_theme(*v);
  }
  if (auto v = first_of(params, {"lang", "language", "client_language"})) {
    c.lang = lang_from_tag(*v);
    c.lang_given = true;
  }
  if (auto v = first_of(params, {"username_style", "usernameStyle"})) {
    if (*v == "dotted" || *v == "john.doe") c.username_style = UsernameStyle::dotted;
  }
  if (auto v = first_of(params, {"phone_region", "phoneRegion", "region"})) {
    if (v->size() == 2 && is_ascii_alpha((*v)[0]) && is_ascii_alpha((*v)[1])) {
      c.phone_region = {static_cast<char>(std::toupper(static_cast<unsigned char>((*v)[0]))),
                        static_cast<char>(std::toupper(static_cast<unsigned char>((*v)[1])))};
    }
  }
  if (auto v = first_of(params, {"silence", "silence_timeout"})) {
    // Whole seconds, 5 to 600; anything else keeps the default.
    if (v->size() <= 3 && v->find_first_not_of("0123456789") == std::string::npos) {
      const long seconds = std::stol(*v);
      if (seconds >= 5 && seconds <= 600) c.silence_timeout_ms = seconds * 1000;
    }
  }
  return c;
}

}  // namespace verji::core
