// The feed's cards: each invitation sent from this widget and what the CompanyBot said about it,
// worded for the admin, with the actions each state offers. Part of derive_view() (state.h).
#include "verji/app/state.h"

#include "wording.h"

#include "verji/core/i18n.h"
#include "verji/core/invite_request.h"
#include "verji/core/username.h"

#include <nlohmann/json.hpp>

#include <string>
#include <tuple>
#include <utility>

namespace verji::app {
namespace {

using core::Msg;
using S = core::SubmissionState;

Tone tone_of(S state) {
  switch (state) {
    case S::success: return Tone::success;
    case S::email_registered:
    case S::username_taken:
    case S::no_answer_yet:
    case S::unknown_after_timeout:
    case S::rate_limited: return Tone::warning;
    case S::failed:
    case S::capability_denied:
    case S::send_failed: return Tone::error;
    case S::sending:
    case S::sent:
    case S::processing:
    case S::unknown_text: return Tone::neutral;
  }
  return Tone::neutral;
}

// A string member of the invite block in `content`, or empty.
std::string block_string(const nlohmann::json& content, const char* name) {
  const auto block = content.find(core::kInviteKey);
  if (block == content.end() || !block->is_object()) return {};
  const auto value = block->find(name);
  return value != block->end() && value->is_string() ? value->get<std::string>() : std::string{};
}

// Splits describe()'s text into the state line and the rest (the detail).
std::pair<std::string, std::string> state_and_detail(std::string text) {
  const auto newline = text.find('\n');
  if (newline == std::string::npos) return {std::move(text), {}};
  return {text.substr(0, newline), text.substr(newline + 1)};
}

void add_line(std::string& text, const std::string& line) {
  if (!text.empty()) text += '\n';
  text += line;
}

ControlView action(std::string id, std::string label, Intent intent) {
  ControlView c;
  c.id = std::move(id);
  c.role = ControlRole::button;
  c.label = std::move(label);
  c.action = std::move(intent);
  return c;
}

// One card, worded in `lang`, from what the engine knows of the submission.
FeedCard card_of(core::Lang lang, const core::Submission& s, core::UsernameStyle style, bool can_send) {
  FeedCard card;
  card.request_id = s.request_id;
  const std::string full_name = block_string(s.content, "full_name");
  card.title = core::format(lang, Msg::submission_title,
                            {{"full_name", full_name}, {"email", block_string(s.content, "email")}});
  std::string state;
  std::string detail;
  std::tie(state, detail) = state_and_detail(core::describe(lang, s));
  bool ask_again = false;
  switch (s.state) {
    case S::sending:
    case S::sent:
    case S::processing: card.busy = true; break;
    case S::no_answer_yet: detail = words(lang, Msg::feed_no_answer_hint); break;
    case S::email_registered:
      if (!s.user_id.empty() && s.user_id != s.room) {
        add_line(detail, core::format(lang, Msg::feed_registered_user, {{"user_id", s.user_id}}));
      }
      break;
    case S::username_taken: {
      const auto choices = core::username_alternatives(full_name, s.username, style);
      for (std::size_t n = 0; n < choices.size(); ++n) {
        card.alternatives.push_back(
            action("pick=" + s.request_id + "/" + std::to_string(n),
                   core::format(lang, Msg::feed_alternative,
                                {{"full_name", choices[n].full_name}, {"username", choices[n].username}}),
                   PickName{choices[n].full_name}));
      }
      break;
    }
    case S::failed:
    case S::unknown_text: {
      // The CompanyBot's own words, verbatim and quoted.
      const std::string& words = s.text.empty() ? s.reason : s.text;
      if (words.empty()) break;
      state = core::format(lang, s.state == S::failed ? Msg::feed_failed_state : Msg::feed_unknown_state, {});
      detail = core::format(lang, Msg::feed_bot_words, {{"text", words}});
      card.detail_is_quote = true;
      break;
    }
    case S::capability_denied:
      ask_again = !can_send;
      if (ask_again) detail = words(lang, Msg::feed_denied_hint);
      break;
    case S::success:
    case S::unknown_after_timeout:
    case S::rate_limited:
    case S::send_failed: break;
  }
  const std::string id = "submission=" + s.request_id;
  card.state = {id, std::move(state), tone_of(s.state)};
  card.detail = {id + ".detail", std::move(detail), Tone::secondary};
  if (!card.alternatives.empty()) card.alternatives_heading = words(lang, Msg::feed_alternatives_heading);
  if (ask_again) {
    card.actions.push_back(
        action("ask_again=" + s.request_id, words(lang, Msg::action_ask_again), RequestPermission{}));
  }
  if (s.resend_allowed) {
    card.actions.push_back(
        action("resend=" + s.request_id, words(lang, Msg::action_resend), Resend{s.request_id}));
  }
  return card;
}

bool form_is_empty(const core::InviteForm& form) {
  return core::is_blank(form.email) && core::is_blank(form.full_name) && core::is_blank(form.phone) &&
         core::is_blank(form.welcome_message);
}

}  // namespace

std::vector<FeedCard> derive_feed_cards(const AppState& state) {
  const core::Lang lang = state.config.lang;
  const auto& all = state.host.submissions;
  std::vector<FeedCard> cards;
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    cards.push_back(card_of(lang, *it, state.config.widget.username_style, state.host.can_send));
  }
  if (cards.empty()) return cards;
  // "Invite another" once the newest invitation is done and the form still holds what was sent for
  // it; a failed or unknown send keeps the form as it is.
  const core::Submission& newest = all.back();
  const FormState& f = state.form;
  const bool done = newest.state == S::success || newest.state == S::email_registered;
  if (done && newest.request_id == f.submitted_request && already_sent(state) && !form_is_empty(f.form)) {
    cards.front().actions.push_back(
        action("invite_another", words(lang, Msg::action_invite_another), InviteAnother{}));
  }
  return cards;
}

}  // namespace verji::app
