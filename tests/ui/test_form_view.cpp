// The form and its confirm step, drawn headlessly and driven through real ImGui input: errors once
// a field was left, the e-mail typo fix, the phone's as-you-type format, the flagged words of the
// welcome message, and Opprett -> summary -> Enter/Escape.
#include "app_driver.h"
#include "headless.h"
#include "verji/app/app.h"
#include "verji/core/phone.h"
#include "verji/preview/player.h"
#include "verji/testing/fake_matrix_client.h"
#include "verji/ui/widgets.h"
#include "view_queries.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using verji::app::App;
using verji::app::Config;
using verji::app::ControlBox;
using verji::core::Field;
using verji::test::centre;
using verji::test::click_at;
using verji::test::frame;
using verji::test::label_of;
using verji::test::Screen;
using verji::test::TestApp;
using verji::testing::FakeMatrixClient;

namespace {

// The widget in the Administration room, its handshake done with every capability approved through
// the fake Matrix client (the designers' preview's room), on an ImGui display of `size`.
struct ConnectedWidget {
  explicit ConnectedWidget(ImVec2 size)
      : ui(size),
        app(verji::preview::config_for({}, verji::core::Lang::nb, verji::app::Theme::light)),
        host(app.clock(), verji::preview::port_of(app), verji::preview::room()) {
    app.after_present();
    host.connect(true);
  }
  Screen ui;
  TestApp app;
  FakeMatrixClient host;
};

void click(Screen& ui, App& app, std::string_view id) {
  // Far enough from the last click that ImGui sees no double click (which selects a word).
  for (int i = 0; i < 25; ++i) frame(ui, app);
  const ControlBox* box = ui.layout.find(id);
  REQUIRE(box != nullptr);
  click_at(ui, app, centre(*box));
  frame(ui, app);  // the click is applied after the frame that saw it: draw the result
}

// Presses and releases `key` as the web runner's keyboard would (ImGui 1.86 key map).
void press(Screen& ui, App& app, ImGuiKey key) {
  ImGuiIO& io = ImGui::GetIO();
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k;
  io.KeysDown[key] = true;
  frame(ui, app);
  io.KeysDown[key] = false;
  frame(ui, app);
  frame(ui, app);
}

void type_into(Screen& ui, App& app, Field field, std::string_view text) {
  click(ui, app, verji::core::field_name(field));
  ui.type(text);
  frame(ui, app);
  frame(ui, app);
}

std::vector<std::string> notes_of(const App& app, Field field) {
  return verji::test::notes_of(app.view(), field);
}

}  // namespace

TEST_CASE("a field's errors wait until it is left, then follow each keystroke", "[form]") {
  Screen ui(ImVec2(400.0f, 2000.0f));
  TestApp app(Config{});
  type_into(ui, app, Field::email, "ola.nordmann");
  CHECK(ui.layout.find("email")->focused);
  CHECK_FALSE(app.validation().sendable());
  CHECK(notes_of(app, Field::email).empty());  // still typing the first characters
  CHECK(ui.layout.find("email.note0") == nullptr);

  press(ui, app, ImGuiKey_Tab);
  CHECK_FALSE(ui.layout.find("email")->focused);
  REQUIRE(notes_of(app, Field::email).size() == 1);
  CHECK(label_of(ui, "email.note0") == notes_of(app, Field::email)[0]);

  // Back in the field, the error follows the text live and goes when the address is whole.
  click(ui, app, "email");
  ui.type("@firma");
  frame(ui, app);
  frame(ui, app);
  CHECK(ui.layout.find("email")->focused);
  CHECK(notes_of(app, Field::email).size() == 1);
  ui.type(".no");
  frame(ui, app);
  frame(ui, app);
  CHECK(app.form().email == "ola.nordmann@firma.no");
  CHECK(notes_of(app, Field::email).empty());

  // Other fields keep their own state: the name was never left.
  type_into(ui, app, Field::full_name, "Ola");
  CHECK(notes_of(app, Field::full_name).empty());
  click(ui, app, "phone");  // a click elsewhere leaves it too
  CHECK_FALSE(notes_of(app, Field::full_name).empty());
}

TEST_CASE("a send attempt shows every error, even in fields not visited", "[form]") {
  ConnectedWidget widget(ImVec2(400.0f, 2000.0f));
  auto& [ui, app, host] = widget;
  type_into(ui, app, Field::email, "ola@");
  CHECK(notes_of(app, Field::email).empty());
  CHECK(ui.layout.find("create")->disabled);
  click(ui, app, "create");  // the greyed-out button
  CHECK_FALSE(app.view().confirm.open);
  CHECK(notes_of(app, Field::email).size() == 1);
  CHECK(notes_of(app, Field::full_name).size() == 1);  // required
  CHECK_FALSE(label_of(ui, "create.hint").empty());
  host.pump();
  CHECK(host.sends() == 0);
}

TEST_CASE("the e-mail typo suggestion is accepted with one click", "[form]") {
  Screen ui(ImVec2(320.0f, 2000.0f));
  Config config;
  config.lang = verji::core::Lang::en;
  TestApp app(config);
  type_into(ui, app, Field::email, "kari@gmial.com");
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
  type_into(ui, app, Field::phone, "4123");
  CHECK(app.form().phone == "412 3");
  ui.type("4567");
  frame(ui, app);
  frame(ui, app);
  CHECK(app.form().phone == "412 34 567");
  CHECK(label_of(ui, "phone.country") == "Land: Norge (+47)");
  // A Swedish number typed internationally.
  click(ui, app, "phone");
  for (int i = 0; i < 12; ++i) press(ui, app, ImGuiKey_Backspace);
  CHECK(app.form().phone.empty());
  CHECK(ui.layout.find("phone.country") == nullptr);
  click(ui, app, "phone");
  ui.type("+46701234567");
  frame(ui, app);
  frame(ui, app);
  CHECK(app.form().phone == "+46 70 123 45 67");
  CHECK(label_of(ui, "phone.country") == "Land: Sverige (+46)");
  // A letter typed by mistake is kept (and pointed at), not swallowed by the formatter.
  ui.type("x");
  frame(ui, app);
  frame(ui, app);
  CHECK(app.form().phone == "+46 70 123 45 67x");
}

TEST_CASE("flagged words of the welcome message are highlighted where they are", "[form]") {
  Screen ui(ImVec2(300.0f, 2400.0f));
  TestApp app(Config{});
  const std::string message = "Hei! Passordet ditt er sommer2026, og kortnummeret 4111 1111 1111 1111.";
  type_into(ui, app, Field::welcome_message, message);
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

TEST_CASE("a welcome message too wide for the field is shown whole, wrapped, under it", "[form]") {
  Screen ui(ImVec2(300.0f, 2400.0f));
  TestApp app(Config{});
  type_into(ui, app, Field::welcome_message, "Velkommen!");
  CHECK(ui.layout.find("welcome_message.whole") == nullptr);  // the field shows it all
  const std::string longer =
      "Velkommen! Vi bruker Verji for kryptert kommunikasjon i tr\xC3\xA5"
      "d med GDPR, og ser frem til det.";
  ui.type(longer.substr(std::string("Velkommen!").size()));
  frame(ui, app);
  frame(ui, app);
  REQUIRE(app.form().welcome_message == longer);
  const ControlBox* field = ui.layout.find("welcome_message");
  const ControlBox* whole = ui.layout.find("welcome_message.whole");
  REQUIRE(field != nullptr);
  REQUIRE(whole != nullptr);
  CHECK(whole->label == longer);
  CHECK(whole->min.y > field->max.y);
  CHECK(whole->max.x <= field->max.x + 1.0f);         // wrapped in the column
  CHECK(whole->max.y - whole->min.y > 2.0f * 15.0f);  // on several lines
}

TEST_CASE("Opprett opens the confirm step; Escape goes back with everything kept", "[form][confirm]") {
  ConnectedWidget widget(ImVec2(320.0f, 2400.0f));
  auto& [ui, app, host] = widget;
  type_into(ui, app, Field::email, "  Ola.Nordmann@FIRMA.no ");
  type_into(ui, app, Field::full_name, "Ola   Nordmann");
  type_into(ui, app, Field::phone, "41234567");
  type_into(ui, app, Field::welcome_message, "Velkommen!");
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

  press(ui, app, ImGuiKey_Escape);
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
  press(ui, app, ImGuiKey_Enter);
  REQUIRE(app.view().confirm.open);
  CHECK(ui.layout.find("confirm.send")->focused);

  // "Edit" does what Escape does.
  click(ui, app, "confirm.edit");
  CHECK_FALSE(app.view().confirm.open);
  host.pump();
  CHECK(host.sends() == 0);
}

TEST_CASE("Enter in the confirm step sends the invitation exactly once", "[form][confirm]") {
  ConnectedWidget widget(ImVec2(400.0f, 2400.0f));
  auto& [ui, app, host] = widget;
  type_into(ui, app, Field::email, "kari@firma.no");
  type_into(ui, app, Field::full_name, "Kari Nordmann");
  click(ui, app, "create");
  REQUIRE(app.view().confirm.open);
  host.answer_next_send(FakeMatrixClient::SendAnswer::timeout);  // left unanswered: still on its way
  press(ui, app, ImGuiKey_Enter);
  host.pump();
  CHECK(host.sends() == 1);
  CHECK_FALSE(app.view().confirm.open);
  CHECK(ui.layout.find("create")->disabled);  // the unchanged form was sent
  // More Enters, and a click on the greyed-out button, send nothing more.
  press(ui, app, ImGuiKey_Enter);
  press(ui, app, ImGuiKey_Enter);
  click(ui, app, "create");
  host.pump();
  CHECK(host.sends() == 1);
  CHECK_FALSE(app.view().confirm.open);
}

TEST_CASE("sensitive-data warnings are shown again in the confirm step, with their check box",
          "[form][confirm]") {
  ConnectedWidget widget(ImVec2(400.0f, 2400.0f));
  auto& [ui, app, host] = widget;
  type_into(ui, app, Field::email, "kari@firma.no");
  type_into(ui, app, Field::full_name, "Kari Nordmann");
  type_into(ui, app, Field::welcome_message, "Passordet ditt er sommer2026");
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
  press(ui, app, ImGuiKey_Enter);
  host.pump();
  CHECK(host.sends() == 0);
  click(ui, app, "confirm_sensitive");
  click(ui, app, "confirm.send");
  host.pump();
  CHECK(host.sends() == 1);
}

TEST_CASE("wrapped text breaks at spaces and splits a word only when it cannot fit", "[form][wrap]") {
  Screen ui;
  const ImFont& font = *ui.fonts().body;
  const auto lines_of = [&](std::string_view text, float width) {
    std::vector<std::string> out;
    for (const auto& line : verji::ui::wrap_lines(font, text, width)) {
      const std::string piece(text.substr(line.begin, line.end - line.begin));
      CHECK(font.CalcTextSizeA(font.FontSize, FLT_MAX, 0.0f, piece.c_str()).x <= width);
      out.push_back(piece);
    }
    return out;
  };
  const std::string id = "@kari.nordmann:prod.verji.app";
  const float id_width = font.CalcTextSizeA(font.FontSize, FLT_MAX, 0.0f, id.c_str()).x;
  // The identifier fits on a line: it moves there whole, not cut at its dots.
  const auto fits = lines_of("Brukernavnet blir trolig " + id, id_width + 2.0f);
  REQUIRE(fits.size() >= 2);
  CHECK(fits.back() == id);
  // Too long for any line: split as late as possible, nothing lost.
  const auto split = lines_of(id, id_width * 0.6f);
  REQUIRE(split.size() == 2);
  CHECK(split[0] + split[1] == id);
  CHECK(split[0].size() > id.size() / 2);
  // Line breaks are kept, empty lines too; a UTF-8 character is never cut.
  CHECK(lines_of("a\n\nb", 500.0f) == std::vector<std::string>{"a", "", "b"});
  const auto letters = lines_of("æøåæøåæøå", font.FontSize * 1.2f);
  std::string joined;
  for (const auto& l : letters) joined += l;
  CHECK(joined == "æøåæøåæøå");
  CHECK(letters.size() >= 3);
}
