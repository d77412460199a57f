#include "verji/core/i18n.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

using verji::core::format;
using verji::core::key;
using verji::core::kMsgCount;
using verji::core::Lang;
using verji::core::lang_from_tag;
using verji::core::Msg;
using verji::core::MsgArgs;
using verji::core::placeholders;
using verji::core::tr;

TEST_CASE("every message has a non-empty text in Bokmål and English", "[i18n]") {
  for (std::size_t i = 0; i < kMsgCount; ++i) {
    const auto msg = static_cast<Msg>(i);
    INFO("message " << key(msg));
    CHECK_FALSE(tr(Lang::nb, msg).empty());
    CHECK_FALSE(tr(Lang::en, msg).empty());
  }
}

TEST_CASE("catalogue keys are unique and snake_case", "[i18n]") {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < kMsgCount; ++i) {
    const std::string k(key(static_cast<Msg>(i)));
    INFO("key " << k);
    CHECK(seen.insert(k).second);
    CHECK(k.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos);
  }
}

TEST_CASE("Bokmål is the default and the button keeps the seed article's name", "[i18n]") {
  CHECK(tr(Lang::nb, Msg::create_button) == "Opprett");
  CHECK(tr(Lang::en, Msg::create_button) == "Create");
}

TEST_CASE("language tags from hosts map to a catalogue language", "[i18n]") {
  struct Row {
    const char* tag;
    Lang lang;
  };
  const Row rows[] = {
      {"nb", Lang::nb}, {"nb-NO", Lang::nb}, {"no", Lang::nb},    {"nn", Lang::nb},
      {"en", Lang::en}, {"en-GB", Lang::en}, {"EN_us", Lang::en}, {"", Lang::nb},
      {"de", Lang::nb}, {"e", Lang::nb},     {"eng", Lang::nb},
  };
  for (const auto& row : rows) {
    INFO("tag '" << row.tag << "'");
    CHECK(lang_from_tag(row.tag) == row.lang);
  }
}

TEST_CASE("both languages of a message use the same placeholders", "[i18n]") {
  for (std::size_t i = 0; i < kMsgCount; ++i) {
    const auto msg = static_cast<Msg>(i);
    INFO("message " << key(msg));
    auto nb = placeholders(tr(Lang::nb, msg));
    auto en = placeholders(tr(Lang::en, msg));
    std::sort(nb.begin(), nb.end());
    std::sort(en.begin(), en.end());
    CHECK(nb == en);
    for (const auto& name : nb) {
      INFO("placeholder {" << name << "}");
      CHECK_FALSE(name.empty());
      CHECK(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_0123456789") == std::string::npos);
    }
  }
}

TEST_CASE("placeholders are found in order, escaped braces are not placeholders", "[i18n]") {
  CHECK(placeholders("{a} and {b}, again {a}") == std::vector<std::string>{"a", "b", "a"});
  CHECK(placeholders("{{not}} a placeholder").empty());
  CHECK(placeholders("unclosed {brace").empty());
  CHECK(placeholders("").empty());
}

TEST_CASE("format fills placeholders and leaves missing ones visible", "[i18n]") {
  // form_title has no placeholder: format returns the text unchanged.
  CHECK(format(Lang::nb, Msg::form_title, {}) == tr(Lang::nb, Msg::form_title));
  CHECK(format(Lang::en, Msg::form_title, MsgArgs{{"unused", "x"}}) == tr(Lang::en, Msg::form_title));
}
