// The form (src/ui/form_view.cpp), drawn headlessly and driven through real ImGui input: the radios,
// the create button, errors once a field was left, the e-mail typo fix, the phone's as-you-type
// format, the flagged words of the welcome message.
#include "view_queries.h"
#include "widget_scene.h"

#include "verji/core/phone.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using json = nlohmann::json;
using verji::app::Config;
using verji::app::Connection;
using verji::app::ControlBox;
using verji::app::ControlRole;
using verji::core::Field;
using verji::test::all_notes;
using verji::test::box_of;
using verji::test::centre;
using verji::test::chosen_verification;
using verji::test::click;
using verji::test::click_at;
using verji::test::ConnectedWidget;
using verji::test::erase;
using verji::test::fill;
using verji::test::focus;
using verji::test::frame;
using verji::test::label_of;
using verji::test::notes_of;
using verji::test::press_enter;
using verji::test::press_escape;
using verji::test::Screen;
using verji::test::TestApp;
using verji::test::type;

TEST_CASE("radio buttons choose the verification channel and the user type", "[app][ui]") {
  Screen ui;
  TestApp app(Config{});
  frame(ui, app);
  // No phone number: e-mail is preselected.
  CHECK(ui.layout.find("verification=email")->checked);
  CHECK_FALSE(ui.layout.find("verification=sms")->checked);

  click_at(ui, app, centre(*ui.layout.find("verification=sms")));
  CHECK(app.form().verification == verji::core::Verification::sms);
  CHECK(app.form().verification_chosen);
  // The click is applied after the frame that saw it; the next frame draws the new state.
  frame(ui, app);
  CHECK(ui.layout.find("verification=sms")->checked);
  CHECK_FALSE(ui.layout.find("verification=email")->checked);
  // SMS without a number is an error, shown once there is something to point at (here: the choice).
  CHECK_FALSE(app.validation().sendable());

  click_at(ui, app, centre(*ui.layout.find("user_type=administrator")));
  CHECK(app.form().user_type == verji::core::UserType::administrator);
  CHECK(app.form().verification == verji::core::Verification::sms);
  frame(ui, app);
  // The administrator's cost notice appears under the choice.
  CHECK_FALSE(notes_of(app.view(), verji::core::Field::user_type).empty());
}

TEST_CASE("a valid mobile number preselects SMS until the admin chooses", "[app][phone]") {
  Screen ui;
  TestApp app(Config{});
  app.after_present();
  frame(ui, app);
  click_at(ui, app, centre(*box_of(ui, Field::phone)));
  type(ui, app, "41234567");
  frame(ui, app);
  frame(ui, app);
  CHECK(chosen_verification(app.view()) == verji::core::Verification::sms);
  CHECK(ui.layout.find("verification=sms")->checked);
  click_at(ui, app, centre(*ui.layout.find("verification=email")));
  frame(ui, app);
  CHECK(chosen_verification(app.view()) == verji::core::Verification::email);
}

TEST_CASE("with no Matrix client the create button stays off and says why", "[app][ui]") {
  Screen ui;
  TestApp app(Config{});
  frame(ui, app);
  const auto* create = ui.layout.find("create");
  REQUIRE(create != nullptr);
  CHECK(create->role == ControlRole::button);
  CHECK(create->disabled);
  CHECK(create->label == "Opprett");
  // A click on it is only a send attempt: every error shows, no confirm step opens.
  CHECK(all_notes(app.view()).empty());
  click_at(ui, app, centre(*create));
  frame(ui, app);
  CHECK_FALSE(app.view().confirm.open);
  CHECK(ui.layout.find("confirm.send") == nullptr);
  CHECK(ui.layout.find("create")->disabled);
  CHECK_FALSE(all_notes(app.view()).empty());
  CHECK(app.connection() == verji::app::Connection::standalone);
  const auto* notice = ui.layout.find("connection");
  REQUIRE(notice != nullptr);
  CHECK(notice->role == ControlRole::status);
  CHECK(notice->label.find("Forhåndsvisning") != std::string::npos);
}

TEST_CASE("a field's errors wait until it is left, then follow each keystroke", "[form]") {
  Screen ui(ImVec2(400.0f, 2000.0f));
  TestApp app(Config{});
  fill(ui, app, Field::email, "ola.nordmann");
  CHECK(ui.layout.find("email")->focused);
  CHECK_FALSE(app.validation().sendable());
  CHECK(notes_of(app.view(), Field::email).empty());  // still typing the first characters
  CHECK(ui.layout.find("email.note0") == nullptr);

  focus(ui, app, "full_name");  // Tab
  CHECK_FALSE(ui.layout.find("email")->focused);
  REQUIRE(notes_of(app.view(), Field::email).size() == 1);
  CHECK(label_of(ui, "email.note0") == notes_of(app.view(), Field::email)[0]);

  // Back in the field, the error follows the text live and goes when the address is whole.
  click(ui, app, "email");
  type(ui, app, "@firma");
  frame(ui, app);
  frame(ui, app);
  CHECK(ui.layout.find("email")->focused);
  CHECK(notes_of(app.view(), Field::email).size() == 1);
  type(ui, app, ".no");
  frame(ui, app);
  frame(ui, app);
  CHECK(app.form().email == "ola.nordmann@firma.no");
  CHECK(notes_of(app.view(), Field::email).empty());

  // Other fields keep their own state: the name was never left.
  fill(ui, app, Field::full_name, "Ola");
  CHECK(notes_of(app.view(), Field::full_name).empty());
  click(ui, app, "phone");  // a click elsewhere leaves it too
  CHECK_FALSE(notes_of(app.view(), Field::full_name).empty());
}

TEST_CASE("a send attempt shows every error, even in fields not visited", "[form]") {
  ConnectedWidget widget(ImVec2(400.0f, 2000.0f));
  auto& [ui, app, host] = widget;
  fill(ui, app, Field::email, "ola@");
  CHECK(notes_of(app.view(), Field::email).empty());
  CHECK(ui.layout.find("create")->disabled);
  click(ui, app, "create");  // the greyed-out button
  CHECK_FALSE(app.view().confirm.open);
  CHECK(notes_of(app.view(), Field::email).size() == 1);
  CHECK(notes_of(app.view(), Field::full_name).size() == 1);  // required
  CHECK_FALSE(label_of(ui, "create.hint").empty());
  host.pump();
  CHECK(host.sends() == 0);
}

TEST_CASE("the e-mail typo suggestion is accepted with one click", "[form]") {
  Screen ui(ImVec2(320.0f, 2000.0f));
  Config config;
  config.lang = verji::core::Lang::en;
  TestApp app(config);
  fill(ui, app, Field::email, "kari@gmial.com");
  // A warning, shown while typing, with its one-click fix under it.
  CHECK(label_of(ui, "email.note0") == "Did you mean kari@gmail.com?");
  const ControlBox* fix = ui.layout.find("email.suggestion");
  REQUIRE(fix != nullptr);
  CHECK(fix->role == verji::app::ControlRole::button);
  CHECK(fix->label == "Use it");
  CHECK(fix->min.y > ui.layout.find("email.note0")->min.y);
  click(ui, app, "email.suggestion");
  frame(ui, app);
  CHECK(app.form().email == "kari@gmail.com");
  CHECK(ui.layout.find("email.suggestion") == nullptr);
  CHECK(ui.layout.find("email.note0") == nullptr);
  CHECK(ui.layout.find("email")->focused == false);
}

TEST_CASE("the phone number is formatted as it is typed, with its country", "[form][phone]") {
  Screen ui(ImVec2(400.0f, 2000.0f));
  TestApp app(Config{});
  app.after_present();
  REQUIRE(verji::core::phone_ready());
  fill(ui, app, Field::phone, "4123");
  CHECK(app.form().phone == "412 3");
  type(ui, app, "4567");
  frame(ui, app);
  frame(ui, app);
  CHECK(app.form().phone == "412 34 567");
  CHECK(label_of(ui, "phone.country") == "Land: Norge (+47)");
  // A Swedish number typed internationally.
  click(ui, app, "phone");
  erase(ui, app, 12);
  CHECK(app.form().phone.empty());
  CHECK(ui.layout.find("phone.country") == nullptr);
  click(ui, app, "phone");
  type(ui, app, "+46701234567");
  frame(ui, app);
  frame(ui, app);
  CHECK(app.form().phone == "+46 70 123 45 67");
  CHECK(label_of(ui, "phone.country") == "Land: Sverige (+46)");
  // A letter typed by mistake is kept (and pointed at), not swallowed by the formatter.
  type(ui, app, "x");
  frame(ui, app);
  frame(ui, app);
  CHECK(app.form().phone == "+46 70 123 45 67x");
}

TEST_CASE("flagged words of the welcome message are highlighted where they are", "[form]") {
  Screen ui(ImVec2(300.0f, 2400.0f));
  TestApp app(Config{});
  const std::string message = "Hei! Passordet ditt er sommer2026, og kortnummeret 4111 1111 1111 1111.";
  fill(ui, app, Field::welcome_message, message);
  REQUIRE(app.form().welcome_message == message);
  std::vector<verji::core::Span> spans;
  for (const auto* finding : app.validation().for_field(Field::welcome_message)) {
    if (!finding->span.empty()) spans.push_back(finding->span);
  }
  REQUIRE(spans.size() >= 2);
  const ControlBox* field = ui.layout.find("welcome_message");
  REQUIRE(field != nullptr);
  for (std::size_t i = 0; i < spans.size(); ++i) {
    INFO("mark " << i);
    const ControlBox* mark = ui.layout.find("welcome_message.mark" + std::to_string(i));
    REQUIRE(mark != nullptr);
    CHECK(mark->label == message.substr(spans[i].begin, spans[i].end - spans[i].begin));
    CHECK(mark->min.y > field->max.y);  // drawn under the field, wrapped in the column
    CHECK(mark->min.x >= field->min.x);
    CHECK(mark->max.x <= field->max.x + 1.0f);
    CHECK(mark->max.x > mark->min.x);
  }
  CHECK(ui.layout.find("welcome_message.mark" + std::to_string(spans.size())) == nullptr);
}

TEST_CASE("the welcome message wraps in its field as it is typed, and the field grows to hold it", "[form]") {
  Screen ui(ImVec2(300.0f, 2400.0f));
  TestApp app(Config{});
  fill(ui, app, Field::welcome_message, "Velkommen!");
  const ControlBox* field = ui.layout.find("welcome_message");
  REQUIRE(field != nullptr);
  const float short_height = field->max.y - field->min.y;
  CHECK(field->wrap_width > 0.0f);
  CHECK(field->wrap_width < field->max.x - field->min.x);  // inside the frame's padding
  std::string longer =
      "Velkommen! Vi bruker Verji for kryptert kommunikasjon i tr\xC3\xA5"
      "d med GDPR.";
  for (int i = 0; i < 4; ++i) longer += " Vi ser frem til samarbeidet, og til det som kommer etter det.";
  type(ui, app, longer.substr(std::string("Velkommen!").size()));
  frame(ui, app);
  REQUIRE(app.form().welcome_message == longer);
  field = ui.layout.find("welcome_message");
  REQUIRE(field != nullptr);
  const float tall_height = field->max.y - field->min.y;
  CHECK(tall_height > short_height + 2.0f * field->line_height);  // more lines than the 5 em it starts with
  CHECK(field->max.x <= 300.0f);
  CHECK(ui.layout.find("welcome_message.whole") == nullptr);  // no copy under it: the field shows it all
  CHECK(ui.layout.find("welcome_message.mark0") == nullptr);  // nothing flagged
}
