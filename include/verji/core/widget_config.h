// The widget's configuration, read from its URL (query and #fragment).
//
// A Matrix client fills the template variables of the widget URL ($matrix_user_id, ...) and
// Element appends widgetId and parentUrl. Our own settings (the bot's user id, the username style,
// the default phone region) usually sit in the #fragment so they never reach a web server.
// Every key has the spellings hosts and people use; docs/deploy.md lists them. A template variable
// the client did not fill ("$matrix_user_id" verbatim) counts as absent.
#pragma once

#include "verji/core/i18n.h"
#include "verji/core/validation.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace verji::core {

struct WidgetConfig {
  std::string widget_id;    // widgetId
  std::string user_id;      // the admin, "@ola:prod.verji.app" (a hint, never proof of identity)
  std::string room_id;      // the Administration room
  std::string server_name;  // from user_id: "prod.verji.app"; empty when unknown
  std::string bot_user_id;  // bot=...; default "@companybot:" + server_name
  std::string parent_url;   // parentUrl, as given: only chooses among allow-listed origins (JS bridge)
  std::string theme;        // host theme name as given ("light", "dark", "Verji_dark", "custom-...")
  bool dark = false;        // the theme name says dark
  Lang lang = Lang::nb;
  bool lang_given = false;  // the URL named a language (else the host's language_change decides)
  UsernameStyle username_style = UsernameStyle::joined;
  std::string phone_region = "NO";          // ISO 3166, upper case
  std::int64_t silence_timeout_ms = 30000;  // "no answer yet" after Processing; silence=<seconds>

  // True when the widget runs inside a Matrix client: it has a widget id to speak for.
  bool hosted() const noexcept { return !widget_id.empty(); }
};

WidgetConfig widget_config_from_url(std::string_view search, std::string_view hash);

// "@ola:prod.verji.app" -> "prod.verji.app"; empty when `user_id` is not a Matrix user id.
std::string server_name_of(std::string_view user_id);

// True when a host theme name means a dark theme: Element sends "light", "dark" or "custom-...",
// Verji "Verji_dark"; any name containing "dark" in any case is dark. One rule for the URL and for
// live theme_change.
bool is_dark_theme(std::string_view name) noexcept;

// True for a syntactically valid Matrix user id ("@localpart:server", at most 255 bytes,
// no whitespace or control characters).
bool is_user_id(std::string_view text) noexcept;

}  // namespace verji::core
