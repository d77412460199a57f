// The confirm step (src/ui/confirm_view.cpp), drawn headlessly: Opprett -> summary -> Enter sends
// once, Escape goes back; sensitive-data warnings are confirmed again there.
#include "widget_scene.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using json = nlohmann::json;
using verji::app::ControlBox;
using verji::core::Field;
using verji::test::click;
using verji::test::ConnectedWidget;
using verji::test::erase;
using verji::test::fill;
using verji::test::focus;
using verji::test::frame;
using verji::test::label_of;
using verji::test::press_enter;
using verji::test::press_escape;
using verji::test::type;
using verji::testing::FakeMatrixClient;

TEST_CASE("Opprett opens the confirm step, and Escape goes back with everything kept", "[form][confirm]") {
  ConnectedWidget widget(ImVec2(320.0f, 2400.0f));
  auto& [ui, app, host] = widget;
  fill(ui, app, Field::email, "  Ola.Nordmann@FIRMA.no ");
  fill(ui, app, Field::full_name, "Ola   Nordmann");
  fill(ui, app, Field::phone, "41234567");
  fill(ui, app, Field::welcome_message, "Velkommen!");
  const verji::core::InviteForm before = app.form();
  REQUIRE_FALSE(ui.layout.find("create")->disabled);

  click(ui, app, "create");
  host.pump();
  CHECK(host.sends() == 0);  // nothing is sent yet
  REQUIRE(app.view().confirm.open);
  CHECK(ui.layout.find("create") == nullptr);
  CHECK(ui.layout.find("email") == nullptr);  // the summary stands in place of the form
  frame(ui, app);
  const ControlBox* send = ui.layout.find("confirm.send");
  REQUIRE(send != nullptr);
  CHECK(send->label == "Send invitasjon");
  CHECK_FALSE(send->disabled);
  CHECK(send->focused);  // keyboard focus went to "Send invitation"
  REQUIRE(ui.layout.find("confirm.edit") != nullptr);
  // The summary is what is sent: the normalised values.
  CHECK(label_of(ui, "confirm.summary") ==
        "E-post: Ola.Nordmann@firma.no\n"
        "Fullt navn: Ola Nordmann\n"
        "Brukernavn (trolig): @olanordmann:prod.verji.app\n"
        "Mobil: +47 412 34 567\n"
        "Verifiseringskode via: SMS\n"
        "Brukertype: Standard (klient)\n"
        "Velkomstmelding: «Velkommen!»");
  // Within a 320 px widget.
  CHECK(send->max.x <= 320.0f);
  CHECK(ui.layout.find("confirm.edit")->max.x <= 320.0f - 14.0f);

  press_escape(ui, app);
  CHECK_FALSE(app.view().confirm.open);
  CHECK(ui.layout.find("confirm.send") == nullptr);
  CHECK(app.form().email == before.email);
  CHECK(app.form().full_name == before.full_name);
  CHECK(app.form().phone == before.phone);
  CHECK(app.form().welcome_message == before.welcome_message);
  CHECK(ui.layout.find("create")->focused);  // back where the admin left
  host.pump();
  CHECK(host.sends() == 0);
  // Enter on the focused "Opprett" opens the step again: the keyboard round trip.
  press_enter(ui, app);
  REQUIRE(app.view().confirm.open);
  CHECK(ui.layout.find("confirm.send")->focused);

  // "Edit" does what Escape does.
  click(ui, app, "confirm.edit");
  CHECK_FALSE(app.view().confirm.open);
  host.pump();
  CHECK(host.sends() == 0);
}

TEST_CASE("Enter on the focused \"Send invitation\" sends the invitation exactly once", "[form][confirm]") {
  ConnectedWidget widget(ImVec2(400.0f, 2400.0f));
  auto& [ui, app, host] = widget;
  fill(ui, app, Field::email, "kari@firma.no");
  fill(ui, app, Field::full_name, "Kari Nordmann");
  click(ui, app, "create");
  REQUIRE(app.view().confirm.open);
  host.answer_next_send(FakeMatrixClient::SendAnswer::timeout);  // left unanswered: still on its way
  press_enter(ui, app);
  host.pump();
  CHECK(host.sends() == 1);
  CHECK_FALSE(app.view().confirm.open);
  CHECK(ui.layout.find("create")->disabled);  // the unchanged form was sent
  // More Enters, and a click on the greyed-out button, send nothing more.
  press_enter(ui, app);
  press_enter(ui, app);
  click(ui, app, "create");
  host.pump();
  CHECK(host.sends() == 1);
  CHECK_FALSE(app.view().confirm.open);
}

TEST_CASE("sensitive-data warnings are shown again in the confirm step, with their check box",
          "[form][confirm]") {
  ConnectedWidget widget(ImVec2(400.0f, 2400.0f));
  auto& [ui, app, host] = widget;
  fill(ui, app, Field::email, "kari@firma.no");
  fill(ui, app, Field::full_name, "Kari Nordmann");
  fill(ui, app, Field::welcome_message, "Passordet ditt er sommer2026");
  click(ui, app, "confirm_sensitive");
  click(ui, app, "create");
  REQUIRE(app.view().confirm.open);
  CHECK_FALSE(label_of(ui, "confirm.warning0").empty());
  REQUIRE(ui.layout.find("confirm_sensitive") != nullptr);
  CHECK(ui.layout.find("confirm_sensitive")->checked);
  // Unticking it there turns "Send invitation" off.
  click(ui, app, "confirm_sensitive");
  frame(ui, app);
  CHECK(ui.layout.find("confirm.send")->disabled);
  press_enter(ui, app);
  host.pump();
  CHECK(host.sends() == 0);
  click(ui, app, "confirm_sensitive");
  click(ui, app, "confirm.send");
  host.pump();
  CHECK(host.sends() == 1);
}
