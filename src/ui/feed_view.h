// The feed of invitations (see form_view.h for how the widget's parts fit together).
#pragma once

#include "verji/app/intents.h"
#include "verji/app/view_model.h"
#include "verji/ui/widgets.h"

#include <vector>

namespace verji::ui {

// The invitations sent since the widget was opened, newest first, with their live states and the
// actions each offers; then "Copy advance notice".
void draw_feed(const DrawContext& ctx, const app::FeedSection& feed, std::vector<app::Intent>& intents);

}  // namespace verji::ui
