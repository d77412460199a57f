// The parts the widget is drawn from (widget_view.cpp puts them in one column), one file each: the
// form (form_view.cpp), its confirm step (confirm_view.cpp) and the feed of invitations
// (feed_view.cpp). Each draws its section of the view model and appends what the admin did.
#pragma once

#include "verji/app/intents.h"
#include "verji/app/view_model.h"
#include "verji/ui/widgets.h"

#include <vector>

namespace verji::ui {

// The invite form: fields in the seed article's order, each field's notes under it.
void draw_form(const DrawContext& ctx, const app::FormSection& form, std::vector<app::Intent>& intents);

}  // namespace verji::ui
