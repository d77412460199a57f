// derive_view() on hand-made app states (src/app/view_model.cpp): what the form, the confirm step
// and the connection notice show, and what each control tells a DOM mirror. No ImGui here: the view
// model is plain data.
#include "verji/app/state.h"
#include "verji/app/view_model.h"
#include "verji/core/validation.h"
#include "view_queries.h"

#include <catch2/catch.hpp>

#include <string>
#include <variant>
#include <vector>

using verji::app::AppState;
using verji::app::Connection;
using verji::app::ControlRole;
using verji::app::ControlView;
using verji::app::derive_view;
using verji::app::Tone;
using verji::app::ViewModel;
using verji::core::Field;

namespace {

// A state whose validation matches its form (as App keeps it), with the phone checked at once.
AppState with_form(verji::core::InviteForm form, Connection connection = Connection::ready) {
  AppState state;
  state.form.form = std::move(form);
  verji::core::ValidationOptions options;
  options.server_name = "prod.verji.app";
  state.form.validation = verji::core::validate(state.form.form, options);
  state.host.connection = connection;
  state.host.can_send = connection == Connection::ready;
  state.phone_ready = true;
  return state;
}

verji::core::InviteForm ola() {
  verji::core::InviteForm form;
  form.email = "ola.nordmann@firma.no";
  form.full_name = "Ola Nordmann";
  return form;
}

std::vector<std::string> ids(const ViewModel& view) {
  std::vector<std::string> out;
  for (const ControlView* c : verji::app::controls_of(view)) out.push_back(c->id);
  return out;
}

const ControlView* control(const ViewModel& view, const std::string& id) {
  for (const ControlView* c : verji::app::controls_of(view)) {
    if (c->id == id) return c;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("an empty form: every control in the seed article's order, each with what a DOM mirror needs",
          "[view_model]") {
  const ViewModel view = derive_view(AppState{});
  CHECK(ids(view) == std::vector<std::string>{"email", "full_name", "phone", "verification=sms",
                                              "verification=email", "user_type=standard",
                                              "user_type=administrator", "welcome_message", "create",
                                              "copy_notice"});
  const auto& email = view.form.email.control;
  CHECK(email.role == ControlRole::text_field);
  CHECK(email.label == "E-postadresse");
  CHECK(email.help == "Invitasjonen sendes hit. Sjekk at den er riktig.");
  CHECK(email.value.empty());
  CHECK(email.required);
  CHECK_FALSE(email.invalid);
  CHECK(email.error.empty());
  CHECK_FALSE(email.action.has_value());  // edits come as EditText, not as an action
  CHECK(view.form.email.kind == verji::app::TextKind::email);
  CHECK(view.form.email.placeholder == "f.eks. ola.nordmann@firma.no");
  CHECK(view.form.email.max_bytes == 254);
  CHECK(view.form.full_name.control.required);
  CHECK_FALSE(view.form.phone.control.required);  // optional while the code goes by e-mail
  CHECK_FALSE(view.form.welcome_message.control.required);
  CHECK(view.form.welcome_message.kind == verji::app::TextKind::multiline);

  // The radios carry the choice they make; the e-mail channel is preselected without a phone.
  REQUIRE(view.form.verification.options.size() == 2);
  CHECK(view.form.verification.legend == "Verifiseringskode via");
  CHECK_FALSE(view.form.verification.options[0].checked);
  CHECK(view.form.verification.options[1].checked);
  const auto& sms = view.form.verification.options[0];
  CHECK(sms.role == ControlRole::radio);
  REQUIRE(sms.action.has_value());
  CHECK(std::get<verji::app::ChooseVerification>(*sms.action).value == verji::core::Verification::sms);
  CHECK(view.form.user_type.options[0].checked);  // standard

  // Standalone: nothing can be sent, and the form says so.
  CHECK(view.form.create.disabled);
  REQUIRE(view.form.create.action.has_value());
  CHECK(std::holds_alternative<verji::app::Submit>(*view.form.create.action));
  CHECK(view.form.connection.id == "connection");
  CHECK(view.form.connection.text.find("Forhåndsvisning") != std::string::npos);
  CHECK_FALSE(view.form.request_permission.has_value());
  CHECK(view.feed.cards.empty());
  CHECK(view.feed.copied.text.empty());
  CHECK_FALSE(view.confirm.open);
}

TEST_CASE("a text field's errors show once it was left or a send was attempted", "[view_model]") {
  verji::core::InviteForm form;
  form.email = "ola.nordmann";
  AppState state = with_form(form);
  CHECK(verji::test::notes_of(derive_view(state), Field::email).empty());  // still typing
  CHECK_FALSE(derive_view(state).form.email.control.invalid);

  state.form.left.insert(Field::email);
  ViewModel view = derive_view(state);
  REQUIRE(view.form.email.notes.size() == 1);
  CHECK(view.form.email.notes[0].id == "email.note0");
  CHECK(view.form.email.notes[0].tone == Tone::error);
  CHECK(view.form.email.control.invalid);
  CHECK(view.form.email.control.error == view.form.email.notes[0].text);
  CHECK(verji::test::notes_of(view, Field::full_name).empty());  // never left, still empty

  // A send attempt shows the errors of every field, visited or not.
  state.form.left.clear();
  state.form.submit_attempted = true;
  view = derive_view(state);
  CHECK(view.form.email.control.invalid);
  CHECK(view.form.full_name.control.invalid);
  CHECK(view.form.create_hint.id == "create.hint");
  CHECK_FALSE(view.form.create_hint.text.empty());
  CHECK(view.form.create_hint.tone == Tone::error);
}

TEST_CASE("a sendable form in a room that allows it enables Opprett, once", "[view_model]") {
  AppState state = with_form(ola());
  REQUIRE(state.form.validation.sendable());
  CHECK_FALSE(derive_view(state).form.create.disabled);
  CHECK(verji::test::field_view(derive_view(state), Field::full_name).status.at(0).text ==
        "Brukernavnet blir trolig @olanordmann:prod.verji.app");

  SECTION("not while a send is in flight") {
    state.host.send_in_flight = true;
    CHECK(derive_view(state).form.create.disabled);
  }
  SECTION("not when the form as it is was sent and did not fail") {
    state.form.submitted_form = state.form.form;
    state.form.submitted_request = "r1";
    verji::core::Submission sent;
    sent.request_id = "r1";
    sent.state = verji::core::SubmissionState::processing;
    state.host.submissions = {sent};
    CHECK(derive_view(state).form.create.disabled);
    state.host.submissions[0].state = verji::core::SubmissionState::failed;
    CHECK_FALSE(derive_view(state).form.create.disabled);  // a failed one may go again
    state.form.form.full_name = "Ola Nordmann Berg";
    state.host.submissions[0].state = verji::core::SubmissionState::processing;
    state.form.validation = verji::core::validate(state.form.form, {});
    CHECK_FALSE(derive_view(state).form.create.disabled);  // changed since
  }
  SECTION("not while the host has not allowed sending; the form offers to ask again") {
    state.host.can_send = false;
    const ViewModel view = derive_view(state);
    CHECK(view.form.create.disabled);
    CHECK(view.form.connection.tone == Tone::warning);
    REQUIRE(view.form.request_permission.has_value());
    CHECK(std::holds_alternative<verji::app::RequestPermission>(*view.form.request_permission->action));
    CHECK(view.form.create_hint.text == view.form.connection.text);
  }
  SECTION("not before the handshake, nor for a refused host") {
    state.host.connection = Connection::connecting;
    CHECK(derive_view(state).form.create.disabled);
    CHECK(derive_view(state).form.connection.text == "Venter på Matrix-klienten …");
    state.host.connection = Connection::refused;
    state.host.refused_origin = "https://evil.example";
    const ViewModel view = derive_view(state);
    CHECK(view.form.create.disabled);
    CHECK(view.form.connection.tone == Tone::error);
    CHECK(view.form.connection.text.find("https://evil.example") != std::string::npos);
  }
}

TEST_CASE("sensitive data in the welcome message: marked, and confirmed before Opprett acts",
          "[view_model]") {
  auto form = ola();
  form.welcome_message = "Passordet ditt er sommer2026";
  AppState state = with_form(form);
  REQUIRE(state.form.validation.needs_confirmation());
  ViewModel view = derive_view(state);
  REQUIRE(view.form.confirm_sensitive.has_value());
  CHECK(view.form.confirm_sensitive->role == ControlRole::checkbox);
  CHECK_FALSE(view.form.confirm_sensitive->checked);
  CHECK(std::get<verji::app::ConfirmSensitive>(*view.form.confirm_sensitive->action).value);
  CHECK(view.form.create.disabled);
  CHECK_FALSE(view.form.welcome_marks.empty());
  for (const auto& mark : view.form.welcome_marks) CHECK(mark.end <= form.welcome_message.size());

  state.form.confirmed_welcome = form.welcome_message;
  view = derive_view(state);
  CHECK(view.form.confirm_sensitive->checked);
  CHECK_FALSE(std::get<verji::app::ConfirmSensitive>(*view.form.confirm_sensitive->action).value);  // unticks
  CHECK_FALSE(view.form.create.disabled);
}

TEST_CASE("the confirm step: what will be sent, and the focus on Send invitation", "[view_model]") {
  auto form = ola();
  form.phone = "412 34 567";
  AppState state = with_form(form);
  state.form.confirming = true;
  state.form.focus = verji::app::FocusRequest::send;
  ViewModel view = derive_view(state);
  REQUIRE(view.confirm.open);
  CHECK(view.confirm.scroll_to_top);
  CHECK(view.confirm.send.focus);
  CHECK_FALSE(view.confirm.send.disabled);
  CHECK(std::holds_alternative<verji::app::SendInvite>(*view.confirm.send.action));
  CHECK(std::holds_alternative<verji::app::EditAgain>(*view.confirm.edit.action));
  REQUIRE(view.confirm.rows.size() == 7);
  CHECK(view.confirm.rows[0].value == "ola.nordmann@firma.no");
  CHECK(view.confirm.rows[2].value == "@olanordmann:prod.verji.app");
  CHECK(view.confirm.rows[3].value == "+47 412 34 567");
  CHECK(view.confirm.rows[6].value == "ikke oppgitt");  // no welcome message
  // In place of the form: the form's controls are not drawn, the feed's are.
  CHECK(ids(view) == std::vector<std::string>{"confirm.send", "confirm.edit", "copy_notice"});

  state.form.focus = verji::app::FocusRequest::none;
  CHECK_FALSE(derive_view(state).confirm.send.focus);
  state.form.confirming = false;
  state.form.focus = verji::app::FocusRequest::create;
  CHECK(derive_view(state).form.create.focus);
}

TEST_CASE("the phone: its status, country and as-you-type region, and required for SMS", "[view_model]") {
  auto form = ola();
  form.phone = "41234567";
  AppState state = with_form(form);
  ViewModel view = derive_view(state);
  CHECK(verji::test::phone_status(view) == "+47 412 34 567 · mobil");
  CHECK(view.form.phone.status.at(1).id == "phone.country");
  CHECK(view.form.phone.status.at(1).text == "Land: Norge (+47)");
  CHECK(view.form.phone_format_region == "NO");
  CHECK(verji::test::chosen_verification(view) == verji::core::Verification::sms);  // a mobile: SMS
  CHECK(view.form.phone.control.required);
  state.phone_ready = false;
  CHECK(derive_view(state).form.phone_format_region.empty());  // never pay the start-up in a frame
}

TEST_CASE("the view is worded in the state's language, and the same state gives the same view",
          "[view_model]") {
  AppState state = with_form(ola());
  state.config.lang = verji::core::Lang::en;
  const ViewModel view = derive_view(state);
  CHECK(view.lang == verji::core::Lang::en);
  CHECK(view.form.email.control.label == "E-mail address");
  CHECK(view.form.create.label == "Create");
  CHECK(view.feed.copy_notice.label == "Copy advance notice");
  const ViewModel again = derive_view(state);
  CHECK(ids(again) == ids(view));
  CHECK(again.form.full_name.status.at(0).text == view.form.full_name.status.at(0).text);
}

TEST_CASE("the Copied note shows until its moment is over", "[view_model]") {
  AppState state;
  state.now = 10000;
  state.form.copied_until = 13000;
  CHECK(derive_view(state).feed.copied.text == "Kopiert");
  CHECK(derive_view(state).feed.copied.id == "copy_notice.done");
  state.now = 13000;
  CHECK(derive_view(state).feed.copied.text.empty());
}

TEST_CASE("the e-mail typo fix is a link that puts the suggestion in the field", "[view_model]") {
  auto form = ola();
  form.email = "ola@gmial.com";
  const ViewModel view = derive_view(with_form(form));
  REQUIRE(view.form.email_suggestion.has_value());
  CHECK(view.form.email_suggestion->label == "Bruk den");
  const auto& edit = std::get<verji::app::EditText>(*view.form.email_suggestion->action);
  CHECK(edit.field == Field::email);
  CHECK(edit.text == "ola@gmail.com");
  CHECK(control(view, "email.suggestion") != nullptr);
}
