// The preview's checks (state.h) against what a frame drew (app::FrameLayout): the same data the
// web page publishes as window.verjiLayout, so the C++ tests and the browser agree on what a state
// must show.
#pragma once

#include "verji/app/layout.h"
#include "verji/core/i18n.h"
#include "verji/preview/state.h"

#include <string>
#include <string_view>
#include <vector>

namespace verji::preview {

// One line per failed check of `state` (texts in `lang`), naming it and saying why; empty when all
// hold. Before any frame (an empty layout), that is a failure too.
std::vector<std::string> check(const app::FrameLayout& layout, const State& state, core::Lang lang);

// True when `text` matches `pattern`, where "*" matches any run of characters (also none).
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace verji::preview
