// The build's identity (version.cpp): the project version and the kind of build, as CMake sets them.
#include "verji/core/version.h"

#include <catch2/catch.hpp>

#include <regex>
#include <string>

TEST_CASE("the widget version is the project's, three numbers", "[version]") {
  const std::string version(verji::core::widget_version());
  CHECK(std::regex_match(version, std::regex("[0-9]+\\.[0-9]+\\.[0-9]+")));
}

TEST_CASE("the build kind names the tree and its build type", "[version]") {
  const std::string kind(verji::core::build_kind());
#ifdef __EMSCRIPTEN__
  CHECK(kind.rfind("wasm-", 0) == 0);
#else
  CHECK(kind.rfind("native-", 0) == 0);
#endif
  CHECK(std::regex_match(kind, std::regex("(native|wasm)-(debug|release|relwithdebinfo|minsizerel)")));
}
