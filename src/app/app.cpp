// The app: state changes and the host connection. What the UI shows is derived in view_model.cpp and
// feed_cards.cpp from the state this file keeps.
#include "verji/app/app.h"

#include "verji/core/i18n.h"
#include "verji/core/invite_request.h"
#include "verji/core/phone.h"
#include "verji/core/version.h"

#include <algorithm>
#include <chrono>
#include <tuple>
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

bool App::warming_up() const noexcept { return !core::phone_warm(); }

bool App::after_present(double budget_ms) {
  if (core::phone_warm()) return false;
  const bool was_ready = core::phone_ready();
  const auto start = std::chrono::steady_clock::now();
  const bool warm = core::phone_warm_up_step(budget_ms);
  const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
  phone_startup_ms_ = std::max(phone_startup_ms_, 0.0) + took.count();
  if (!warm && was_ready == core::phone_ready()) return false;
  revalidate();  // the phone field's checks are there now
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
  const HostState& host = state_.host;
  const auto before =
      std::make_tuple(host.connection, host.can_send, host.send_in_flight, host.submissions.size());
  client_->receive(json_text, state_.now);
  const bool events = apply_protocol_events();
  refresh();  // cheap, and the client or the tracker may have changed state without an event
  // A busy room's chatter changes nothing: no event, the same connection and invitations.
  return events || before != std::make_tuple(host.connection, host.can_send, host.send_in_flight,
                                             host.submissions.size());
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
    } else if (std::holds_alternative<core::CapabilitiesRefused>(event)) {
      state_.host.permission_refused = true;  // cleared when asked again, or once it is given
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
          // A one-click fix: the whole text is new, the caret after it.
          core::set_text(f.form, i.field, fit(i.field, i.text));
          if (f.focused == core::field_name(i.field)) {
            const std::size_t end = core::text_of(f.form, i.field).size();
            f.selection = {end, end};
            f.composition = {};
          }
          revalidate();
        } else if constexpr (std::is_same_v<T, TextInput>) {
          input_text(i);
        } else if constexpr (std::is_same_v<T, Focus>) {
          move_focus(i.id);
          f.focus_ring = i.ring;
        } else if constexpr (std::is_same_v<T, PressKey>) {
          if (f.confirming && i.key == Key::escape) apply(EditAgain{});
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
            request_focus(FocusRequest::send);
          }
        } else if constexpr (std::is_same_v<T, LeaveField>) {
          leave_field(i.field);
        } else if constexpr (std::is_same_v<T, SendInvite>) {
          if (f.confirming) {
            f.confirming = false;
            request_focus(FocusRequest::create);  // the step's buttons are gone: focus stays in the widget
            submit();
          }
        } else if constexpr (std::is_same_v<T, EditAgain>) {
          if (f.confirming) {
            f.confirming = false;
            request_focus(FocusRequest::create);
          }
        } else if constexpr (std::is_same_v<T, PickName>) {
          f.form.full_name = fit(core::Field::full_name, i.full_name);  // the admin sends again from the form
          request_focus(FocusRequest::create);
          revalidate();
        } else if constexpr (std::is_same_v<T, InviteAnother>) {
          reset_form();
          request_focus(FocusRequest::email);
        } else if constexpr (std::is_same_v<T, CopyAdvanceNotice>) {
          copy_advance_notice();
        } else if constexpr (std::is_same_v<T, RequestPermission>) {
          if (client_ && client_->request_capabilities(state_.now)) state_.host.permission_refused = false;
        } else if constexpr (std::is_same_v<T, Resend>) {
          if (tracker_) tracker_->resend(i.request_id, state_.now);
        }
      },
      intent);
}

std::string App::fit(core::Field field, std::string text) {
  const std::size_t limit = max_bytes(field);
  if (text.size() <= limit) return text;
  std::size_t cut = limit;  // on a UTF-8 boundary, so that no half character is left behind
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text;
}

void App::input_text(const TextInput& input) {
  FormState& f = state_.form;
  std::string text = fit(input.field, input.text);
  const std::size_t size = text.size();
  const auto clamp = [size](Span s) { return Span{std::min(s.begin, size), std::min(s.end, size)}; };
  Span selection = clamp(input.selection);
  const Span composition = clamp(input.composition);
  // The phone number in libphonenumber's as-you-type format, while typing at the end and not
  // composing; the caret stays at the end. The platform writes the new text back to the control.
  const bool at_end = selection.begin == size && selection.end == size;
  if (input.field == core::Field::phone && at_end && composition.empty() && state_.phone_ready &&
      core::phone_ready()) {
    std::string formatted = core::format_phone_as_typed(text, state_.config.phone_region);
    if (formatted != text && formatted.size() <= max_bytes(input.field)) {
      text = std::move(formatted);
      selection = {text.size(), text.size()};
    }
  }
  if (text != core::text_of(f.form, input.field)) {
    core::set_text(f.form, input.field, std::move(text));
    revalidate();
  }
  // Autofill fills fields that have no focus: only the focused field has a caret to draw.
  if (f.focused == core::field_name(input.field)) {
    f.selection = selection;
    f.composition = composition;
  }
}

void App::leave_field(core::Field field) {
  FormState& f = state_.form;
  // A field left empty is not "left": the admin has not said anything there yet.
  if (!core::text_of(f.form, field).empty()) f.left.insert(field);
  // The number as libphonenumber formats it, also after an edit in the middle.
  if (field == core::Field::phone && core::phone_ready()) {
    std::string formatted = core::format_phone_as_typed(f.form.phone, state_.config.phone_region);
    if (formatted != f.form.phone) {
      f.form.phone = std::move(formatted);
      revalidate();
    }
  }
}

void App::move_focus(const std::string& id) {
  FormState& f = state_.form;
  if (f.focused == id) return;
  if (const auto left = text_field_named(f.focused)) leave_field(*left);
  f.focused = id;
  f.selection = {};
  f.composition = {};
  if (const auto field = text_field_named(id)) {
    const std::size_t end = core::text_of(f.form, *field).size();
    f.selection = {end, end};  // until the control reports where its caret is
  }
}

void App::request_focus(FocusRequest request) {
  // The app moves focus itself (the DOM layer follows), so the focus ring shows at once.
  state_.form.focus = request;
  switch (request) {
    case FocusRequest::none: return;
    case FocusRequest::send: move_focus("confirm.send"); break;
    case FocusRequest::create: move_focus("create"); break;
    case FocusRequest::email: move_focus(std::string(core::field_name(core::Field::email))); break;
  }
  state_.form.focus_ring = true;
}

bool App::activate(std::string_view id) {
  state_.now = clock_.now();
  for (const ControlView* control : controls_of(view_)) {
    if (control->id != id || !control->action) continue;
    // A greyed-out "Opprett" still answers: every error then shows, and why it is off.
    if (control->disabled && !std::holds_alternative<Submit>(*control->action)) return false;
    const Intent action = *control->action;  // the view is derived anew by apply()
    apply(action);
    refresh();
    return true;
  }
  return false;
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
    if (host.can_send) host.permission_refused = false;
    host.send_in_flight = tracker_->send_in_flight();
    host.submissions = tracker_->submissions();
  }
  view_ = derive_view(state_);
}

}  // namespace verji::app
