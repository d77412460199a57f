// The whole widget drawn headlessly (src/ui/widget_view.cpp) and driven as an admin would: through
// real ImGui input, standalone or inside a fake Matrix client speaking the Widget API as the JS
// bridge would (JSON text in, JSON text out).
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
using verji::test::bot_reply;
using verji::test::box_of;
using verji::test::centre;
using verji::test::click;
using verji::test::click_at;
using verji::test::fill;
using verji::test::frame;
using verji::test::hosted_config;
using verji::test::HostedWidget;
using verji::test::invite_ola;
using verji::test::kAdmin;
using verji::test::kBot;
using verji::test::label_of;
using verji::test::phone_status;
using verji::test::request_id_of;
using verji::test::Screen;
using verji::test::TestApp;
using verji::test::text_fields;
using verji::testing::FakeMatrixClient;

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
      const bool text = c.role == ControlRole::status || c.role == ControlRole::heading;
      if (c.role != ControlRole::text_field && !text) others.push_back(c.id);
    }
    CHECK(others == std::vector<std::string>{"verification=sms", "verification=email", "user_type=standard",
                                             "user_type=administrator", "create", "copy_notice"});
  }
}

TEST_CASE("typing into a field's native control reaches the app's form", "[app]") {
  Screen ui;
  TestApp app(Config{});
  frame(ui, app);
  const auto* email = box_of(ui, Field::email);
  REQUIRE(email != nullptr);
  click_at(ui, app, centre(*email));  // focuses it (on the page its native control takes the click)
  frame(ui, app);
  REQUIRE(box_of(ui, Field::email)->focused);
  type(ui, app, "ola@døme.no");
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
  type(ui, app, "41234567");
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
  type(ui, app, "22222222");
  frame(ui, app);
  CHECK(phone_status(app.view()) == "+47 22 22 22 22 · landline");
}

TEST_CASE("an invitation is posted once and follows the CompanyBot to success", "[app][host]") {
  Screen ui(ImVec2(420.0f, 2400.0f));
  TestApp app(hosted_config());
  app.after_present();
  FakeMatrixClient host(app.clock(), verji::preview::port_of(app), verji::test::admin_room());
  CHECK(app.connection() == Connection::connecting);
  host.handshake(verji::core::requested_capabilities());
  REQUIRE(app.connection() == Connection::ready);

  frame(ui, app);
  CHECK(ui.layout.find("create")->disabled);  // the form is empty
  fill(ui, app, Field::email, "kari.nordmann@firma.no");
  fill(ui, app, Field::full_name, "Kari Nordmann");
  fill(ui, app, Field::phone, "412 34 567");
  frame(ui, app);
  CHECK(label_of(ui, "username") == "Brukernavnet blir trolig @karinordmann:prod.verji.app");
  REQUIRE_FALSE(ui.layout.find("create")->disabled);

  click(ui, app, "create");
  click(ui, app, "confirm.send");
  auto sends = (host.outbound(), host.requests("send_event"));
  REQUIRE(sends.size() == 1);
  const json& data = sends[0]["data"];
  CHECK(data["type"] == "m.room.message");
  CHECK_FALSE(data.contains("room_id"));
  const json& block = data["content"]["app.verji.invite"];
  CHECK(block["email"] == "kari.nordmann@firma.no");
  CHECK(block["phone"] == "+4741234567");
  CHECK(block["verification"] == "sms");
  const std::string request_id = block["request_id"];

  // A second click on the unchanged form sends nothing: the button is off.
  frame(ui, app);
  CHECK(ui.layout.find("create")->disabled);
  click(ui, app, "create");
  host.outbound();
  CHECK(host.requests("send_event").size() == 1);

  // Our echo arrives before the send_event response, as it may in Element.
  host.post(kAdmin, data["content"], "$invite");
  host.respond(sends[0], {{"room_id", "!adm:prod.verji.app"}, {"event_id", "$invite"}});
  frame(ui, app);
  const std::string entry = "submission=" + request_id;
  CHECK(label_of(ui, entry) == "Sendt – venter på CompanyBot");

  host.post(kBot, {{"msgtype", "m.notice"}, {"body", "Processing, please wait..."}}, "$p");
  frame(ui, app);
  CHECK(label_of(ui, entry) == "Behandler …");
  // A "Success" from someone else is not the bot's.
  host.post("@mallory:prod.verji.app", {{"msgtype", "m.text"}, {"body", "Success"}}, "$m");
  frame(ui, app);
  CHECK(label_of(ui, entry) == "Behandler …");
  host.post(kBot, {{"msgtype", "m.notice"}, {"body", "Success"}}, "$s");
  frame(ui, app);
  CHECK(label_of(ui, entry).rfind("Opprettet", 0) == 0);
  host.outbound();
  CHECK(host.requests("send_event").size() == 1);
}

TEST_CASE("a taken username is shown, and a renamed invitation is a new request", "[app][host]") {
  HostedWidget widget;
  auto& [ui, app, host] = widget;
  const json first = invite_ola(widget, "$i1");
  host.post(kBot, bot_reply("$i1", "UserID 'olanordmann' is already occupied"), "$t");
  frame(ui, app);
  const std::string id1 = request_id_of(first);
  CHECK(label_of(ui, "submission=" + id1) == "Brukernavnet olanordmann er opptatt");
  CHECK(label_of(ui, "submission=" + id1 + ".detail").rfind("Endre navnet", 0) == 0);

  // The admin changes the name and sends again: a new request with its own id.
  CHECK(ui.layout.find("create")->disabled);
  fill(ui, app, Field::full_name, " Berg");  // the caret is at the end of "Ola Nordmann"
  CHECK(app.form().full_name == "Ola Nordmann Berg");
  frame(ui, app);  // the edit is applied after the frame that saw it
  REQUIRE_FALSE(ui.layout.find("create")->disabled);
  click(ui, app, "create");
  click(ui, app, "confirm.send");
  auto both = (host.outbound(), host.requests("send_event"));
  REQUIRE(both.size() == 2);
  const std::string id2 = request_id_of(both[1]);
  CHECK(id2 != id1);
  CHECK(both[1]["data"]["content"]["app.verji.invite"]["username_hint"] == "olanordmannberg");
}

TEST_CASE("host theme and language changes apply live", "[app][host]") {
  Screen ui;
  TestApp app(hosted_config());
  FakeMatrixClient host(app.clock(), verji::preview::port_of(app), verji::test::admin_room());
  host.handshake(verji::core::requested_capabilities());
  CHECK(app.config().theme == verji::app::Theme::light);
  auto r = host.request("theme_change", {{"name", "dark"}});
  CHECK(app.config().theme == verji::app::Theme::dark);
  host.request("language_change", {{"lang", "en-GB"}});
  frame(ui, app);
  CHECK(ui.layout.find("email")->label == "E-mail address");
  // Both requests were answered.
  int answered = 0;
  for (const auto& m : host.outbound()) answered += m.contains("response") ? 1 : 0;
  CHECK(answered == 2);
}

TEST_CASE("a denied send capability is explained and can be asked for again", "[app][host]") {
  Screen ui;
  TestApp app(hosted_config());
  FakeMatrixClient host(app.clock(), verji::preview::port_of(app), verji::test::admin_room());
  host.handshake({"io.element.requires_client"});
  frame(ui, app);
  CHECK(label_of(ui, "connection").find("ikke gitt skjemaet lov") != std::string::npos);
  click(ui, app, "request_permission");
  host.outbound();
  CHECK(host.requests("org.matrix.msc2974.request_capabilities").size() == 1);
}

TEST_CASE("a host the bridge refused is named, and nothing can be sent", "[app][host]") {
  Screen ui;
  TestApp app(hosted_config());
  app.refuse_host("https://evil.example");
  app.connect();
  frame(ui, app);
  CHECK(app.connection() == Connection::refused);
  CHECK(label_of(ui, "connection").find("https://evil.example") != std::string::npos);
  CHECK(ui.layout.find("create")->disabled);
  CHECK(app.take_outbound().empty());
}

TEST_CASE("sensitive data in the welcome message must be confirmed before sending", "[app][host]") {
  HostedWidget widget;
  auto& [ui, app, host] = widget;
  fill(ui, app, Field::email, "ola@firma.no");
  fill(ui, app, Field::full_name, "Ola Nordmann");
  fill(ui, app, Field::welcome_message, "Passordet ditt er sommer2026");
  frame(ui, app);
  REQUIRE(app.validation().needs_confirmation());
  CHECK(ui.layout.find("create")->disabled);
  const ControlBox* confirm = ui.layout.find("confirm_sensitive");
  REQUIRE(confirm != nullptr);
  CHECK_FALSE(confirm->checked);

  click(ui, app, "confirm_sensitive");
  frame(ui, app);
  CHECK(ui.layout.find("confirm_sensitive")->checked);
  CHECK_FALSE(ui.layout.find("create")->disabled);

  // Changing the message asks again.
  fill(ui, app, Field::welcome_message, "!");
  frame(ui, app);
  CHECK_FALSE(ui.layout.find("confirm_sensitive")->checked);
  CHECK(ui.layout.find("create")->disabled);
  click(ui, app, "confirm_sensitive");
  click(ui, app, "create");
  click(ui, app, "confirm.send");
  host.outbound();
  REQUIRE(host.requests("send_event").size() == 1);
  CHECK(host.requests("send_event")[0]["data"]["content"]["app.verji.invite"]["welcome_message"] ==
        "Passordet ditt er sommer2026!");
}

TEST_CASE("a failed invitation can be sent again as it is, as a new request", "[app][host]") {
  HostedWidget widget;
  auto& [ui, app, host] = widget;
  invite_ola(widget, "$i1");
  frame(ui, app);
  CHECK(ui.layout.find("create")->disabled);  // sent, waiting for the bot
  host.post(kBot, bot_reply("$i1", "Failed: the licence allows no more users"), "$f");
  frame(ui, app);
  CHECK_FALSE(ui.layout.find("create")->disabled);
  click(ui, app, "create");
  click(ui, app, "confirm.send");
  auto both = (host.outbound(), host.requests("send_event"));
  REQUIRE(both.size() == 2);
  CHECK(request_id_of(both[1]) != request_id_of(both[0]));
}

TEST_CASE("a page with no allowed hosts configured says who must fix it", "[app][host]") {
  Screen ui;
  TestApp app(hosted_config());
  app.refuse_host("");
  frame(ui, app);
  CHECK(label_of(ui, "connection").find("VERJI_ALLOWED_ORIGINS") != std::string::npos);
}
