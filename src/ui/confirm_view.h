// The confirm step "Opprett" opens (see form_view.h for how the widget's parts fit together).
#pragma once

#include "verji/app/intents.h"
#include "verji/app/view_model.h"
#include "verji/ui/widgets.h"

#include <vector>

namespace verji::ui {

// In place of the form: what will be sent, then "Send invitation" (Enter) and "Edit" (Escape).
void draw_confirm(const DrawContext& ctx, const app::ConfirmSection& step, std::vector<app::Intent>& intents);

}  // namespace verji::ui
