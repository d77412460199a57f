// The status feed: each invitation sent from this widget and what the CompanyBot said about it, as
// a calm card (a left bar and a faint tint in the state's tone, the title in the strong font, the
// state line, a detail line, the card's actions), newest first; then "Copy advance notice".
//
// Layout ids: submission=<request_id> (state line), submission=<request_id>.detail,
// pick=<request_id>/<n>, resend=<request_id>, ask_again=<request_id>, invite_another,
// copy_notice, copy_notice.done.
#include "feed_view.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <variant>

namespace verji::ui {

// [SECTION] The cards

namespace {

using app::ControlBox;
using app::FeedCard;
using app::Tone;

ImU32 with_alpha(ImU32 colour, unsigned alpha) {
  return (colour & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT);
}

// The card's bar: the tone's colour; a card under way takes the accent, one merely waiting
// (an answer the form does not know) the secondary colour.
ImU32 bar_colour(const DrawContext& ctx, const FeedCard& card) {
  if (card.state.tone != Tone::neutral) return tone_colour(ctx.theme, card.state.tone);
  return card.busy ? palette(ctx.theme).accent : palette(ctx.theme).text_secondary;
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
  // Draws `control`'s button; true when clicked.
  bool button(const app::ControlView& control) {
    const std::string& label = control.label;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float w = std::min(width_, ImGui::CalcTextSize(label.data(), label.data() + label.size()).x +
                                         2.0f * style.FramePadding.x);
    if (used_ > 0.0f && used_ + style.ItemSpacing.x + w <= width_) {
      ImGui::SameLine();
      used_ += style.ItemSpacing.x + w;
    } else {
      used_ = w;
    }
    return secondary_button(ctx_, control, 2.0f, width_);
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

void draw_card(const DrawContext& ctx, const FeedCard& card, std::vector<app::Intent>& intents) {
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
  ImGui::PushID(card.request_id.c_str());
  ImGui::Dummy(ImVec2(width, 0.5f * pad));
  ImGui::Indent(bar + pad);
  ImGui::PushItemWidth(inner);

  text_block(ctx, ctx.fonts.strong, p.text, card.title, inner);

  ImGui::BeginGroup();
  float text_room = inner;
  if (card.busy) {
    const ImVec2 dots(1.4f * em, ImGui::GetTextLineHeight());
    pulsing_dots(dots, bar_colour(ctx, card), em);
    ImGui::SameLine(0.0f, 0.4f * em);
    text_room -= dots.x + 0.4f * em;
  }
  text_block(ctx, ctx.fonts.body, tone_colour(ctx.theme, card.state.tone), card.state.text, text_room);
  ImGui::EndGroup();
  record_status(ctx, card.state.id, card.state.text);

  if (!card.detail.text.empty()) {
    if (card.detail_is_quote) {
      // The CompanyBot's own words: in the body colour, set off by a thin rule like a quotation.
      const float rule = std::max(1.0f, 0.12f * em);
      ImGui::Indent(rule + 0.5f * em);
      const ImVec2 at = ImGui::GetCursorScreenPos();
      text_block(ctx, ctx.fonts.body, p.text, card.detail.text, inner - rule - 0.5f * em);
      const ImVec2 end = ImGui::GetItemRectMax();
      draw->AddRectFilled(ImVec2(at.x - rule - 0.5f * em, at.y), ImVec2(at.x - 0.5f * em, end.y),
                          p.field_border);
      ImGui::Unindent(rule + 0.5f * em);
    } else {
      text_block(ctx, ctx.fonts.body, p.text_secondary, card.detail.text, inner);
    }
    record_status(ctx, card.detail.id, card.detail.text);
  }

  if (!card.alternatives.empty()) {
    text_block(ctx, ctx.fonts.body, p.text_secondary, card.alternatives_heading, inner);
    ButtonRow row(ctx, inner);
    for (const auto& choice : card.alternatives) {
      if (!row.button(choice)) continue;
      act(true, choice, intents);
      scroll_to_name(ctx);
    }
  }

  ButtonRow actions(ctx, inner);
  for (const auto& action : card.actions) {
    if (!actions.button(action)) continue;
    act(true, action, intents);
    if (action.action && std::holds_alternative<app::InviteAnother>(*action.action)) {
      ImGui::SetScrollY(0.0f);  // back to the top of the form, which is now empty
    }
  }

  ImGui::PopItemWidth();
  ImGui::Unindent(bar + pad);
  ImGui::Dummy(ImVec2(width, 0.5f * pad));
  ImGui::PopID();
  const float bottom = ImGui::GetItemRectMax().y;

  draw->ChannelsSetCurrent(0);
  const float rounding = 0.3f * em;
  const ImVec2 max(top.x + width, bottom);
  const ImU32 tone = bar_colour(ctx, card);
  draw->AddRectFilled(top, max, with_alpha(tone, ctx.theme == app::Theme::dark ? 22u : 14u), rounding);
  draw->AddRect(top, max, p.field_border, rounding, ImDrawFlags_None, 1.0f);
  draw->AddRectFilled(top, ImVec2(top.x + bar, bottom), tone, rounding, ImDrawFlags_RoundCornersLeft);
  draw->ChannelsMerge();
}

void draw_copy_notice(const DrawContext& ctx, const app::FeedSection& feed,
                      std::vector<app::Intent>& intents) {
  const float width = ImGui::CalcItemWidth();
  text_block(ctx, ctx.fonts.body, palette(ctx.theme).text_secondary, feed.copy_hint, width);
  act(secondary_button(ctx, feed.copy_notice, 2.0f, width), feed.copy_notice, intents);
  if (!feed.copied.text.empty()) {
    ImGui::SameLine(0.0f, 0.6f * ctx.fonts.em);
    // On the button's text line: down by the button's padding.
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetStyle().FramePadding.y);
    text_block(ctx, ctx.fonts.strong, tone_colour(ctx.theme, feed.copied.tone),
               "\xE2\x9C\x93 " + feed.copied.text, width);
    record_status(ctx, feed.copied.id, feed.copied.text);
  }
}

}  // namespace

void draw_feed(const DrawContext& ctx, const app::FeedSection& feed, std::vector<app::Intent>& intents) {
  if (!feed.cards.empty()) {
    section_gap(ctx);
    field_label(ctx, feed.heading, {});
    for (const auto& card : feed.cards) {
      draw_card(ctx, card, intents);
      section_gap(ctx);
    }
  }
  section_gap(ctx);
  draw_copy_notice(ctx, feed, intents);
}

}  // namespace verji::ui
