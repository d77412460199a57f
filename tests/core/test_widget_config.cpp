#include "verji/core/widget_config.h"

#include <catch2/catch.hpp>

using verji::core::is_dark_theme;
using verji::core::is_user_id;
using verji::core::Lang;
using verji::core::server_name_of;
using verji::core::UsernameStyle;
using verji::core::widget_config_from_url;

TEST_CASE("Element's widget URL gives ids, theme and language", "[config]") {
  const auto c = widget_config_from_url(
      "?userId=%40ola%3Aprod.verji.app&roomId=%21adm%3Aprod.verji.app&theme=dark&lang=en-GB"
      "&widgetId=invite_1&parentUrl=https%3A%2F%2Fapp.element.io%2F",
      "");
  CHECK(c.hosted());
  CHECK(c.widget_id == "invite_1");
  CHECK(c.user_id == "@ola:prod.verji.app");
  CHECK(c.room_id == "!adm:prod.verji.app");
  CHECK(c.server_name == "prod.verji.app");
  CHECK(c.bot_user_id == "@companybot:prod.verji.app");
  CHECK(c.parent_url == "https://app.element.io/");
  CHECK(c.dark);
  CHECK(c.lang == Lang::en);
  CHECK(c.lang_given);
}

TEST_CASE("our own settings come from the fragment and win over the query", "[config]") {
  const auto c = widget_config_from_url("?widgetId=w&userId=%40ola%3Aex.org&phone_region=dk",
                                        "#bot=%40invitebot%3Aex.org&username_style=dotted&phone_region=se"
                                        "&silence=45");
  CHECK(c.bot_user_id == "@invitebot:ex.org");
  CHECK(c.username_style == UsernameStyle::dotted);
  CHECK(c.phone_region == "SE");
  CHECK(c.silence_timeout_ms == 45000);
}

TEST_CASE("unfilled template variables and malformed values count as absent", "[config]") {
  const auto c = widget_config_from_url(
      "?widgetId=$matrix_widget_id&userId=$matrix_user_id&roomId=not-a-room&theme=$org.matrix.msc2873."
      "client_theme&lang=$org.matrix.msc2873.client_language",
      "#bot=companybot&phone_region=Norway&silence=2&username_style=weird");
  CHECK_FALSE(c.hosted());
  CHECK(c.user_id.empty());
  CHECK(c.room_id.empty());
  CHECK(c.server_name.empty());
  CHECK(c.bot_user_id.empty());  // no server to default to, and "companybot" is not a user id
  CHECK_FALSE(c.dark);
  CHECK(c.lang == Lang::nb);
  CHECK_FALSE(c.lang_given);
  CHECK(c.phone_region == "NO");
  CHECK(c.silence_timeout_ms == 30000);
  CHECK(c.username_style == UsernameStyle::joined);
}

TEST_CASE("Matrix user ids are recognised strictly enough", "[config]") {
  struct Row {
    const char* text;
    bool valid;
    const char* server;
  };
  const Row rows[] = {
      {"@ola:prod.verji.app", true, "prod.verji.app"},
      {"@a:b", true, "b"},
      {"@ola:localhost:8448", true, "localhost:8448"},
      {"ola:prod.verji.app", false, ""},
      {"@:prod.verji.app", false, ""},
      {"@ola:", false, ""},
      {"@ola", false, ""},
      {"@o la:ex.org", false, ""},
      {"@ola:ex.org\n", false, ""},
      {"", false, ""},
  };
  for (const auto& row : rows) {
    INFO("'" << row.text << "'");
    CHECK(is_user_id(row.text) == row.valid);
    CHECK(server_name_of(row.text) == row.server);
  }
  CHECK_FALSE(is_user_id("@" + std::string(250, 'a') + ":ex.org"));
}

TEST_CASE("a theme name is dark when it says so, in any case", "[config]") {
  for (const char* name : {"dark", "Dark", "Verji_dark", "custom-DARK-blue", "xdarkx"}) {
    INFO(name);
    CHECK(is_dark_theme(name));
  }
  for (const char* name : {"", "light", "Verji_light", "custom-dar", "dar k"}) {
    INFO(name);
    CHECK_FALSE(is_dark_theme(name));
  }
}
