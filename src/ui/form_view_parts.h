// The parts draw_form() is made of, one file each: the form's fields (form_view.cpp) and the
// list of invitations with the CompanyBot's answers (feed_view.cpp).
#pragma once

#include "verji/ui/form_view.h"

#include <vector>

namespace verji::ui {

// A little vertical air between sections, in em.
void section_gap(const DrawContext& ctx);

// The invitations sent since the widget was opened, newest first, with their live states and the
// actions each offers.
void draw_feed(const DrawContext& ctx, const FormViewModel& vm, std::vector<Intent>& intents);

}  // namespace verji::ui
