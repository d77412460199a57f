// The status feed: each invitation sent from this widget and what the CompanyBot said about it, as
// a calm card (a left bar and a faint tint in the state's tone, the title in the strong font, the
// state line, a detail line, the card's actions), newest first; then "Copy advance notice".
//
// Layout ids: submission=<request_id> (state line), submission=<request_id>.detail,
// pick=<request_id>/<n>, resend=<request_id>, ask_again=<request_id>, invite_another,
// copy_notice, copy_notice.done.
#include "form_view_parts.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace verji::ui {

// [SECTION] The cards

namespace {

using core::Msg;

ImU32 with_alpha(ImU32 colour, unsigned alpha) {
  return (colour & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT);
}

// The card's bar: the tone's colour; a card under way takes the accent, one merely waiting
// (an answer the form does not know) the secondary colour.
ImU32 bar_colour(const DrawContext& ctx, const SubmissionEntry& entry) {
  if (entry.tone != Tone::neutral) return tone_colour(ctx.theme, entry.tone);
  return entry.busy ? palette(ctx.theme).accent : palette(ctx.theme).text_secondary;
}

// Text broken at spaces to `width`, drawn as one block at the cursor.
void text_block(const DrawContext& ctx, ImFont* font, ImU32 colour, std::string_view text, float width) {
  ImGui::PushItemWidth(width);
  wrapped_text(ctx, text, font, colour);
  ImGui::PopItemWidth();
}

// Three dots pulsing one after the other in `colour`, in a box of `size` at the cursor; the time
// comes from ImGui (the platform keeps frames coming while App::animating()).
void pulsing_dots(ImVec2 size, ImU32 colour, float em) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::Dummy(size);
  const float r = 0.16f * em;
  const float step = 0.5f * em;
  const float y = at.y + size.y * 0.5f;
  const double t = ImGui::GetTime();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  for (int i = 0; i < 3; ++i) {
    const double phase = t * 5.0 - 0.9 * i;
    const float level = static_cast<float>(0.5 + 0.5 * std::sin(phase));
    const auto alpha = static_cast<unsigned>(70.0f + 185.0f * level);
    draw->AddCircleFilled(ImVec2(at.x + r + static_cast<float>(i) * step, y), r * (0.8f + 0.25f * level),
                          with_alpha(colour, alpha), 12);
  }
}

// Secondary buttons in a row that wraps to the next line when the next one would not fit.
class ButtonRow {
 public:
  ButtonRow(const DrawContext& ctx, float width) : ctx_(ctx), width_(width) {}
  bool button(std::string_view id, std::string_view label) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float w = std::min(width_, ImGui::CalcTextSize(label.data(), label.data() + label.size()).x +
                                         2.0f * style.FramePadding.x);
    if (used_ > 0.0f && used_ + style.ItemSpacing.x + w <= width_) {
      ImGui::SameLine();
      used_ += style.ItemSpacing.x + w;
    } else {
      used_ = w;
    }
    return secondary_button(ctx_, id, label, true, 2.0f, width_);
  }

 private:
  const DrawContext& ctx_;
  float width_;
  float used_ = 0.0f;
};

// Brings the full name field into view (after picking another name).
void scroll_to_name(const DrawContext& ctx) {
  const ControlBox* name = ctx.layout != nullptr ? ctx.layout->find("full_name") : nullptr;
  if (name == nullptr) return;
  const float label_room = 3.0f * ctx.fonts.em;
  ImGui::SetScrollY(std::max(0.0f, ImGui::GetScrollY() + name->min.y - ImGui::GetWindowPos().y - label_room));
}

void draw_entry(const DrawContext& ctx, const FormViewModel& vm, const SubmissionEntry& entry,
                std::vector<Intent>& intents) {
  const float em = ctx.fonts.em;
  const Palette& p = palette(ctx.theme);
  const float width = ImGui::CalcItemWidth();
  const float bar = std::max(2.0f, 0.22f * em);
  const float pad = 0.7f * em;
  const float inner = std::max(4.0f * em, width - bar - 2.0f * pad);
  const ImVec2 top = ImGui::GetCursorScreenPos();

  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->ChannelsSplit(2);
  draw->ChannelsSetCurrent(1);  // the content; the card is drawn behind it once its height is known
  ImGui::PushID(entry.request_id.c_str());
  ImGui::Dummy(ImVec2(width, 0.5f * pad));
  ImGui::Indent(bar + pad);
  ImGui::PushItemWidth(inner);

  text_block(ctx, ctx.fonts.strong, p.text, entry.title, inner);

  const std::string id = "submission=" + entry.request_id;
  ImGui::BeginGroup();
  float text_room = inner;
  if (entry.busy) {
    const ImVec2 dots(1.4f * em, ImGui::GetTextLineHeight());
    pulsing_dots(dots, bar_colour(ctx, entry), em);
    ImGui::SameLine(0.0f, 0.4f * em);
    text_room -= dots.x + 0.4f * em;
  }
  text_block(ctx, ctx.fonts.body, tone_colour(ctx.theme, entry.tone), entry.state, text_room);
  ImGui::EndGroup();
  record_status(ctx, id, entry.state);

  if (!entry.detail.empty()) {
    if (entry.detail_is_quote) {
      // The CompanyBot's own words: in the body colour, set off by a thin rule like a quotation.
      const float rule = std::max(1.0f, 0.12f * em);
      ImGui::Indent(rule + 0.5f * em);
      const ImVec2 at = ImGui::GetCursorScreenPos();
      text_block(ctx, ctx.fonts.body, p.text, entry.detail, inner - rule - 0.5f * em);
      const ImVec2 end = ImGui::GetItemRectMax();
      draw->AddRectFilled(ImVec2(at.x - rule - 0.5f * em, at.y), ImVec2(at.x - 0.5f * em, end.y),
                          p.field_border);
      ImGui::Unindent(rule + 0.5f * em);
    } else {
      text_block(ctx, ctx.fonts.body, p.text_secondary, entry.detail, inner);
    }
    record_status(ctx, id + ".detail", entry.detail);
  }

  if (!entry.alternatives.empty()) {
    text_block(ctx, ctx.fonts.body, p.text_secondary, core::tr(vm.lang, Msg::feed_alternatives_heading),
               inner);
    ButtonRow row(ctx, inner);
    for (std::size_t n = 0; n < entry.alternatives.size(); ++n) {
      const auto& choice = entry.alternatives[n];
      if (row.button("pick=" + entry.request_id + "/" + std::to_string(n), choice.label)) {
        intents.push_back(PickName{choice.full_name});
        scroll_to_name(ctx);
      }
    }
  }

  ButtonRow actions(ctx, inner);
  if (entry.can_ask_again &&
      actions.button("ask_again=" + entry.request_id, core::tr(vm.lang, Msg::action_ask_again))) {
    intents.push_back(RequestPermission{});
  }
  if (entry.can_resend &&
      actions.button("resend=" + entry.request_id, core::tr(vm.lang, Msg::action_resend))) {
    intents.push_back(Resend{entry.request_id});
  }
  if (entry.offer_invite_another &&
      actions.button("invite_another", core::tr(vm.lang, Msg::action_invite_another))) {
    intents.push_back(InviteAnother{});
    ImGui::SetScrollY(0.0f);  // back to the top of the form, which is now empty
  }

  ImGui::PopItemWidth();
  ImGui::Unindent(bar + pad);
  ImGui::Dummy(ImVec2(width, 0.5f * pad));
  ImGui::PopID();
  const float bottom = ImGui::GetItemRectMax().y;

  draw->ChannelsSetCurrent(0);
  const float rounding = 0.3f * em;
  const ImVec2 max(top.x + width, bottom);
  const ImU32 tone = bar_colour(ctx, entry);
  draw->AddRectFilled(top, max, with_alpha(tone, ctx.theme == Theme::dark ? 22u : 14u), rounding);
  draw->AddRect(top, max, p.field_border, rounding, ImDrawFlags_None, 1.0f);
  draw->AddRectFilled(top, ImVec2(top.x + bar, bottom), tone, rounding, ImDrawFlags_RoundCornersLeft);
  draw->ChannelsMerge();
}

void draw_copy_notice(const DrawContext& ctx, const FormViewModel& vm, std::vector<Intent>& intents) {
  const float width = ImGui::CalcItemWidth();
  text_block(ctx, ctx.fonts.body, palette(ctx.theme).text_secondary, core::tr(vm.lang, Msg::copy_notice_hint),
             width);
  if (secondary_button(ctx, "copy_notice", core::tr(vm.lang, Msg::action_copy_notice), true, 2.0f, width)) {
    intents.push_back(CopyAdvanceNotice{});
  }
  if (vm.copied_notice) {
    ImGui::SameLine(0.0f, 0.6f * ctx.fonts.em);
    const std::string_view done = core::tr(vm.lang, Msg::copy_notice_done);
    // On the button's text line: down by the button's padding.
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetStyle().FramePadding.y);
    text_block(ctx, ctx.fonts.strong, palette(ctx.theme).success, "\xE2\x9C\x93 " + std::string(done), width);
    record_status(ctx, "copy_notice.done", std::string(done));
  }
}

}  // namespace

void draw_feed(const DrawContext& ctx, const FormViewModel& vm, std::vector<Intent>& intents) {
  if (!vm.submissions.empty()) {
    section_gap(ctx);
    field_label(ctx, core::tr(vm.lang, core::Msg::submissions_heading), {});
    for (const auto& entry : vm.submissions) {
      draw_entry(ctx, vm, entry, intents);
      section_gap(ctx);
    }
  }
  section_gap(ctx);
  draw_copy_notice(ctx, vm, intents);
}

}  // namespace verji::ui
