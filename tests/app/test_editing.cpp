// Editing through the page's native controls, as the app sees it (src/app/app.cpp): TextInput
// (the control's text, selection and composition after each input), Focus, the app moving focus
// itself, App::activate() (a DOM click or change) and Escape. No ImGui and no page.
#include "app_fixture.h"
#include "verji/app/state.h"
#include "verji/core/phone.h"
#include "view_queries.h"

#include <catch2/catch.hpp>

#include <string>

using json = nlohmann::json;
using verji::app::Config;
using verji::app::Focus;
using verji::app::Span;
using verji::app::TextInput;
using verji::core::Field;
using verji::test::notes_of;
using verji::test::TestApp;

namespace {

bool same(Span a, Span b) { return a.begin == b.begin && a.end == b.end; }

// The widget in the Administration room, its handshake done with every capability approved: a
// send goes through (the fake client answers what it posts when pumped).
struct HostedApp {
  explicit HostedApp(bool send_approved = true)
      : app(verji::app::config_from_url(
            "?widgetId=invite_1&userId=%40ola%3Aprod.verji.app&roomId=%21adm%3Aprod.verji.app", "")),
        host(app.clock(), port(), verji::testing::FakeRoom::prod_admin_room("invite_1")) {
    host.connect(send_approved);
  }
  verji::testing::WidgetPort port() {
    verji::testing::WidgetPort p;
    p.start = [this] { app.connect(); };
    p.receive = [this](std::string_view text) { app.on_host_message(text); };
    p.take_outbound = [this] { return app.take_outbound(); };
    p.tick = [this] { app.tick(); };
    p.next_deadline = [this] { return app.next_deadline(); };
    return p;
  }
  // A sendable form, typed into its fields as the page reports it.
  void fill() {
    for (const auto& [field, text] : {std::pair<Field, std::string>{Field::email, "kari@firma.no"},
                                      {Field::full_name, "Kari Nordmann"}}) {
      app.dispatch(Focus{std::string(verji::core::field_name(field))});
      app.dispatch(TextInput{field, text, {text.size(), text.size()}, {}});
    }
  }
  TestApp app;
  verji::testing::FakeMatrixClient host;
};

}  // namespace

TEST_CASE("TextInput stores the focused field's text, selection and composition", "[app][editing]") {
  TestApp app(Config{});
  app.dispatch(Focus{"email"});
  CHECK(app.state().form.focused == "email");
  CHECK(app.view().form.email.control.focused);
  app.dispatch(TextInput{Field::email, "ola@", {4, 4}, {}});
  CHECK(app.form().email == "ola@");
  CHECK(same(app.state().form.selection, {4, 4}));
  CHECK(same(app.view().form.email.selection, {4, 4}));
  CHECK(app.view().form.email.composition.empty());

  // An IME composing "か" (3 bytes) after the "@": shown underlined, kept as the control has it.
  app.dispatch(TextInput{Field::email, "ola@\xE3\x81\x8B", {7, 7}, {4, 7}});
  CHECK(app.form().email == "ola@\xE3\x81\x8B");
  CHECK(same(app.view().form.email.composition, {4, 7}));
  // A selection made backwards keeps its direction (the caret is at `end`); offsets past the text
  // are clamped to it.
  app.dispatch(TextInput{Field::email, "ola@firma.no", {12, 4}, {}});
  CHECK(same(app.view().form.email.selection, {12, 4}));
  CHECK(app.view().form.email.composition.empty());
  app.dispatch(TextInput{Field::email, "ola@firma.no", {3, 99}, {}});
  CHECK(same(app.view().form.email.selection, {3, 12}));
}

TEST_CASE("autofill into fields without focus changes their values, and draws no caret there",
          "[app][editing]") {
  TestApp app(Config{});
  app.dispatch(Focus{"email"});
  app.dispatch(TextInput{Field::email, "ola@firma.no", {12, 12}, {}});
  // The browser fills the name and the number at once; focus stays in the e-mail field.
  app.dispatch(TextInput{Field::full_name, "Ola Nordmann", {12, 12}, {}});
  app.dispatch(TextInput{Field::phone, "41234567", {8, 8}, {}});
  CHECK(app.form().full_name == "Ola Nordmann");
  // As filled, or in libphonenumber's format when an earlier test in this process started it (under
  // node every test shares one): never lost either way.
  CHECK((app.form().phone == "41234567" || app.form().phone == "412 34 567"));
  CHECK(app.view().form.full_name.status.at(0).text.find("olanordmann") != std::string::npos);
  CHECK(app.state().form.focused == "email");
  CHECK(same(app.state().form.selection, {12, 12}));  // the e-mail field's caret
  CHECK_FALSE(app.view().form.full_name.control.focused);
  CHECK(app.view().form.full_name.selection.empty());
  CHECK(app.view().form.full_name.selection.begin == 0);
  CHECK_FALSE(app.view().form.phone.control.focused);
  // Autofill is not the admin leaving a field: no errors show yet.
  app.dispatch(TextInput{Field::phone, "4x", {2, 2}, {}});
  CHECK(notes_of(app.view(), Field::phone).empty());
}

TEST_CASE("text is cut at the field's limit on a UTF-8 boundary", "[app][editing]") {
  CHECK(verji::app::max_bytes(Field::email) == 254);
  CHECK(verji::app::max_bytes(Field::full_name) == 200);
  CHECK(verji::app::max_bytes(Field::phone) == 40);
  CHECK(verji::app::max_bytes(Field::welcome_message) == 4000);
  TestApp app(Config{});
  app.dispatch(Focus{"full_name"});
  // "a" + 150 x "ø" is 301 bytes; byte 200 is the middle of the 100th "ø", which goes whole.
  std::string name = "a";
  for (int i = 0; i < 150; ++i) name += "\xC3\xB8";
  app.dispatch(TextInput{Field::full_name, name, {name.size(), name.size()}, {}});
  CHECK(app.form().full_name == name.substr(0, 199));
  CHECK(same(app.state().form.selection, {199, 199}));  // the caret at the end of what is kept
  // Exactly at the limit nothing is cut; one-click fixes and picked names are cut too.
  const std::string fits(200, 'b');
  app.dispatch(TextInput{Field::full_name, fits, {200, 200}, {}});
  CHECK(app.form().full_name == fits);
  app.dispatch(verji::app::PickName{name});
  CHECK(app.form().full_name == name.substr(0, 199));
  app.dispatch(verji::app::EditText{Field::phone, std::string(41, '4')});
  CHECK(app.form().phone.size() == 40);
  // Four-byte characters (outside the BMP) are not split either.
  std::string emoji;
  for (int i = 0; i < 60; ++i) emoji += "\xF0\x9F\x91\x8B";  // 240 bytes
  app.dispatch(Focus{"full_name"});
  app.dispatch(TextInput{Field::full_name, emoji, {240, 240}, {}});
  CHECK(app.form().full_name.size() == 200);
  CHECK(app.form().full_name == emoji.substr(0, 200));
  emoji = "a" + emoji;  // now byte 200 is inside the 50th emoji
  app.dispatch(TextInput{Field::full_name, emoji, {241, 241}, {}});
  CHECK(app.form().full_name == emoji.substr(0, 197));
}

TEST_CASE("the phone number is formatted as it is typed at the end, not while composing or in the middle",
          "[app][editing][phone]") {
  TestApp app(Config{});
  app.after_present();
  REQUIRE(verji::core::phone_ready());
  app.dispatch(Focus{"phone"});
  for (const char digit : std::string("4123")) {
    std::string text(app.form().phone);
    text += digit;
    app.dispatch(TextInput{Field::phone, text, {text.size(), text.size()}, {}});
  }
  CHECK(app.form().phone == "412 3");
  CHECK(same(app.state().form.selection, {5, 5}));  // the caret stays at the end
  // While an IME composes (a phone keypad may), the text stays as the control has it.
  app.dispatch(TextInput{Field::phone, "412 34", {6, 6}, {5, 6}});
  CHECK(app.form().phone == "412 34");
  CHECK(same(app.state().form.composition, {5, 6}));
  // The composition ends: formatted.
  app.dispatch(TextInput{Field::phone, "412 345", {7, 7}, {}});
  CHECK(app.form().phone == "412 34 5");
  app.dispatch(TextInput{Field::phone, "412 34 56", {9, 9}, {}});
  CHECK(app.form().phone == "412 34 56");
  // A digit put in with the caret in the middle: the text stays as it is, the caret where it is...
  app.dispatch(TextInput{Field::phone, "412 374 56", {6, 6}, {}});
  CHECK(app.form().phone == "412 374 56");
  CHECK(same(app.state().form.selection, {6, 6}));
  // ...and is formatted when the admin leaves the field.
  app.dispatch(Focus{"verification=sms", false});
  CHECK(app.form().phone == "412 37 456");
}

TEST_CASE("focus leaving a text field is leaving it: its errors show from then on", "[app][editing]") {
  TestApp app(Config{});
  app.dispatch(Focus{"email"});
  app.dispatch(TextInput{Field::email, "ola.nordmann", {12, 12}, {}});
  CHECK(notes_of(app.view(), Field::email).empty());  // still typing the first characters
  app.dispatch(Focus{"email"});                       // focus again where it is: nothing changes
  CHECK(same(app.state().form.selection, {12, 12}));
  CHECK(notes_of(app.view(), Field::email).empty());
  app.dispatch(Focus{"full_name"});
  CHECK(app.state().form.focused == "full_name");
  CHECK_FALSE(app.view().form.email.control.focused);
  REQUIRE(notes_of(app.view(), Field::email).size() == 1);
  CHECK(app.view().form.email.control.invalid);
  // A field left empty was not "left": the admin has said nothing there yet.
  app.dispatch(Focus{""});  // out of the widget
  CHECK(app.state().form.focused.empty());
  CHECK(notes_of(app.view(), Field::full_name).empty());
  // The caret goes to the end of a field that gets focus, until its control says where it is.
  app.dispatch(Focus{"email"});
  CHECK(same(app.state().form.selection, {12, 12}));
}

TEST_CASE("leaving the phone field formats the number", "[app][editing][phone]") {
  TestApp app(Config{});
  app.after_present();
  app.dispatch(Focus{"phone"});
  app.dispatch(TextInput{Field::phone, "4123 4567", {2, 2}, {}});  // the caret in the middle
  CHECK(app.form().phone == "4123 4567");
  app.dispatch(Focus{"welcome_message"});
  CHECK(app.form().phone == "412 34 567");
  CHECK(verji::test::phone_status(app.view()) == "+47 412 34 567 · mobil");
}

TEST_CASE("a focus ring shows for a text field always, for a button only when the browser shows one",
          "[app][editing]") {
  TestApp app(Config{});
  app.dispatch(Focus{"create", false});  // clicked with the mouse
  CHECK(app.state().form.focused == "create");
  CHECK_FALSE(app.view().form.create.focused);
  app.dispatch(Focus{"create", true});  // reached with Tab
  CHECK(app.view().form.create.focused);
  app.dispatch(Focus{"full_name", false});  // a tap
  CHECK(app.view().form.full_name.control.focused);
  CHECK_FALSE(app.view().form.create.focused);
}

TEST_CASE("the app moves focus itself: Send invitation, back to Opprett, the e-mail field",
          "[app][editing][host]") {
  HostedApp widget;
  auto& app = widget.app;
  widget.fill();
  REQUIRE_FALSE(app.view().form.create.disabled);

  app.dispatch(verji::app::Submit{});
  REQUIRE(app.view().confirm.open);
  CHECK(app.state().form.focused == "confirm.send");
  CHECK(app.view().confirm.send.focused);  // at once, with its ring
  CHECK(app.view().confirm.send.focus);    // and the page is asked to move it there
  CHECK(app.handle_frame({}));             // the frame that drew the request
  CHECK_FALSE(app.view().confirm.send.focus);
  CHECK(app.view().confirm.send.focused);  // the focus stays

  app.dispatch(verji::app::EditAgain{});
  CHECK_FALSE(app.view().confirm.open);
  CHECK(app.state().form.focused == "create");
  CHECK(app.view().form.create.focused);
  CHECK(app.view().form.create.focus);
  CHECK(app.form().email == "kari@firma.no");  // nothing lost

  app.dispatch(verji::app::PickName{"Kari N. Nordmann"});
  CHECK(app.state().form.focused == "create");

  app.dispatch(verji::app::Submit{});
  app.dispatch(verji::app::SendInvite{});
  widget.host.pump();
  CHECK(widget.host.sends() == 1);
  CHECK(app.state().form.focused == "create");  // the step's buttons are gone: focus stays in the widget

  app.dispatch(verji::app::InviteAnother{});
  CHECK(app.form().email.empty());
  CHECK(app.state().form.focused == "email");
  CHECK(app.view().form.email.control.focused);
  CHECK(app.view().form.email.control.focus);  // the page moves its focus to the e-mail field
  CHECK(same(app.state().form.selection, {0, 0}));
}

TEST_CASE("activate() does what a click on the control does, and nothing for an unknown or disabled one",
          "[app][editing]") {
  TestApp app(Config{});
  CHECK_FALSE(app.activate("nope"));
  CHECK_FALSE(app.activate("confirm.send"));  // not in the view: the confirm step is not open
  CHECK_FALSE(app.activate("email"));         // a text field has no action
  CHECK(app.activate("verification=sms"));
  CHECK(app.form().verification == verji::core::Verification::sms);
  CHECK(app.activate("user_type=administrator"));
  CHECK(app.form().user_type == verji::core::UserType::administrator);

  // The greyed-out "Opprett" (no Matrix client here) still answers: every error shows, and why.
  REQUIRE(app.view().form.create.disabled);
  CHECK_FALSE(verji::test::all_notes(app.view()).empty());  // the administrator's cost notice
  CHECK(notes_of(app.view(), Field::email).empty());
  CHECK(app.activate("create"));
  CHECK_FALSE(app.view().confirm.open);
  CHECK(notes_of(app.view(), Field::email).size() == 1);
  CHECK(notes_of(app.view(), Field::full_name).size() == 1);
  CHECK(app.view().form.email.control.invalid);
  CHECK_FALSE(app.view().form.create_hint.text.empty());
}

TEST_CASE("activating Send invitation twice posts once, and a disabled one posts nothing",
          "[app][editing][host]") {
  HostedApp widget;
  auto& [app, host] = widget;
  widget.fill();
  app.dispatch(Focus{"welcome_message"});
  app.dispatch(TextInput{Field::welcome_message, "Passordet ditt er sommer2026", {28, 28}, {}});
  CHECK(app.activate("confirm_sensitive"));
  CHECK(app.activate("create"));
  REQUIRE(app.view().confirm.open);
  CHECK(app.activate("confirm_sensitive"));  // unticked in the step: "Send invitation" is off
  REQUIRE(app.view().confirm.send.disabled);
  CHECK_FALSE(app.activate("confirm.send"));
  host.pump();
  CHECK(host.sends() == 0);
  CHECK(app.view().confirm.open);

  CHECK(app.activate("confirm_sensitive"));
  host.answer_next_send(verji::testing::FakeMatrixClient::SendAnswer::timeout);  // still on its way
  CHECK(app.activate("confirm.send"));
  CHECK_FALSE(app.activate("confirm.send"));  // the step is closed
  CHECK(app.activate("create"));              // greyed out now (the unchanged form was sent): an attempt only
  host.pump();
  CHECK(host.sends() == 1);
  CHECK_FALSE(app.view().confirm.open);
}

TEST_CASE("Escape leaves the confirm step with everything kept, and does nothing on the form",
          "[app][editing][host]") {
  HostedApp widget;
  auto& app = widget.app;
  widget.fill();
  app.dispatch(verji::app::PressKey{verji::app::Key::escape});  // on the form: nothing to leave
  CHECK(app.form().email == "kari@firma.no");
  CHECK_FALSE(app.view().confirm.open);
  app.dispatch(verji::app::Submit{});
  REQUIRE(app.view().confirm.open);
  app.dispatch(verji::app::PressKey{verji::app::Key::escape});
  CHECK_FALSE(app.view().confirm.open);
  CHECK(app.form().email == "kari@firma.no");
  CHECK(app.form().full_name == "Kari Nordmann");
  CHECK(app.state().form.focused == "create");  // back where the admin left
  widget.host.pump();
  CHECK(widget.host.sends() == 0);
}

TEST_CASE("asking again for permission to send, and the host saying no again, is told to the admin",
          "[app][host]") {
  HostedApp widget(false);
  auto& [app, host] = widget;
  REQUIRE(app.view().form.request_permission.has_value());
  const std::string first_notice = app.view().form.connection.text;
  CHECK(app.view().form.connection.tone == verji::app::Tone::warning);

  CHECK(app.activate("request_permission"));
  host.pump();  // acknowledged with {}: the decision comes as notify_capabilities
  CHECK(app.view().form.connection.text == first_notice);
  host.request("notify_capabilities",
               {{"requested", {verji::core::kCapSendText}}, {"approved", {verji::core::kCapRequiresClient}}});
  app.tick();
  const std::string refused = app.view().form.connection.text;
  CHECK(refused != first_notice);
  CHECK(refused.find("denne gangen heller") != std::string::npos);
  CHECK(app.view().form.connection.tone == verji::app::Tone::error);
  REQUIRE(app.view().form.request_permission.has_value());  // may ask once more

  // Asking once more: the notice is the plain one again while the host decides...
  CHECK(app.activate("request_permission"));
  CHECK(app.view().form.connection.text == first_notice);
  host.pump();
  // ...and granted: no notice, and Opprett may act.
  host.request("notify_capabilities",
               {{"requested", json::array()}, {"approved", verji::core::requested_capabilities()}});
  app.tick();
  CHECK(app.view().form.connection.text.empty());
  CHECK_FALSE(app.view().form.request_permission.has_value());
  widget.fill();
  CHECK_FALSE(app.view().form.create.disabled);
}
