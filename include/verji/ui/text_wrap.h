// Line breaking for the status feed: breaks only at spaces, so that a Matrix id such as
// @john.doe:prod.verji.app or !room:server stays whole whenever the line can break at a space.
// (Dear ImGui's own wrapping also breaks after '.', ',' and ';', which cuts such ids apart.)
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace verji::ui {

// The lines `text` takes in `font` at `size` pixels when no line may be wider than `width`.
// Hard line breaks ('\n') are kept. A line breaks at a space (the space is dropped); only a word
// wider than `width` on its own is broken inside, at a character boundary (UTF-8).
std::vector<std::string> wrap_at_spaces(const ImFont& font, float size, std::string_view text, float width);

}  // namespace verji::ui
