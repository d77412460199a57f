// Build identity, for the page's console banner and bug reports.
#pragma once

#include <string_view>

namespace verji::core {

std::string_view widget_version() noexcept;  // "0.1.0", from the CMake project version
std::string_view build_kind() noexcept;      // "native-debug", "wasm-release", ...

}  // namespace verji::core
