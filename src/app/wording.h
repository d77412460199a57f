// Small helpers the view's derivation (view_model.cpp, feed_cards.cpp) shares.
#pragma once

#include "verji/core/i18n.h"

#include <string>

namespace verji::app {

// The catalogue text of `msg` in `lang`, as a string the view model keeps.
inline std::string words(core::Lang lang, core::Msg msg) { return std::string(core::tr(lang, msg)); }

}  // namespace verji::app
