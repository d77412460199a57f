// web/preview/states.json for tests: read by path natively (VERJI_PREVIEW_STATES_FILE) and embedded
// in the wasm build (verji::assets::preview_states; node has no path to the source tree there), so
// both trees test the same fixtures. tests/CMakeLists.txt sets it up per test executable.
#pragma once

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

}  // namespace verji::test
