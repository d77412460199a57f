// The app drawn headlessly: layout, typing through real ImGui input, the lazily started phone check.
#include "app_driver.h"
#include "headless.h"
#include "verji/app/app.h"
#include "verji/core/phone.h"
#include "view_queries.h"

#include <catch2/catch.hpp>

using verji::app::App;
using verji::app::Config;
using verji::core::Field;
using verji::test::all_notes;
using verji::test::centre;
using verji::test::chosen_verification;
using verji::test::click_at;
using verji::test::frame;
using verji::test::notes_of;
using verji::test::phone_status;
using verji::test::Screen;
using verji::test::TestApp;

namespace {

using verji::app::ControlBox;
using verji::app::ControlRole;

const ControlBox* box_of(const Screen& ui, Field field) {
  return ui.layout.find(verji::core::field_name(field));
}

std::vector<const ControlBox*> text_fields(const Screen& ui) {
  std::vector<const ControlBox*> out;
  for (const auto& c : ui.layout.controls) {
    if (c.role == ControlRole::text_field) out.push_back(&c);
  }
  return out;
}

}  // namespace

TEST_CASE("the form draws its controls in the seed article's order, inside the viewport", "[app]") {
  for (const float width : {280.0f, 400.0f, 1200.0f}) {
    INFO("width " << width);
    Screen ui(ImVec2(width, 2000.0f));
    TestApp app(Config{});
    frame(ui, app);
    const auto fields = text_fields(ui);
    REQUIRE(fields.size() == 4);
    CHECK(fields[0]->id == "email");
    CHECK(fields[1]->id == "full_name");
    CHECK(fields[2]->id == "phone");
    CHECK(fields[3]->id == "welcome_message");
    CHECK(fields[0]->label == "E-postadresse");
    for (std::size_t i = 0; i < fields.size(); ++i) {
      CHECK(fields[i]->min.x >= 14.0f);  // at least about 1 em of margin
      CHECK(fields[i]->max.x <= width - 14.0f);
      CHECK(fields[i]->max.x - fields[i]->min.x >= 8.0f * 15.0f - 1.0f);
      if (i > 0) CHECK(fields[i]->min.y > fields[i - 1]->max.y);
    }
    // Wide viewports keep a readable column, centred.
    if (width >= 1200.0f) {
      CHECK(fields[0]->max.x - fields[0]->min.x <= 34.0f * 15.0f + 1.0f);
      CHECK((fields[0]->min.x + fields[0]->max.x) * 0.5f == Approx(width * 0.5f).margin(2.0f));
    }
    // Then the choices and the button, in the seed article's order.
    std::vector<std::string> others;
    for (const auto& c : ui.layout.controls) {
      if (c.role != ControlRole::text_field && c.role != ControlRole::status) others.push_back(c.id);
    }
    CHECK(others == std::vector<std::string>{"verification=sms", "verification=email", "user_type=standard",
                                             "user_type=administrator", "create", "copy_notice"});
  }
}

TEST_CASE("typing into a field goes through ImGui into the app's form", "[app]") {
  Screen ui;
  TestApp app(Config{});
  frame(ui, app);
  const auto* email = box_of(ui, Field::email);
  REQUIRE(email != nullptr);
  click_at(ui, app, centre(*email));
  REQUIRE(box_of(ui, Field::email)->focused);
  ui.type("ola@døme.no");
  CHECK(frame(ui, app));
  CHECK(app.form().email == "ola@døme.no");
  CHECK(app.form().full_name.empty());
}

TEST_CASE("the phone check never starts inside a frame and answers after the first present", "[app][phone]") {
  Screen ui;
  TestApp app(Config{});
  frame(ui, app);
  const auto* phone = box_of(ui, Field::phone);
  REQUIRE(phone != nullptr);
  click_at(ui, app, centre(*phone));
  ui.type("41234567");
  frame(ui, app);
  // As typed, or already in libphonenumber's format when an earlier test started it.
  CHECK((app.form().phone == "41234567" || app.form().phone == "412 34 567"));

  if (!verji::core::phone_ready()) {
    CHECK(phone_status(app.view()) == "Laster telefonnummerkontroll …");
    CHECK(app.after_present());
    CHECK(app.phone_startup_ms() > 0.0);
  }
  CHECK(verji::core::phone_ready());
  CHECK_FALSE(app.after_present());
  CHECK(phone_status(app.view()) == "+47 412 34 567 · mobil");
  CHECK(app.view().form.phone.status[0].tone != verji::app::Tone::error);
}

TEST_CASE("English labels follow the configured language", "[app][i18n]") {
  Screen ui;
  Config config;
  config.lang = verji::core::Lang::en;
  TestApp app(config);
  app.after_present();
  frame(ui, app);
  click_at(ui, app, centre(*box_of(ui, Field::phone)));
  ui.type("22222222");
  frame(ui, app);
  CHECK(phone_status(app.view()) == "+47 22 22 22 22 · landline");
}

TEST_CASE("text fields cut input at their limit on a UTF-8 boundary", "[app][ui]") {
  Screen ui;
  TestApp app(Config{});
  frame(ui, app);
  click_at(ui, app, centre(*box_of(ui, Field::full_name)));
  // The full name holds at most 200 bytes: "a" + 150 x "ø" (301 bytes) ends in the middle of the
  // 100th "ø", which must go whole.
  std::string typed = "a";
  for (int i = 0; i < 150; ++i) typed += "ø";
  ui.type(typed);
  frame(ui, app);
  CHECK(app.form().full_name.size() == 199);
  CHECK(app.form().full_name == typed.substr(0, 199));
}

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
  ui.type("41234567");
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
