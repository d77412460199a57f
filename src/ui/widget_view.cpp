// The widget's one window and column; the sections are drawn by form_view.cpp, confirm_view.cpp and
// feed_view.cpp.
#include "verji/ui/widget_view.h"

#include "confirm_view.h"
#include "feed_view.h"
#include "form_view.h"

#include <algorithm>

namespace verji::ui {

std::vector<app::Intent> draw_widget(const DrawContext& ctx, const app::ViewModel& view) {
  std::vector<app::Intent> intents;
  if (ctx.layout != nullptr) ctx.layout->clear();
  const float em = ctx.fonts.em;

  // One undecorated window that is the whole canvas: the widget reads as a form, not a tool.
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  // No title bar, resize grip or collapse button; the scrollbar stays for short viewports.
  constexpr ImGuiWindowFlags kFlags =
      ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
      ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.0f, 0.0f));
  ImGui::Begin("Verji invite", nullptr, kFlags);
  ImGui::PopStyleVar();

  // A centred column of at most 34 em, with 1 em of air on each side at narrow widths.
  const float column = std::min(34.0f * em, std::max(8.0f * em, viewport->WorkSize.x - 2.0f * em));
  const float left = std::max(1.0f * em, (viewport->WorkSize.x - column) * 0.5f);
  ImGui::SetCursorPos(ImVec2(left, 1.0f * em));
  ImGui::BeginGroup();
  ImGui::PushItemWidth(column);

  if (view.confirm.open) {
    draw_confirm(ctx, view.confirm, intents);
  } else {
    draw_form(ctx, view.form, intents);
  }
  draw_feed(ctx, view.feed, intents);

  ImGui::Dummy(ImVec2(0.0f, 1.0f * em));  // bottom margin inside the scroll area
  ImGui::PopItemWidth();
  ImGui::EndGroup();
  ImGui::End();
  return intents;
}

bool draw_frame(app::App& app, const FontSet& fonts, app::FrameLayout& layout) {
  const DrawContext ctx{app.config().theme, fonts, &layout};
  return app.handle_frame(draw_widget(ctx, app.view()));
}

}  // namespace verji::ui
