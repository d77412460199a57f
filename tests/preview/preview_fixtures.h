// The preview's fixtures for tests: web/preview/states.json, read by path natively
// (VERJI_PREVIEW_STATES_FILE) and embedded in the wasm build (verji::assets::preview_states; node has
// no path to the source tree there), so both trees test the same fixtures (tests/CMakeLists.txt sets
// it up per test executable); and one state parsed from JSON written in a test.
#pragma once

#include "verji/preview/state.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

#ifdef VERJI_PREVIEW_STATES_EMBEDDED
namespace verji::assets {
extern const unsigned char preview_states[];
extern const std::size_t preview_states_size;
}  // namespace verji::assets
#else
#include <fstream>
#include <sstream>
#endif

namespace verji::test {

inline std::string preview_states_text() {
#ifdef VERJI_PREVIEW_STATES_EMBEDDED
  return std::string(reinterpret_cast<const char*>(verji::assets::preview_states),
                     verji::assets::preview_states_size);
#else
  std::ifstream in(VERJI_PREVIEW_STATES_FILE);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
#endif
}

// `object` parsed as one state; the test stops (saying why) when it does not parse.
inline preview::State parse_one(const nlohmann::json& object) {
  auto parsed = preview::parse_state(object);
  INFO(nlohmann::json(parsed.errors).dump(2));
  REQUIRE(parsed.state);
  return *parsed.state;
}

}  // namespace verji::test
