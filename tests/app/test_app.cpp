// The App on its own (src/app/app.cpp): intents change the state, the view follows, the clock and the
// clipboard are the ones it was given. No ImGui and no host: the app layer runs without either.
#include "app_fixture.h"
#include "verji/core/phone.h"
#include "view_queries.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using verji::app::Config;
using verji::app::Connection;
using verji::core::Field;
using verji::test::TestApp;

TEST_CASE("intents edit the form and the view follows at once", "[app]") {
  TestApp app(Config{});
  CHECK(app.connection() == Connection::standalone);
  app.dispatch(verji::app::EditText{Field::email, "ola@firma.no"});
  app.dispatch(verji::app::EditText{Field::full_name, "Ola Nordmann"});
  CHECK(app.form().email == "ola@firma.no");
  CHECK(app.view().form.email.control.value == "ola@firma.no");
  CHECK(app.view().form.full_name.status.at(0).text.find("olanordmann") != std::string::npos);
  app.dispatch(verji::app::ChooseUserType{verji::core::UserType::administrator});
  CHECK(app.form().user_type == verji::core::UserType::administrator);
  CHECK(app.view().form.user_type.options[1].checked);
  CHECK_FALSE(verji::test::notes_of(app.view(), Field::user_type).empty());  // the cost notice
  // Standalone: Opprett is a send attempt only.
  app.dispatch(verji::app::Submit{});
  CHECK_FALSE(app.view().confirm.open);
  CHECK(app.take_outbound().empty());
  CHECK_FALSE(app.next_deadline().has_value());
}

TEST_CASE("leaving the phone field formats the number, also after an edit in the middle", "[app][phone]") {
  TestApp app(Config{});
  app.after_present();
  REQUIRE(verji::core::phone_ready());
  app.dispatch(verji::app::EditText{Field::phone, "4123 4567"});
  app.dispatch(verji::app::LeaveField{Field::phone});
  CHECK(app.form().phone == "412 34 567");
  CHECK(verji::test::phone_status(app.view()) == "+47 412 34 567 · mobil");
  // Text that is not a phone number stays as typed, so the finding can point at it.
  app.dispatch(verji::app::EditText{Field::phone, "412x"});
  app.dispatch(verji::app::LeaveField{Field::phone});
  CHECK(app.form().phone == "412x");
}

TEST_CASE("a focus request lasts one frame", "[app]") {
  TestApp app(Config{});
  app.dispatch(verji::app::EditText{Field::email, "ola@firma.no"});
  CHECK_FALSE(app.handle_frame({}));  // nothing happened, nothing asked
  // Edit from a confirm step that is not open does nothing.
  CHECK(app.handle_frame({verji::app::EditAgain{}}));
  CHECK_FALSE(app.view().form.create.focus);
}

TEST_CASE("Copy advance notice writes the clipboard it was given, and the note ends at a deadline",
          "[app][feed]") {
  TestApp app(Config{});
  app.dispatch(verji::app::CopyAdvanceNotice{});
  CHECK(app.clipboard().writes() == 1);
  CHECK(app.clipboard().text().find("Verji") != std::string::npos);
  CHECK(app.view().feed.copied.text == "Kopiert");
  REQUIRE(app.next_deadline().has_value());
  CHECK(*app.next_deadline() == 1000 + 3000);
  CHECK_FALSE(app.animating());  // nothing moves: the idle loop sleeps until the deadline

  app.clock().set(3999);
  CHECK_FALSE(app.tick());
  CHECK_FALSE(app.view().feed.copied.text.empty());
  app.clock().set(4000);
  CHECK(app.tick());
  CHECK(app.view().feed.copied.text.empty());
  CHECK_FALSE(app.next_deadline().has_value());
}

TEST_CASE("a host the bridge refused: nothing is sent, and the form names it", "[app]") {
  TestApp app(verji::app::config_from_url("?widgetId=w&userId=%40ola%3Aprod.verji.app", ""));
  CHECK(app.connection() == Connection::connecting);
  app.refuse_host("https://evil.example");
  app.connect();
  CHECK(app.connection() == Connection::refused);
  CHECK(app.take_outbound().empty());
  CHECK_FALSE(app.on_host_message(
      R"({"api":"toWidget","widgetId":"w","requestId":"1","action":"capabilities","data":{}})"));
  CHECK(app.take_outbound().empty());
  CHECK(app.view().form.connection.text.find("https://evil.example") != std::string::npos);
}
