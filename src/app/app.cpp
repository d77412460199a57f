#include "verji/app/app.h"

#include "verji/core/country.h"
#include "verji/core/invite_request.h"
#include "verji/core/phone.h"
#include "verji/core/username.h"
#include "verji/core/version.h"

#include <imgui.h>

#include <algorithm>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

namespace verji::app {
namespace {

using core::Msg;

bool same_form(const core::InviteForm& a, const core::InviteForm& b) {
  return a.email == b.email && a.full_name == b.full_name && a.phone == b.phone &&
         a.verification == b.verification && a.verification_chosen == b.verification_chosen &&
         a.user_type == b.user_type && a.welcome_message == b.welcome_message;
}

ui::Tone tone_of(core::Severity severity) {
  switch (severity) {
    case core::Severity::error: return ui::Tone::error;
    case core::Severity::warning: return ui::Tone::warning;
    case core::Severity::notice: return ui::Tone::secondary;
  }
  return ui::Tone::secondary;
}

ui::Tone tone_of(core::SubmissionState state) {
  using S = core::SubmissionState;
  switch (state) {
    case S::success: return ui::Tone::success;
    case S::email_registered:
    case S::username_taken:
    case S::no_answer_yet:
    case S::unknown_after_timeout:
    case S::rate_limited: return ui::Tone::warning;
    case S::failed:
    case S::capability_denied:
    case S::send_failed: return ui::Tone::error;
    case S::sending:
    case S::sent:
    case S::processing:
    case S::unknown_text: return ui::Tone::neutral;
  }
  return ui::Tone::neutral;
}

// A string member of the invite block in `content`, or empty.
std::string block_string(const nlohmann::json& content, const char* name) {
  const auto block = content.find(core::kInviteKey);
  if (block == content.end() || !block->is_object()) return {};
  const auto value = block->find(name);
  return value != block->end() && value->is_string() ? value->get<std::string>() : std::string{};
}

core::WidgetApiConfig widget_api_config_of(const core::WidgetConfig& widget) {
  core::WidgetApiConfig config;
  config.widget_id = widget.widget_id;
  return config;
}

core::InviteTrackerConfig tracker_config_of(const core::WidgetConfig& widget) {
  core::InviteTrackerConfig config;
  config.user_id = widget.user_id;
  config.room_id = widget.room_id;
  config.bot_user_id = widget.bot_user_id;
  config.silence_timeout = widget.silence_timeout_ms;
  return config;
}

// How long the "Copied" note stays after "Copy advance notice", in seconds.
constexpr double kCopiedNoteSeconds = 3.0;

bool form_is_empty(const core::InviteForm& form) {
  return core::is_blank(form.email) && core::is_blank(form.full_name) && core::is_blank(form.phone) &&
         core::is_blank(form.welcome_message);
}

// Splits describe()'s text into the state line and the rest (the detail).
std::pair<std::string, std::string> state_and_detail(std::string text) {
  const auto newline = text.find('\n');
  if (newline == std::string::npos) return {std::move(text), {}};
  return {text.substr(0, newline), text.substr(newline + 1)};
}

void add_line(std::string& text, std::string line) {
  if (!text.empty()) text += '\n';
  text += line;
}

// One card of the feed, worded in `lang`, from what the tracker knows of the submission.
ui::SubmissionEntry entry_of(core::Lang lang, const core::Submission& s, core::UsernameStyle style,
                             bool can_send) {
  using S = core::SubmissionState;
  ui::SubmissionEntry entry;
  entry.request_id = s.request_id;
  const std::string full_name = block_string(s.content, "full_name");
  entry.title = core::format(lang, Msg::submission_title,
                             {{"full_name", full_name}, {"email", block_string(s.content, "email")}});
  std::tie(entry.state, entry.detail) = state_and_detail(core::describe(lang, s));
  entry.tone = tone_of(s.state);
  entry.can_resend = s.resend_allowed;
  switch (s.state) {
    case S::sending:
    case S::sent:
    case S::processing: entry.busy = true; break;
    case S::no_answer_yet: entry.detail = core::format(lang, Msg::feed_no_answer_hint, {}); break;
    case S::email_registered:
      if (!s.user_id.empty() && s.user_id != s.room) {
        add_line(entry.detail, core::format(lang, Msg::feed_registered_user, {{"user_id", s.user_id}}));
      }
      break;
    case S::username_taken:
      for (const auto& choice : core::username_alternatives(full_name, s.username, style)) {
        entry.alternatives.push_back({choice.full_name, core::format(lang, Msg::feed_alternative,
                                                                     {{"full_name", choice.full_name},
                                                                      {"username", choice.username}})});
      }
      break;
    case S::failed:
    case S::unknown_text: {
      // The CompanyBot's own words, verbatim and quoted.
      const std::string& words = s.text.empty() ? s.reason : s.text;
      if (words.empty()) break;
      entry.state =
          core::format(lang, s.state == S::failed ? Msg::feed_failed_state : Msg::feed_unknown_state, {});
      entry.detail = core::format(lang, Msg::feed_bot_words, {{"text", words}});
      entry.detail_is_quote = true;
      break;
    }
    case S::capability_denied:
      entry.can_ask_again = !can_send;
      if (entry.can_ask_again) entry.detail = core::format(lang, Msg::feed_denied_hint, {});
      break;
    case S::success:
    case S::unknown_after_timeout:
    case S::rate_limited:
    case S::send_failed: break;
  }
  return entry;
}

ui::Theme theme_of(std::string_view name) {
  return core::is_dark_theme(name) ? ui::Theme::dark : ui::Theme::light;
}

}  // namespace

Config config_from_url(std::string_view search, std::string_view hash) {
  Config config;
  config.widget = core::widget_config_from_url(search, hash);
  config.lang = config.widget.lang;
  config.theme = config.widget.dark ? ui::Theme::dark : ui::Theme::light;
  config.phone_region = config.widget.phone_region;
  return config;
}

App::App(Config config) : config_(std::move(config)) {
  view_.form = &form_;
  if (config_.widget.hosted()) {
    client_ = std::make_unique<core::WidgetApiClient>(widget_api_config_of(config_.widget));
    tracker_ = std::make_unique<core::InviteTracker>(*client_, tracker_config_of(config_.widget));
  }
  revalidate();
}

Connection App::connection() const noexcept {
  if (refused_) return Connection::refused;
  if (!client_) return Connection::standalone;
  return client_->ready() ? Connection::ready : Connection::connecting;
}

bool App::frame(const ui::FontSet& fonts) {
  layout_.clear();
  view_.copied_notice = ImGui::GetTime() < copied_until_;
  const ui::DrawContext ctx{config_.theme, fonts, &layout_};
  const auto intents = ui::draw_form(ctx, view_);
  // A focus request is for one frame only.
  const bool focus_was_requested = focus_send_ || focus_create_;
  focus_send_ = focus_create_ = false;
  for (const auto& intent : intents) apply(intent);
  if (!intents.empty() || focus_was_requested) refresh_view();
  return !intents.empty() || focus_was_requested;
}

void App::dispatch(const ui::Intent& intent) {
  apply(intent);
  refresh_view();
}

bool App::animating() const noexcept {
  // The "Copied" note counts too: the frame that hides it must still be drawn.
  return view_.copied_notice || std::any_of(view_.submissions.begin(), view_.submissions.end(),
                                            [](const ui::SubmissionEntry& e) { return e.busy; });
}

bool App::after_present() {
  if (core::phone_ready()) return false;
  phone_startup_ms_ = core::phone_warm_up();
  revalidate();
  return true;
}

void App::connect(core::Millis now) {
  now_ = now;
  if (!client_ || refused_) return;
  client_->start(now);
  apply_protocol_events();
  refresh_view();
}

void App::refuse_host(std::string origin) {
  refused_ = true;
  refused_origin_ = std::move(origin);
  refresh_view();
}

bool App::on_host_message(std::string_view json_text, core::Millis now) {
  now_ = now;
  if (!client_ || refused_) return false;
  client_->receive(json_text, now);
  const bool changed = apply_protocol_events();
  refresh_view();  // cheap, and the client or the tracker may have changed state without an event
  return changed;
}

bool App::tick(core::Millis now) {
  now_ = now;
  if (!client_) return false;
  const auto deadline = client_->next_deadline();
  if (!deadline || *deadline > now) return false;
  client_->tick(now);
  apply_protocol_events();
  refresh_view();
  return true;
}

std::vector<std::string> App::take_outbound() {
  if (!client_) return {};
  return client_->take_outbound();
}

std::optional<core::Millis> App::next_deadline() const {
  if (!client_) return std::nullopt;
  return client_->next_deadline();
}

bool App::apply_protocol_events() {
  bool changed = !tracker_->take_events().empty();  // the feed is derived anew in refresh_view()
  for (const auto& event : client_->take_events()) {
    changed = true;
    if (const auto* theme = std::get_if<core::ThemeChanged>(&event)) {
      config_.theme = theme_of(theme->name);
    } else if (const auto* lang = std::get_if<core::LanguageChanged>(&event)) {
      config_.lang = core::lang_from_tag(lang->lang);  // refresh_view() words everything anew
    }
  }
  return changed;
}

void App::apply(const ui::Intent& intent) {
  std::visit(
      [this](const auto& i) {
        using T = std::decay_t<decltype(i)>;
        if constexpr (std::is_same_v<T, ui::EditText>) {
          core::set_text(form_, i.field, i.text);
          revalidate();
        } else if constexpr (std::is_same_v<T, ui::ChooseVerification>) {
          form_.verification = i.value;
          form_.verification_chosen = true;
          revalidate();
        } else if constexpr (std::is_same_v<T, ui::ChooseUserType>) {
          form_.user_type = i.value;
          revalidate();
        } else if constexpr (std::is_same_v<T, ui::ConfirmSensitive>) {
          if (i.value) {
            confirmed_welcome_ = form_.welcome_message;
          } else {
            confirmed_welcome_.reset();
          }
        } else if constexpr (std::is_same_v<T, ui::Submit>) {
          // "Opprett" opens the confirm step; nothing is sent yet.
          submit_attempted_ = true;
          if (can_submit()) {
            confirming_ = true;
            focus_send_ = true;
          }
        } else if constexpr (std::is_same_v<T, ui::LeaveField>) {
          // A field left empty is not "left": the admin has not said anything there yet.
          if (!core::text_of(form_, i.field).empty()) left_.insert(i.field);
          // The number as libphonenumber formats it, also after an edit in the middle.
          if (i.field == core::Field::phone && core::phone_ready()) {
            std::string formatted = ui::format_phone_as_typed(form_.phone, config_.phone_region);
            if (formatted != form_.phone) {
              form_.phone = std::move(formatted);
              revalidate();
            }
          }
        } else if constexpr (std::is_same_v<T, ui::SendInvite>) {
          if (confirming_) {
            confirming_ = false;
            submit();
          }
        } else if constexpr (std::is_same_v<T, ui::EditAgain>) {
          if (confirming_) {
            confirming_ = false;
            focus_create_ = true;
          }
        } else if constexpr (std::is_same_v<T, ui::PickName>) {
          form_.full_name = i.full_name;  // the admin sends again from the form
          revalidate();
        } else if constexpr (std::is_same_v<T, ui::InviteAnother>) {
          reset_form();
        } else if constexpr (std::is_same_v<T, ui::CopyAdvanceNotice>) {
          copy_advance_notice();
        } else if constexpr (std::is_same_v<T, ui::RequestPermission>) {
          if (client_) client_->request_capabilities(now_);
        } else if constexpr (std::is_same_v<T, ui::Resend>) {
          if (tracker_) tracker_->resend(i.request_id, now_);
        }
      },
      intent);
}

bool App::can_submit() const {
  if (!validation_.sendable() || !client_ || connection() != Connection::ready || !client_->can_send())
    return false;
  if (tracker_->send_in_flight() || already_sent()) return false;
  return !validation_.needs_confirmation() || confirmed_welcome_ == form_.welcome_message;
}

void App::reset_form() {
  // The invitations (the tracker's submissions) and what was sent (submitted_form_) stay.
  form_ = core::InviteForm{};
  left_.clear();
  submit_attempted_ = false;
  confirmed_welcome_.reset();
  confirming_ = false;
  revalidate();
}

void App::submit() {
  submit_attempted_ = true;
  if (!can_submit()) return;
  std::string request_id = core::new_request_id();
  auto content =
      core::invite_event_content(form_, validation_, config_.lang, request_id, core::widget_version());
  const std::string id = request_id;
  if (tracker_->submit(std::move(request_id), std::move(content), now_).ok()) {
    submitted_form_ = form_;
    submitted_request_ = id;
  }
  apply_protocol_events();
}

void App::copy_advance_notice() {
  if (ImGui::GetCurrentContext() == nullptr) return;  // no clipboard without ImGui
  const core::Lang lang = config_.lang;
  std::string text = core::format(lang, Msg::advance_notice_text, {});
  if (!core::is_blank(form_.phone) && validation_.normalized.verification == core::Verification::sms) {
    text += ' ';
    text += core::format(lang, Msg::advance_notice_sms, {});
  }
  ImGui::SetClipboardText(text.c_str());
  copied_until_ = ImGui::GetTime() + kCopiedNoteSeconds;
  view_.copied_notice = true;
}

bool App::already_sent() const {
  if (!submitted_form_ || !same_form(*submitted_form_, form_)) return false;
  const core::Submission* s = tracker_ ? tracker_->find(submitted_request_) : nullptr;
  // A request the bot or the host turned down may be tried again as it is (a new request).
  return s == nullptr ||
         (s->state != core::SubmissionState::failed && s->state != core::SubmissionState::send_failed);
}

void App::revalidate() {
  core::ValidationOptions options;
  options.phone_region = config_.phone_region;
  options.username_style = config_.widget.username_style;
  options.server_name = config_.widget.server_name;
  options.allow_phone_startup = false;  // never pay libphonenumber's start-up inside a frame
  validation_ = core::validate(form_, options);
  refresh_view();
}

void App::refresh_view() {
  const core::Lang lang = config_.lang;
  view_.lang = lang;
  view_.verification = validation_.normalized.verification;
  refresh_phone_status();

  // Findings: a text field's errors once the admin has left the field with something in it, or
  // after a send attempt (not while the first characters are typed, and an empty form is not wrong
  // yet); then they follow every keystroke. Warnings and notices whenever they apply.
  view_.notes.clear();
  view_.email_suggestion.clear();
  view_.welcome_marks.clear();
  for (const auto& finding : validation_.findings) {
    const bool empty = core::text_of(form_, finding.field).empty();
    const bool text_field =
        finding.field != core::Field::verification && finding.field != core::Field::user_type;
    const bool left = left_.count(finding.field) > 0 && !empty;
    if (finding.severity == core::Severity::error && text_field && !left && !submit_attempted_) continue;
    if (finding.code == "phone.pending") continue;  // the phone status line says it already
    view_.notes.push_back(
        {finding.field, core::format(lang, finding.message, finding.args), tone_of(finding.severity)});
    if (finding.code == "email.typo") {
      for (const auto& arg : finding.args) {
        if (arg.name == "suggestion") view_.email_suggestion = arg.value;
      }
    }
    if (finding.field == core::Field::welcome_message && finding.severity != core::Severity::error &&
        !finding.span.empty() && finding.span.end <= form_.welcome_message.size()) {
      view_.welcome_marks.push_back({finding.span.begin, finding.span.end});
    }
  }

  const auto& n = validation_.normalized;
  view_.username_preview.clear();
  if (!n.user_id.empty() || !n.username.empty()) {
    view_.username_preview =
        core::format(lang, Msg::username_preview, {{"user_id", n.user_id.empty() ? n.username : n.user_id}});
  }

  // The connection, and what it allows.
  view_.connection_notice.clear();
  view_.connection_tone = ui::Tone::secondary;
  view_.offer_permission_request = false;
  switch (connection()) {
    case Connection::standalone:
      view_.connection_notice = std::string(core::tr(lang, Msg::connection_standalone));
      break;
    case Connection::refused:
      view_.connection_notice =
          refused_origin_.empty()
              ? std::string(core::tr(lang, Msg::connection_unconfigured))
              : core::format(lang, Msg::connection_refused, {{"origin", refused_origin_}});
      view_.connection_tone = ui::Tone::error;
      break;
    case Connection::connecting:
      view_.connection_notice = std::string(core::tr(lang, Msg::widget_not_ready));
      break;
    case Connection::ready:
      if (!client_->can_send()) {
        view_.connection_notice = std::string(core::tr(lang, Msg::connection_cannot_send));
        view_.connection_tone = ui::Tone::warning;
        view_.offer_permission_request = true;
      }
      break;
  }

  view_.confirm_needed = validation_.needs_confirmation();
  view_.confirmed = view_.confirm_needed && confirmed_welcome_ == form_.welcome_message;
  view_.can_submit = can_submit();
  view_.focus_create = focus_create_;
  view_.submit_hint.clear();
  if (submit_attempted_ && !validation_.sendable() && !validation_.phone_pending) {
    view_.submit_hint = std::string(core::tr(lang, Msg::submit_fix_errors));
  } else if (connection() == Connection::ready && !client_->can_send()) {
    view_.submit_hint = std::string(core::tr(lang, Msg::connection_cannot_send));
  }

  refresh_confirm_step();
  refresh_feed();
}

void App::refresh_confirm_step() {
  const core::Lang lang = config_.lang;
  ui::ConfirmStepView& step = view_.confirm;
  step = ui::ConfirmStepView{};
  if (!confirming_) return;
  step.open = true;
  step.take_focus = focus_send_;
  step.can_send = can_submit();
  // Exactly what the invite request carries: the normalised values, not the text as typed.
  const auto& n = validation_.normalized;
  const auto none = std::string(core::tr(lang, Msg::confirm_none));
  const auto row = [&](Msg label, std::string value) {
    step.rows.push_back({std::string(core::tr(lang, label)), value.empty() ? none : std::move(value)});
  };
  row(Msg::confirm_email, n.email);
  row(Msg::confirm_full_name, n.full_name);
  row(Msg::confirm_username, n.user_id.empty() ? n.username : n.user_id);
  row(Msg::confirm_phone, n.phone_international);
  row(Msg::confirm_verification,
      std::string(core::tr(lang, n.verification == core::Verification::sms ? Msg::verification_sms
                                                                           : Msg::verification_email)));
  row(Msg::confirm_user_type, std::string(core::tr(lang, form_.user_type == core::UserType::administrator
                                                             ? Msg::user_type_administrator
                                                             : Msg::user_type_standard)));
  row(Msg::confirm_welcome, form_.welcome_message.empty()
                                ? std::string()
                                : core::format(lang, Msg::confirm_quoted, {{"text", form_.welcome_message}}));
  for (const auto& finding : validation_.findings) {
    if (finding.needs_confirmation)
      step.warnings.push_back(core::format(lang, finding.message, finding.args));
  }
}

void App::refresh_feed() {
  const core::Lang lang = config_.lang;
  view_.submissions.clear();
  if (!tracker_) return;
  const auto& all = tracker_->submissions();
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    view_.submissions.push_back(entry_of(lang, *it, config_.widget.username_style, client_->can_send()));
  }
  // "Invite another" once the newest invitation is done and the form still holds what was sent
  // for it; a failed or unknown send keeps the form as it is.
  if (view_.submissions.empty()) return;
  const core::Submission& newest = all.back();
  const bool done = newest.state == core::SubmissionState::success ||
                    newest.state == core::SubmissionState::email_registered;
  view_.submissions.front().offer_invite_another = done && newest.request_id == submitted_request_ &&
                                                   submitted_form_ && same_form(*submitted_form_, form_) &&
                                                   !form_is_empty(form_);
}

void App::refresh_phone_status() {
  view_.phone_status.clear();
  view_.phone_status_is_error = false;
  view_.phone_country.clear();
  view_.phone_format_region = core::phone_ready() ? config_.phone_region : std::string();
  const core::Lang lang = config_.lang;
  if (core::is_blank(form_.phone)) return;
  if (validation_.phone_pending) {
    // Never pay libphonenumber's start-up inside a frame; after_present() will refresh this.
    view_.phone_status = std::string(core::tr(lang, Msg::phone_loading));
    return;
  }
  const auto& n = validation_.normalized;
  if (n.phone_e164.empty()) return;  // the finding under the field says what is wrong
  view_.phone_status = n.phone_international;
  const std::string country =
      core::country_label(lang, n.phone_region, core::calling_code_of(n.phone_international));
  if (!country.empty()) view_.phone_country = core::format(lang, Msg::phone_country, {{"country", country}});
  Msg type_msg = Msg::count_;
  switch (n.phone_type) {
    case core::PhoneType::mobile: type_msg = Msg::phone_type_mobile; break;
    case core::PhoneType::fixed_line: type_msg = Msg::phone_type_fixed_line; break;
    case core::PhoneType::fixed_line_or_mobile: type_msg = Msg::phone_type_fixed_line_or_mobile; break;
    default: break;
  }
  if (type_msg != Msg::count_) {
    view_.phone_status += " \xC2\xB7 ";  // middle dot
    view_.phone_status += core::tr(lang, type_msg);
  }
}

}  // namespace verji::app
