// The app's configuration from the widget URL (src/app/config.cpp).
#include "verji/app/config.h"

#include <catch2/catch.hpp>

TEST_CASE("configuration comes from the widget URL", "[app][url]") {
  const auto c = verji::app::config_from_url("?widgetId=x&theme=dark", "#lang=en-GB&phone_region=se");
  CHECK(c.theme == verji::app::Theme::dark);
  CHECK(c.lang == verji::core::Lang::en);
  CHECK(c.phone_region == "SE");
  CHECK(c.widget.hosted());
  const auto d = verji::app::config_from_url("?theme=Verji_light&phone_region=Norway", "");
  CHECK(d.theme == verji::app::Theme::light);
  CHECK(d.lang == verji::core::Lang::nb);
  CHECK(d.phone_region == "NO");
  CHECK_FALSE(d.widget.hosted());
}
