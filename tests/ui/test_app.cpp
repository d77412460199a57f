// The app drawn headlessly: layout, typing through real ImGui input, the lazily started phone check.
#include "headless.h"
#include "verji/app/app.h"
#include "verji/core/phone.h"

#include <catch2/catch.hpp>

using verji::app::App;
using verji::app::Config;
using verji::core::Field;
using verji::test::HeadlessImGui;

namespace {

const verji::ui::FieldBox* box_of(const App& app, Field field) {
  for (const auto& box : app.layout().fields) {
    if (box.field == field) return &box;
  }
  return nullptr;
}

void click(HeadlessImGui& ui, App& app, ImVec2 at) {
  ui.mouse_move(at);
  ui.frame([&] { return app.frame(ui.fonts()); });
  ui.mouse_down(true);
  ui.frame([&] { return app.frame(ui.fonts()); });
  ui.mouse_down(false);
  ui.frame([&] { return app.frame(ui.fonts()); });
}

ImVec2 centre(const verji::ui::FieldBox& box) {
  return ImVec2((box.min.x + box.max.x) * 0.5f, (box.min.y + box.max.y) * 0.5f);
}

}  // namespace

TEST_CASE("the form draws its text fields in the seed article's order, inside the viewport", "[app]") {
  for (const float width : {280.0f, 400.0f, 1200.0f}) {
    INFO("width " << width);
    HeadlessImGui ui(ImVec2(width, 2000.0f));
    App app(Config{});
    ui.frame([&] { return app.frame(ui.fonts()); });
    const auto& fields = app.layout().fields;
    REQUIRE(fields.size() == 4);
    CHECK(fields[0].field == Field::email);
    CHECK(fields[1].field == Field::full_name);
    CHECK(fields[2].field == Field::phone);
    CHECK(fields[3].field == Field::welcome_message);
    for (std::size_t i = 0; i < fields.size(); ++i) {
      CHECK(fields[i].min.x >= 14.0f);  // at least about 1 em of margin
      CHECK(fields[i].max.x <= width - 14.0f);
      CHECK(fields[i].max.x - fields[i].min.x >= 8.0f * 15.0f - 1.0f);
      if (i > 0) CHECK(fields[i].min.y > fields[i - 1].max.y);
    }
    // Wide viewports keep a readable column, centred.
    if (width >= 1200.0f) {
      CHECK(fields[0].max.x - fields[0].min.x <= 34.0f * 15.0f + 1.0f);
      CHECK((fields[0].min.x + fields[0].max.x) * 0.5f == Approx(width * 0.5f).margin(2.0f));
    }
  }
}

TEST_CASE("typing into a field goes through ImGui into the app's form", "[app]") {
  HeadlessImGui ui;
  App app(Config{});
  ui.frame([&] { return app.frame(ui.fonts()); });
  const auto* email = box_of(app, Field::email);
  REQUIRE(email != nullptr);
  click(ui, app, centre(*email));
  REQUIRE(box_of(app, Field::email)->focused);
  ui.type("ola@døme.no");
  CHECK(ui.frame([&] { return app.frame(ui.fonts()); }));
  CHECK(app.form().email == "ola@døme.no");
  CHECK(app.form().full_name.empty());
}

TEST_CASE("the phone check never starts inside a frame and answers after the first present", "[app][phone]") {
  HeadlessImGui ui;
  App app(Config{});
  ui.frame([&] { return app.frame(ui.fonts()); });
  const auto* phone = box_of(app, Field::phone);
  REQUIRE(phone != nullptr);
  click(ui, app, centre(*phone));
  ui.type("41234567");
  ui.frame([&] { return app.frame(ui.fonts()); });
  CHECK(app.form().phone == "41234567");

  if (!verji::core::phone_ready()) {
    CHECK(app.view_model().phone_status == "Laster telefonnummerkontroll …");
    CHECK(app.after_present());
    CHECK(app.phone_startup_ms() > 0.0);
  }
  CHECK(verji::core::phone_ready());
  CHECK_FALSE(app.after_present());
  CHECK(app.view_model().phone_status == "+47 412 34 567 · mobil");
  CHECK_FALSE(app.view_model().phone_status_is_error);
}

TEST_CASE("configuration comes from the widget URL", "[app][url]") {
  const auto c = verji::app::config_from_url("?widgetId=x&theme=dark", "#lang=en-GB&phone_region=se");
  CHECK(c.theme == verji::ui::Theme::dark);
  CHECK(c.lang == verji::core::Lang::en);
  CHECK(c.phone_region == "SE");
  const auto d = verji::app::config_from_url("?theme=Verji_light&phone_region=Norway", "");
  CHECK(d.theme == verji::ui::Theme::light);
  CHECK(d.lang == verji::core::Lang::nb);
  CHECK(d.phone_region == "NO");
}

TEST_CASE("English labels follow the configured language", "[app][i18n]") {
  HeadlessImGui ui;
  Config config;
  config.lang = verji::core::Lang::en;
  App app(config);
  app.after_present();
  ui.frame([&] { return app.frame(ui.fonts()); });
  click(ui, app, centre(*box_of(app, Field::phone)));
  ui.type("22222222");
  ui.frame([&] { return app.frame(ui.fonts()); });
  CHECK(app.view_model().phone_status == "+47 22 22 22 22 · landline");
}

TEST_CASE("text fields cut input at their limit on a UTF-8 boundary", "[app][ui]") {
  HeadlessImGui ui;
  App app(Config{});
  ui.frame([&] { return app.frame(ui.fonts()); });
  click(ui, app, centre(*box_of(app, Field::full_name)));
  // The full name holds at most 200 bytes: "a" + 150 x "ø" (301 bytes) ends in the middle of the
  // 100th "ø", which must go whole.
  std::string typed = "a";
  for (int i = 0; i < 150; ++i) typed += "ø";
  ui.type(typed);
  ui.frame([&] { return app.frame(ui.fonts()); });
  CHECK(app.form().full_name.size() == 199);
  CHECK(app.form().full_name == typed.substr(0, 199));
}
