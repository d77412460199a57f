#include "verji/core/url_params.h"

#include <catch2/catch.hpp>

using verji::core::percent_decode;
using verji::core::UrlParams;

TEST_CASE("query and fragment parameters are read, the fragment wins", "[url]") {
  const auto p =
      UrlParams::parse("?widgetId=abc&theme=light&lang=nb", "#theme=dark&user=%40ola%3Aexample.org");
  CHECK(p.get("widgetId") == "abc");
  CHECK(p.get("theme") == "dark");
  CHECK(p.get("lang") == "nb");
  CHECK(p.get("user") == "@ola:example.org");
  CHECK_FALSE(p.get("missing").has_value());
  CHECK(p.get_or("missing", "x") == "x");
}

TEST_CASE("a fragment with a path keeps only its query", "[url]") {
  const auto p = UrlParams::parse("", "#/widget?lang=en");
  CHECK(p.get("lang") == "en");
}

TEST_CASE("odd and empty parameters", "[url]") {
  const auto p = UrlParams::parse("?&&flag&=nokey&a=1&a=2&b=", "");
  CHECK(p.get("flag") == "");
  CHECK(p.get("a") == "2");
  CHECK(p.get("b") == "");
  CHECK_FALSE(p.get("").has_value());
}

TEST_CASE("percent decoding", "[url]") {
  CHECK(percent_decode("Ola+Nordmann") == "Ola Nordmann");
  CHECK(percent_decode("%C3%B8") == "\xC3\xB8");
  CHECK(percent_decode("100%") == "100%");
  CHECK(percent_decode("%zz%4") == "%zz%4");
  CHECK(percent_decode("%41%62") == "Ab");
}
