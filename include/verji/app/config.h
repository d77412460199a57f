// The app's configuration: what the widget URL says (language, theme, phone region, the room's ids),
// and the two facts of the connection to a Matrix client the view needs to word.
#pragma once

#include "verji/core/i18n.h"
#include "verji/core/widget_config.h"

#include <string>
#include <string_view>

namespace verji::app {

// The widget's colour scheme; the host may switch it live (theme_change).
enum class Theme { light, dark };

struct Config {
  core::Lang lang = core::Lang::nb;
  Theme theme = Theme::light;
  std::string phone_region = "NO";  // ISO 3166 default region for national phone numbers
  core::WidgetConfig widget;        // ids, bot, username style, ... (core/widget_config.h)
};

// Reads the configuration from the widget URL's query and fragment. Unknown or malformed values
// keep the defaults.
Config config_from_url(std::string_view search, std::string_view hash);

// How the page is connected to a Matrix client.
enum class Connection {
  standalone,  // no widget id: a browser tab or a designer's preview; nothing can be sent
  connecting,  // hosted, handshake not finished
  ready,       // handshake done
  refused,     // the JS bridge refused the host (origin not allow-listed); nothing can be sent
};

}  // namespace verji::app
