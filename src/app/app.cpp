// The app: state changes and the host connection. What the UI shows is derived in view_model.cpp and
// feed_cards.cpp from the state this file keeps.
#include "verji/app/app.h"

#include "verji/core/i18n.h"
#include "verji/core/invite_request.h"
#include "verji/core/phone.h"
#include "verji/core/version.h"

#include <algorithm>
#include <type_traits>
#include <utility>
#include <variant>

namespace verji::app {
namespace {

// How long the "Copied" note stays after "Copy advance notice".
constexpr core::Millis kCopiedNoteMs = 3000;

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

Theme theme_named(std::string_view name) { return core::is_dark_theme(name) ? Theme::dark : Theme::light; }

}  // namespace

App::App(Config config, const core::Clock& clock, Clipboard& clipboard)
    : clock_(clock), clipboard_(clipboard) {
  state_.config = std::move(config);
  state_.now = clock_.now();
  if (state_.config.widget.hosted()) {
    client_ = std::make_unique<core::WidgetApiClient>(widget_api_config_of(state_.config.widget));
    tracker_ = std::make_unique<core::InviteTracker>(*client_, tracker_config_of(state_.config.widget));
    state_.host.connection = Connection::connecting;
  }
  revalidate();
  refresh();
}

void App::dispatch(const Intent& intent) {
  state_.now = clock_.now();
  apply(intent);
  refresh();
}

bool App::handle_frame(const std::vector<Intent>& intents) {
  state_.now = clock_.now();
  // A focus request is for one frame only: the frame that drew it is over.
  const bool focus_done = std::exchange(state_.form.focus, FocusRequest::none) != FocusRequest::none;
  for (const auto& intent : intents) apply(intent);
  const bool changed = !intents.empty() || focus_done;
  if (changed) refresh();
  return changed;
}

bool App::animating() const noexcept {
  return std::any_of(view_.feed.cards.begin(), view_.feed.cards.end(),
                     [](const FeedCard& c) { return c.busy; });
}

bool App::after_present() {
  if (core::phone_ready()) return false;
  phone_startup_ms_ = core::phone_warm_up();
  revalidate();
  refresh();
  return true;
}

void App::connect() {
  state_.now = clock_.now();
  if (!client_ || state_.host.connection == Connection::refused) return;
  client_->start(state_.now);
  apply_protocol_events();
  refresh();
}

void App::refuse_host(std::string origin) {
  state_.host.refused_origin = std::move(origin);
  state_.host.connection = Connection::refused;
  refresh();
}

bool App::on_host_message(std::string_view json_text) {
  state_.now = clock_.now();
  if (!client_ || state_.host.connection == Connection::refused) return false;
  client_->receive(json_text, state_.now);
  const bool changed = apply_protocol_events();
  refresh();  // cheap, and the client or the tracker may have changed state without an event
  return changed;
}

bool App::tick() {
  state_.now = clock_.now();
  bool changed = false;
  if (state_.form.copied_until >= 0 && state_.now >= state_.form.copied_until) {
    state_.form.copied_until = -1;  // the "Copied" note has had its moment
    changed = true;
  }
  if (client_) {
    const auto deadline = client_->next_deadline();
    if (deadline && *deadline <= state_.now) {
      client_->tick(state_.now);
      apply_protocol_events();
      changed = true;
    }
  }
  if (changed) refresh();
  return changed;
}

std::vector<std::string> App::take_outbound() {
  if (!client_) return {};
  return client_->take_outbound();
}

std::optional<core::Millis> App::next_deadline() const {
  std::optional<core::Millis> next;
  if (client_) next = client_->next_deadline();
  if (state_.form.copied_until >= 0 && (!next || state_.form.copied_until < *next)) {
    next = state_.form.copied_until;
  }
  return next;
}

bool App::apply_protocol_events() {
  bool changed = !tracker_->take_events().empty();  // the feed is derived anew in refresh()
  for (const auto& event : client_->take_events()) {
    changed = true;
    if (const auto* theme = std::get_if<core::ThemeChanged>(&event)) {
      state_.config.theme = theme_named(theme->name);
    } else if (const auto* lang = std::get_if<core::LanguageChanged>(&event)) {
      state_.config.lang = core::lang_from_tag(lang->lang);  // refresh() words everything anew
    }
  }
  return changed;
}

void App::apply(const Intent& intent) {
  FormState& f = state_.form;
  std::visit(
      [&](const auto& i) {
        using T = std::decay_t<decltype(i)>;
        if constexpr (std::is_same_v<T, EditText>) {
          core::set_text(f.form, i.field, i.text);
          revalidate();
        } else if constexpr (std::is_same_v<T, ChooseVerification>) {
          f.form.verification = i.value;
          f.form.verification_chosen = true;
          revalidate();
        } else if constexpr (std::is_same_v<T, ChooseUserType>) {
          f.form.user_type = i.value;
          revalidate();
        } else if constexpr (std::is_same_v<T, ConfirmSensitive>) {
          if (i.value) {
            f.confirmed_welcome = f.form.welcome_message;
          } else {
            f.confirmed_welcome.reset();
          }
        } else if constexpr (std::is_same_v<T, Submit>) {
          // "Opprett" opens the confirm step; nothing is sent yet.
          f.submit_attempted = true;
          if (can_submit(state_)) {
            f.confirming = true;
            f.focus = FocusRequest::send;
          }
        } else if constexpr (std::is_same_v<T, LeaveField>) {
          // A field left empty is not "left": the admin has not said anything there yet.
          if (!core::text_of(f.form, i.field).empty()) f.left.insert(i.field);
          // The number as libphonenumber formats it, also after an edit in the middle.
          if (i.field == core::Field::phone && core::phone_ready()) {
            std::string formatted = core::format_phone_as_typed(f.form.phone, state_.config.phone_region);
            if (formatted != f.form.phone) {
              f.form.phone = std::move(formatted);
              revalidate();
            }
          }
        } else if constexpr (std::is_same_v<T, SendInvite>) {
          if (f.confirming) {
            f.confirming = false;
            submit();
          }
        } else if constexpr (std::is_same_v<T, EditAgain>) {
          if (f.confirming) {
            f.confirming = false;
            f.focus = FocusRequest::create;
          }
        } else if constexpr (std::is_same_v<T, PickName>) {
          f.form.full_name = i.full_name;  // the admin sends again from the form
          revalidate();
        } else if constexpr (std::is_same_v<T, InviteAnother>) {
          reset_form();
        } else if constexpr (std::is_same_v<T, CopyAdvanceNotice>) {
          copy_advance_notice();
        } else if constexpr (std::is_same_v<T, RequestPermission>) {
          if (client_) client_->request_capabilities(state_.now);
        } else if constexpr (std::is_same_v<T, Resend>) {
          if (tracker_) tracker_->resend(i.request_id, state_.now);
        }
      },
      intent);
}

void App::reset_form() {
  // The invitations (the tracker's submissions) and what was sent (submitted_form) stay.
  FormState& f = state_.form;
  f.form = core::InviteForm{};
  f.left.clear();
  f.submit_attempted = false;
  f.confirmed_welcome.reset();
  f.confirming = false;
  revalidate();
}

void App::submit() {
  FormState& f = state_.form;
  f.submit_attempted = true;
  if (!can_submit(state_)) return;
  std::string request_id = core::new_request_id();
  auto content = core::invite_event_content(f.form, f.validation, state_.config.lang, request_id,
                                            core::widget_version());
  const std::string id = request_id;
  if (tracker_->submit(std::move(request_id), std::move(content), state_.now).ok()) {
    f.submitted_form = f.form;
    f.submitted_request = id;
  }
  apply_protocol_events();
}

void App::copy_advance_notice() {
  const core::Lang lang = state_.config.lang;
  const FormState& f = state_.form;
  std::string text = core::format(lang, core::Msg::advance_notice_text, {});
  if (!core::is_blank(f.form.phone) && f.validation.normalized.verification == core::Verification::sms) {
    text += ' ';
    text += core::format(lang, core::Msg::advance_notice_sms, {});
  }
  clipboard_.write(text);
  state_.form.copied_until = state_.now + kCopiedNoteMs;
}

void App::revalidate() {
  core::ValidationOptions options;
  options.phone_region = state_.config.phone_region;
  options.username_style = state_.config.widget.username_style;
  options.server_name = state_.config.widget.server_name;
  options.allow_phone_startup = false;  // never pay libphonenumber's start-up inside a frame
  state_.form.validation = core::validate(state_.form.form, options);
}

void App::refresh() {
  HostState& host = state_.host;
  state_.phone_ready = core::phone_ready();
  if (client_ && host.connection != Connection::refused) {
    host.connection = client_->ready() ? Connection::ready : Connection::connecting;
    host.can_send = client_->can_send();
    host.send_in_flight = tracker_->send_in_flight();
    host.submissions = tracker_->submissions();
  }
  view_ = derive_view(state_);
}

}  // namespace verji::app
