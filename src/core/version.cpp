#include "verji/core/version.h"

namespace verji::core {

std::string_view widget_version() noexcept { return VERJI_VERSION; }
std::string_view build_kind() noexcept { return VERJI_BUILD_KIND; }

}  // namespace verji::core
