// The whole widget, drawn from the app's view model: one undecorated window filling the viewport,
// a centred column holding the form (or its confirm step) and the feed of invitations.
#pragma once

#include "verji/app/app.h"
#include "verji/app/intents.h"
#include "verji/app/view_model.h"
#include "verji/ui/widgets.h"

#include <vector>

namespace verji::ui {

// Draws `view` into the current ImGui frame, recording every control in `ctx.layout`. Returns what
// the admin did, in order.
std::vector<app::Intent> draw_widget(const DrawContext& ctx, const app::ViewModel& view);

// One frame of `app`: draws its view in its theme with `fonts`, records the controls in `layout`,
// and hands the app what the admin did. Returns true when the app's state changed (another frame is
// due). `caret_visible`: the blinking caret's phase.
bool draw_frame(app::App& app, const FontSet& fonts, app::FrameLayout& layout, bool caret_visible = true);

}  // namespace verji::ui
