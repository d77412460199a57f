#include "verji/app/config.h"

namespace verji::app {

Config config_from_url(std::string_view search, std::string_view hash) {
  Config config;
  config.widget = core::widget_config_from_url(search, hash);
  config.lang = config.widget.lang;
  config.theme = config.widget.dark ? Theme::dark : Theme::light;
  config.phone_region = config.widget.phone_region;
  return config;
}

}  // namespace verji::app
