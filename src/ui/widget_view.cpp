// The widget's one window and column; the sections are drawn by form_view.cpp, confirm_view.cpp and
// feed_view.cpp.
#include "verji/ui/widget_view.h"

#include "confirm_view.h"
#include "feed_view.h"
#include "form_view.h"

#include <imgui_internal.h>  // ImHashStr

#include <algorithm>

namespace verji::ui {
namespace {

// Brings a control into view when keyboard focus has just moved to it (Tab), once: the wheel may
// then scroll it away again.
void scroll_to_focus(const DrawContext& ctx) {
  if (ctx.layout == nullptr) return;
  const app::ControlBox* focused = nullptr;
  for (const auto& c : ctx.layout->controls) {
    if (c.focused) focused = &c;
  }
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID key = ImGui::GetID("##scrolled-to-focus");
  const int id = focused == nullptr ? 0 : static_cast<int>(ImHashStr(focused->id.c_str()));
  if (storage->GetInt(key, 0) == id) return;
  storage->SetInt(key, id);
  if (focused == nullptr) return;
  const float top = ImGui::GetWindowPos().y;
  const float bottom = top + ImGui::GetWindowHeight();
  const float margin = 2.0f * ctx.fonts.em;  // the label above a field shows too
  if (focused->min.y - margin < top) {
    ImGui::SetScrollY(std::max(0.0f, ImGui::GetScrollY() - (top - focused->min.y + margin)));
  } else if (focused->max.y + 0.5f * margin > bottom) {
    ImGui::SetScrollY(ImGui::GetScrollY() + (focused->max.y + 0.5f * margin - bottom));
  }
}

}  // namespace

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
  scroll_to_focus(ctx);

  ImGui::Dummy(ImVec2(0.0f, 1.0f * em));  // bottom margin inside the scroll area
  ImGui::PopItemWidth();
  ImGui::EndGroup();
  ImGui::End();
  return intents;
}

bool draw_frame(app::App& app, const FontSet& fonts, app::FrameLayout& layout, bool caret_visible) {
  const DrawContext ctx{app.config().theme, fonts, &layout, caret_visible};
  return app.handle_frame(draw_widget(ctx, app.view()));
}

}  // namespace verji::ui
