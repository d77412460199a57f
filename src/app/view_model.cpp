// derive_view(): the form, the confirm step and the connection notice as the UI draws them, worded
// in the admin's language, from the app's state alone. The feed's cards are in feed_cards.cpp.
//
// [SECTION] Submitting: can_submit(), already_sent()
// [SECTION] The form
// [SECTION] The confirm step
// [SECTION] derive_view() and controls_of()
#include "verji/app/state.h"

#include "wording.h"

#include "verji/core/country.h"
#include "verji/core/i18n.h"

#include <string>
#include <utility>

namespace verji::app {
namespace {

using core::Field;
using core::Msg;

bool same_form(const core::InviteForm& a, const core::InviteForm& b) {
  return a.email == b.email && a.full_name == b.full_name && a.phone == b.phone &&
         a.verification == b.verification && a.verification_chosen == b.verification_chosen &&
         a.user_type == b.user_type && a.welcome_message == b.welcome_message;
}

Tone tone_of(core::Severity severity) {
  switch (severity) {
    case core::Severity::error: return Tone::error;
    case core::Severity::warning: return Tone::warning;
    case core::Severity::notice: return Tone::secondary;
  }
  return Tone::secondary;
}

ControlView button(std::string id, std::string label, Intent action, bool enabled = true) {
  ControlView c;
  c.id = std::move(id);
  c.role = ControlRole::button;
  c.label = std::move(label);
  c.disabled = !enabled;
  c.action = std::move(action);
  return c;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Submitting: can_submit(), already_sent()
// ---------------------------------------------------------------------------------------------

bool already_sent(const AppState& state) {
  const FormState& f = state.form;
  if (!f.submitted_form || !same_form(*f.submitted_form, f.form)) return false;
  for (const auto& s : state.host.submissions) {
    if (s.request_id != f.submitted_request) continue;
    // A request the bot or the host turned down may be tried again as it is (a new request).
    return s.state != core::SubmissionState::failed && s.state != core::SubmissionState::send_failed;
  }
  return true;  // handed over, not tracked (yet): as good as sent
}

bool can_submit(const AppState& state) {
  const FormState& f = state.form;
  const HostState& host = state.host;
  if (!f.validation.sendable() || host.connection != Connection::ready || !host.can_send) return false;
  if (host.send_in_flight || already_sent(state)) return false;
  return !f.validation.needs_confirmation() || f.confirmed_welcome == f.form.welcome_message;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] The form
// ---------------------------------------------------------------------------------------------

namespace {

// A field's findings as the form shows them: a text field's errors once the admin has left it with
// something in it, or after a send attempt (not while the first characters are typed, and an empty
// form is not wrong yet); then they follow every keystroke. Warnings and notices whenever they apply.
std::vector<Line> notes_for(const AppState& state, Field field) {
  const FormState& f = state.form;
  const core::Lang lang = state.config.lang;
  const bool text_field = field != Field::verification && field != Field::user_type;
  const bool left = f.left.count(field) > 0 && !core::text_of(f.form, field).empty();
  std::vector<Line> notes;
  for (const auto& finding : f.validation.findings) {
    if (finding.field != field) continue;
    if (finding.severity == core::Severity::error && text_field && !left && !f.submit_attempted) continue;
    if (finding.code == "phone.pending") continue;  // the phone's status line says it already
    notes.push_back({std::string(core::field_name(field)) + ".note" + std::to_string(notes.size()),
                     core::format(lang, finding.message, finding.args), tone_of(finding.severity)});
  }
  return notes;
}

// The errors among `notes`, one per line: the field's error text for a DOM mirror.
void set_error(ControlView& control, const std::vector<Line>& notes) {
  for (const auto& note : notes) {
    if (note.tone != Tone::error) continue;
    if (!control.error.empty()) control.error += '\n';
    control.error += note.text;
  }
  control.invalid = !control.error.empty();
}

TextFieldView text_field(const AppState& state, Field field, TextKind kind, Msg label, Msg hint,
                         std::string placeholder) {
  const core::Lang lang = state.config.lang;
  TextFieldView v;
  v.field = field;
  v.kind = kind;
  v.control.id = std::string(core::field_name(field));
  v.control.role = ControlRole::text_field;
  v.control.label = words(lang, label);
  v.control.help = words(lang, hint);
  v.control.value = core::text_of(state.form.form, field);
  v.placeholder = std::move(placeholder);
  v.max_bytes = static_cast<int>(max_bytes(field));
  v.notes = notes_for(state, field);
  if (state.form.focused == v.control.id) {
    const std::size_t size = v.control.value.size();
    const auto clamp = [size](Span s) { return Span{std::min(s.begin, size), std::min(s.end, size)}; };
    v.selection = clamp(state.form.selection);
    v.composition = clamp(state.form.composition);
  }
  set_error(v.control, v.notes);
  return v;
}

// "+47 412 34 567 · mobil", or "loading" while libphonenumber starts; empty when there is nothing to say
// (the finding under the field says what is wrong).
std::string phone_status(const AppState& state) {
  const core::Lang lang = state.config.lang;
  const core::Validation& validation = state.form.validation;
  if (core::is_blank(state.form.form.phone)) return {};
  // Never pay libphonenumber's start-up inside a frame; the app checks again once it is up.
  if (validation.phone_pending) return words(lang, Msg::phone_loading);
  const auto& n = validation.normalized;
  if (n.phone_e164.empty()) return {};
  std::string status = n.phone_international;
  Msg type = Msg::count_;
  switch (n.phone_type) {
    case core::PhoneType::mobile: type = Msg::phone_type_mobile; break;
    case core::PhoneType::fixed_line: type = Msg::phone_type_fixed_line; break;
    case core::PhoneType::fixed_line_or_mobile: type = Msg::phone_type_fixed_line_or_mobile; break;
    default: break;
  }
  if (type != Msg::count_) {
    status += " \xC2\xB7 ";  // middle dot
    status += core::tr(lang, type);
  }
  return status;
}

// "Land: Norge (+47)"; empty while the number is not valid.
std::string phone_country(const AppState& state) {
  const core::Lang lang = state.config.lang;
  const auto& n = state.form.validation.normalized;
  if (core::is_blank(state.form.form.phone) || state.form.validation.phone_pending || n.phone_e164.empty()) {
    return {};
  }
  const std::string country =
      core::country_label(lang, n.phone_region, core::calling_code_of(n.phone_international));
  return country.empty() ? std::string() : core::format(lang, Msg::phone_country, {{"country", country}});
}

ControlView radio(std::string id, std::string label, bool checked, Intent action) {
  ControlView c = button(std::move(id), std::move(label), std::move(action));
  c.role = ControlRole::radio;
  c.checked = checked;
  return c;
}

std::optional<ControlView> confirm_checkbox(const AppState& state) {
  const FormState& f = state.form;
  if (!f.validation.needs_confirmation()) return std::nullopt;
  const bool confirmed = f.confirmed_welcome == f.form.welcome_message;
  ControlView c = button("confirm_sensitive", words(state.config.lang, Msg::welcome_confirm_sensitive),
                         ConfirmSensitive{!confirmed});
  c.role = ControlRole::checkbox;
  c.checked = confirmed;
  c.required = true;
  return c;
}

// The connection, and what it allows: standalone, refused, waiting, or ready without permission.
void connection_notice(const AppState& state, FormSection& form) {
  const core::Lang lang = state.config.lang;
  const HostState& host = state.host;
  form.connection = {"connection", {}, Tone::secondary};
  switch (host.connection) {
    case Connection::standalone: form.connection.text = words(lang, Msg::connection_standalone); break;
    case Connection::refused:
      form.connection.text = host.refused_origin.empty() ? words(lang, Msg::connection_unconfigured)
                                                         : core::format(lang, Msg::connection_refused,
                                                                        {{"origin", host.refused_origin}});
      form.connection.tone = Tone::error;
      break;
    case Connection::connecting: form.connection.text = words(lang, Msg::widget_not_ready); break;
    case Connection::ready:
      if (!host.can_send) {
        form.connection.text = words(
            lang, host.permission_refused ? Msg::connection_permission_refused : Msg::connection_cannot_send);
        form.connection.tone = host.permission_refused ? Tone::error : Tone::warning;
        form.request_permission =
            button("request_permission", words(lang, Msg::action_request_permission), RequestPermission{});
      }
      break;
  }
}

FormSection derive_form(const AppState& state) {
  const core::Lang lang = state.config.lang;
  const FormState& f = state.form;
  const auto& n = f.validation.normalized;
  FormSection form;
  form.title = words(lang, Msg::form_title);
  form.intro = words(lang, Msg::form_intro);
  connection_notice(state, form);

  form.email = text_field(state, Field::email, TextKind::email, Msg::email_label, Msg::email_hint,
                          words(lang, Msg::email_placeholder));
  form.email.control.required = true;
  form.email.control.focus = f.focus == FocusRequest::email;  // "Invite another": the next address
  for (const auto& finding : f.validation.findings) {
    if (finding.code != "email.typo") continue;
    for (const auto& arg : finding.args) {
      if (arg.name != "suggestion") continue;
      // Shown once the typo finding itself shows (it is a warning: at once).
      form.email_suggestion = button("email.suggestion", words(lang, Msg::email_use_suggestion),
                                     EditText{Field::email, arg.value});
    }
  }

  form.full_name = text_field(state, Field::full_name, TextKind::name, Msg::full_name_label,
                              Msg::full_name_hint, words(lang, Msg::full_name_placeholder));
  form.full_name.control.required = true;
  if (!n.user_id.empty() || !n.username.empty()) {
    form.full_name.status.push_back(
        {"username",
         core::format(lang, Msg::username_preview, {{"user_id", n.user_id.empty() ? n.username : n.user_id}}),
         Tone::secondary});
  }

  form.phone = text_field(state, Field::phone, TextKind::tel, Msg::phone_label, Msg::phone_hint,
                          words(lang, Msg::phone_placeholder));
  form.phone.control.required = n.verification == core::Verification::sms;
  form.phone.status.push_back({"phone.status", phone_status(state), Tone::secondary});
  form.phone.status.push_back({"phone.country", phone_country(state), Tone::secondary});
  if (state.phone_ready) form.phone_format_region = state.config.phone_region;

  form.verification.id = "verification";
  form.verification.legend = words(lang, Msg::verification_label);
  form.verification.options = {
      radio("verification=sms", words(lang, Msg::verification_sms), n.verification == core::Verification::sms,
            ChooseVerification{core::Verification::sms}),
      radio("verification=email", words(lang, Msg::verification_email),
            n.verification == core::Verification::email, ChooseVerification{core::Verification::email})};
  form.verification.notes = notes_for(state, Field::verification);

  form.user_type.id = "user_type";
  form.user_type.legend = words(lang, Msg::user_type_label);
  form.user_type.options = {
      radio("user_type=standard", words(lang, Msg::user_type_standard),
            f.form.user_type == core::UserType::standard, ChooseUserType{core::UserType::standard}),
      radio("user_type=administrator", words(lang, Msg::user_type_administrator),
            f.form.user_type == core::UserType::administrator,
            ChooseUserType{core::UserType::administrator})};
  form.user_type.notes = notes_for(state, Field::user_type);

  form.welcome_message = text_field(state, Field::welcome_message, TextKind::multiline, Msg::welcome_label,
                                    Msg::welcome_hint, {});
  for (const auto& finding : f.validation.findings) {
    if (finding.field == Field::welcome_message && finding.severity != core::Severity::error &&
        !finding.span.empty() && finding.span.end <= f.form.welcome_message.size()) {
      form.welcome_marks.push_back({finding.span.begin, finding.span.end});
    }
  }
  form.welcome_marked_heading = words(lang, Msg::welcome_marked_heading);
  form.confirm_sensitive = confirm_checkbox(state);

  const bool sendable = can_submit(state);
  form.create = button("create", words(lang, Msg::create_button), Submit{}, sendable);
  form.create.focus = f.focus == FocusRequest::create;
  form.create_hint = {"create.hint", {}, Tone::error};
  if (f.submit_attempted && !f.validation.sendable() && !f.validation.phone_pending) {
    form.create_hint.text = words(lang, Msg::submit_fix_errors);
  } else if (state.host.connection == Connection::ready && !state.host.can_send) {
    form.create_hint.text = words(lang, Msg::connection_cannot_send);
  }
  return form;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] The confirm step
// ---------------------------------------------------------------------------------------------

ConfirmSection derive_confirm(const AppState& state) {
  const core::Lang lang = state.config.lang;
  const FormState& f = state.form;
  ConfirmSection step;
  if (!f.confirming) return step;
  step.open = true;
  step.scroll_to_top = f.focus == FocusRequest::send;
  step.title = words(lang, Msg::confirm_title);
  step.intro = words(lang, Msg::confirm_intro);
  // Exactly what the invite request carries: the normalised values, not the text as typed.
  const auto& n = f.validation.normalized;
  const std::string none = words(lang, Msg::confirm_none);
  const auto row = [&](Msg label, std::string value) {
    step.rows.push_back({words(lang, label), value.empty() ? none : std::move(value)});
  };
  row(Msg::confirm_email, n.email);
  row(Msg::confirm_full_name, n.full_name);
  row(Msg::confirm_username, n.user_id.empty() ? n.username : n.user_id);
  row(Msg::confirm_phone, n.phone_international);
  row(Msg::confirm_verification,
      words(lang,
            n.verification == core::Verification::sms ? Msg::verification_sms : Msg::verification_email));
  row(Msg::confirm_user_type,
      words(lang, f.form.user_type == core::UserType::administrator ? Msg::user_type_administrator
                                                                    : Msg::user_type_standard));
  row(Msg::confirm_welcome,
      f.form.welcome_message.empty()
          ? std::string()
          : core::format(lang, Msg::confirm_quoted, {{"text", f.form.welcome_message}}));
  step.warnings_heading = words(lang, Msg::confirm_warnings);
  for (const auto& finding : f.validation.findings) {
    if (!finding.needs_confirmation) continue;
    step.warnings.push_back({"confirm.warning" + std::to_string(step.warnings.size()),
                             core::format(lang, finding.message, finding.args), Tone::warning});
  }
  if (!step.warnings.empty()) step.confirm_sensitive = confirm_checkbox(state);
  step.send = button("confirm.send", words(lang, Msg::confirm_send), SendInvite{}, can_submit(state));
  step.send.focus = f.focus == FocusRequest::send;
  step.edit = button("confirm.edit", words(lang, Msg::confirm_edit), EditAgain{});
  step.keys_hint = words(lang, Msg::confirm_keys);
  return step;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] derive_view() and controls_of()
// ---------------------------------------------------------------------------------------------

namespace {

// Calls `visit` with every control of `view` that is drawn now, in the order the admin meets them.
template <typename View, typename Visit>
void visit_controls(View& view, Visit&& visit) {
  const auto add = [&visit](auto& c) {
    if (c) visit(*c);
  };
  if (view.confirm.open) {
    add(view.confirm.confirm_sensitive);
    visit(view.confirm.send);
    visit(view.confirm.edit);
  } else {
    auto& form = view.form;
    add(form.request_permission);
    visit(form.email.control);
    add(form.email_suggestion);
    visit(form.full_name.control);
    visit(form.phone.control);
    for (auto& option : form.verification.options) visit(option);
    for (auto& option : form.user_type.options) visit(option);
    visit(form.welcome_message.control);
    add(form.confirm_sensitive);
    visit(form.create);
  }
  for (auto& card : view.feed.cards) {
    for (auto& choice : card.alternatives) visit(choice);
    for (auto& action : card.actions) visit(action);
  }
  visit(view.feed.copy_notice);
}

}  // namespace

std::size_t max_bytes(Field field) noexcept {
  switch (field) {
    case Field::email: return 254;  // RFC 5321's limit on an address
    case Field::full_name: return 200;
    case Field::phone: return 40;
    case Field::welcome_message: return 4000;
    default: return 0;
  }
}

std::optional<Field> text_field_named(std::string_view id) noexcept {
  for (const Field field : kTextFields) {
    if (core::field_name(field) == id) return field;
  }
  return std::nullopt;
}

ViewModel derive_view(const AppState& state) {
  const core::Lang lang = state.config.lang;
  ViewModel view;
  view.lang = lang;
  view.form = derive_form(state);
  view.confirm = derive_confirm(state);
  FeedSection& feed = view.feed;
  feed.heading = words(lang, Msg::submissions_heading);
  feed.cards = derive_feed_cards(state);
  feed.copy_hint = words(lang, Msg::copy_notice_hint);
  feed.copy_notice = button("copy_notice", words(lang, Msg::action_copy_notice), CopyAdvanceNotice{});
  feed.copied = {"copy_notice.done", {}, Tone::success};
  if (state.form.copied_until >= 0 && state.now < state.form.copied_until) {
    feed.copied.text = words(lang, Msg::copy_notice_done);
  }
  if (!state.form.focused.empty()) {
    const bool ring = state.form.focus_ring || text_field_named(state.form.focused).has_value();
    visit_controls(view, [&](ControlView& c) { c.focused = ring && c.id == state.form.focused; });
  }
  return view;
}

std::vector<const ControlView*> controls_of(const ViewModel& view) {
  std::vector<const ControlView*> out;
  visit_controls(view, [&out](const ControlView& c) { out.push_back(&c); });
  return out;
}

}  // namespace verji::app
