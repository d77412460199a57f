#include "layout_json.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <string>

using nlohmann::json;
using verji::app::ControlBox;
using verji::app::ControlRole;
using verji::app::FrameLayout;
using verji::app::TextKind;
using verji::web::control_json;
using verji::web::css_px;
using verji::web::layout_json;
using verji::web::LayoutPublisher;

namespace {

ControlBox box(ControlRole role, std::string id, std::string label) {
  ControlBox c;
  c.role = role;
  c.id = std::move(id);
  c.label = std::move(label);
  c.min = {20.0f, 40.0f};
  c.max = {220.0f, 80.0f};
  return c;
}

FrameLayout form() {
  FrameLayout layout;
  ControlBox email = box(ControlRole::text_field, "email", "E-post");
  email.kind = TextKind::email;
  email.focused = true;
  layout.controls.push_back(email);
  ControlBox sms = box(ControlRole::radio, "verification=sms", "SMS");
  sms.checked = true;
  layout.controls.push_back(sms);
  layout.controls.push_back(box(ControlRole::button, "create", "Opprett"));
  return layout;
}

}  // namespace

TEST_CASE("each role's entry has its own shape: kind for text fields, checked for radios and check boxes",
          "[layout]") {
  ControlBox c = box(ControlRole::text_field, "phone", "Mobil");
  c.kind = TextKind::tel;
  c.checked = true;  // meaningless for a text field: not published
  CHECK(control_json(c, 2.0) == json::parse(R"({"id": "phone", "role": "textbox", "label": "Mobil",
      "x": 10.0, "y": 20.0, "width": 100.0, "height": 20.0, "focused": false, "disabled": false,
      "kind": "tel", "font": 0.0, "line": 0.0, "padX": 0.0, "padY": 0.0})"));

  c = box(ControlRole::radio, "verification=sms", "SMS");
  c.checked = true;
  c.kind = TextKind::email;  // meaningless for a radio: not published
  CHECK(control_json(c, 2.0) == json::parse(R"({"id": "verification=sms", "role": "radio", "label": "SMS",
      "x": 10.0, "y": 20.0, "width": 100.0, "height": 20.0, "focused": false, "disabled": false,
      "checked": true})"));

  c = box(ControlRole::checkbox, "confirm_warnings", "Send anyway");
  c.disabled = true;
  CHECK(control_json(c, 2.0) == json::parse(R"({"id": "confirm_warnings", "role": "checkbox",
      "label": "Send anyway", "x": 10.0, "y": 20.0, "width": 100.0, "height": 20.0, "focused": false,
      "disabled": true, "checked": false})"));

  c = box(ControlRole::button, "create", "Opprett");
  c.focused = true;
  CHECK(control_json(c, 2.0) == json::parse(R"({"id": "create", "role": "button", "label": "Opprett",
      "x": 10.0, "y": 20.0, "width": 100.0, "height": 20.0, "focused": true, "disabled": false})"));

  c = box(ControlRole::status, "submission=1", "Invitasjonen er sendt");
  CHECK(control_json(c, 2.0) == json::parse(R"({"id": "submission=1", "role": "status",
      "label": "Invitasjonen er sendt", "x": 10.0, "y": 20.0, "width": 100.0, "height": 20.0,
      "focused": false, "disabled": false})"));
}

TEST_CASE("what the DOM layer needs: names, states, descriptions, groups and the text's metrics",
          "[layout]") {
  ControlBox c = box(ControlRole::text_field, "email", "E-post");
  c.kind = TextKind::email;
  c.invalid = true;
  c.required = true;
  c.focus_request = true;
  c.description = "Invitasjonen sendes hit.\nMente du ola@gmail.com?";
  c.line_height = 30.0f;  // physical pixels at devicePixelRatio 2
  c.padding = {18.0f, 14.0f};
  const json field = control_json(c, 2.0, 0.8);
  CHECK(field["invalid"] == true);
  CHECK(field["required"] == true);
  CHECK(field["focus"] == true);
  CHECK(field["description"] == "Invitasjonen sendes hit.\nMente du ola@gmail.com?");
  CHECK(field["font"] == 12.0);  // 30 px tall / 2 x 0.8: the CSS size drawing the same glyphs
  CHECK(field["line"] == 15.0);
  CHECK(field["padX"] == 9.0);
  CHECK(field["padY"] == 7.0);
  CHECK_FALSE(field.contains("group"));

  c = box(ControlRole::radio, "user_type=standard", "Standard");
  c.group = "user_type";
  c.group_label = "Brukertype";
  const json radio = control_json(c, 1.0);
  CHECK(radio["group"] == "user_type");
  CHECK(radio["legend"] == "Brukertype");
  CHECK_FALSE(radio.contains("invalid"));  // absent when false
  CHECK_FALSE(radio.contains("description"));

  c = box(ControlRole::button, "confirm.send", "Send");
  c.submit = true;
  CHECK(control_json(c, 1.0)["submit"] == true);
  CHECK(control_json(box(ControlRole::heading, "title", "Inviter ny bruker"), 1.0)["role"] == "heading");
}

TEST_CASE("every text kind has its name", "[layout]") {
  const auto [kind, name] = GENERATE(table<TextKind, std::string>({{TextKind::email, "email"},
                                                                   {TextKind::name, "name"},
                                                                   {TextKind::tel, "tel"},
                                                                   {TextKind::multiline, "multiline"}}));
  ControlBox c = box(ControlRole::text_field, "field", "Field");
  c.kind = kind;
  CHECK(control_json(c, 1.0)["kind"] == name);
}

TEST_CASE("the page gets an array of the controls in the order drawn, as compact JSON text", "[layout]") {
  LayoutPublisher publisher;
  const auto text = publisher.publish(form(), 1.0);
  REQUIRE(text.has_value());
  CHECK(
      *text ==
      R"([{"disabled":false,"focused":true,"font":0.0,"height":40.0,"id":"email","kind":"email",)"
      R"("label":"E-post","line":0.0,"padX":0.0,"padY":0.0,"role":"textbox","width":200.0,"x":20.0,"y":40.0},)"
      R"({"checked":true,"disabled":false,"focused":false,"height":40.0,"id":"verification=sms",)"
      R"("label":"SMS","role":"radio","width":200.0,"x":20.0,"y":40.0},)"
      R"({"disabled":false,"focused":false,"height":40.0,"id":"create","label":"Opprett",)"
      R"("role":"button","width":200.0,"x":20.0,"y":40.0}])");
  CHECK(json::parse(*text) == layout_json(form(), 1.0));
  CHECK(layout_json(FrameLayout{}, 1.0) == json::array());
}

TEST_CASE("boxes are in CSS pixels rounded to 0.1, at fractional devicePixelRatios too", "[layout]") {
  CHECK(css_px(13.0f, 1.25) == 10.4);
  CHECK(css_px(17.0f, 1.25) == 13.6);
  CHECK(css_px(100.0f, 1.5) == 66.7);
  CHECK(css_px(50.0f, 2.625) == 19.0);  // 19.047...
  CHECK(css_px(56.0f, 2.625) == 21.3);  // 21.333...
  CHECK(css_px(1.0f, 3.0) == 0.3);
  CHECK(css_px(0.5f, 4.0) == 0.1);        // 0.125: half-way cases round away from zero
  CHECK(css_px(-7.0f, 1.5) == -4.7);      // a control scrolled above the canvas
  CHECK(css_px(123.456f, 0.0) == 123.5);  // no ratio yet: physical pixels as they are

  // The size is the rounded difference of the edges, not the difference of rounded edges.
  ControlBox c = box(ControlRole::button, "create", "Opprett");
  c.min = {13.0f, 17.0f};
  c.max = {113.0f, 57.0f};
  const json entry = control_json(c, 1.5);
  CHECK(entry["x"] == 8.7);        // 8.666...
  CHECK(entry["y"] == 11.3);       // 11.333...
  CHECK(entry["width"] == 66.7);   // 66.666..., though 75.3 - 8.7 = 66.6
  CHECK(entry["height"] == 26.7);  // 26.666...
}

TEST_CASE("a label with invalid UTF-8 is published with U+FFFD, never thrown on", "[layout]") {
  FrameLayout layout;
  layout.controls.push_back(box(ControlRole::status, "submission=a", "ok \xFF end"));
  LayoutPublisher publisher;
  const auto text = publisher.publish(layout, 1.0);
  REQUIRE(text.has_value());
  const json parsed = json::parse(*text);
  CHECK(parsed[0]["label"] == "ok \xEF\xBF\xBD end");
}

TEST_CASE("nothing is published while nothing changed", "[layout]") {
  LayoutPublisher publisher;
  REQUIRE(publisher.publish(form(), 2.0).has_value());
  CHECK_FALSE(publisher.publish(form(), 2.0).has_value());
  CHECK_FALSE(publisher.publish(form(), 2.0).has_value());

  SECTION("before anything was drawn") {
    LayoutPublisher fresh;
    CHECK_FALSE(fresh.publish(FrameLayout{}, 0.0).has_value());
  }
}

TEST_CASE("any change of a control publishes the layout again", "[layout]") {
  using Change = std::function<void(ControlBox&)>;
  const Change change = GENERATE(
      as<Change>{}, [](ControlBox& c) { c.role = ControlRole::checkbox; },
      [](ControlBox& c) { c.id = "verification=email"; }, [](ControlBox& c) { c.label = "Tekstmelding"; },
      [](ControlBox& c) { c.kind = TextKind::tel; },  // not in the JSON
      [](ControlBox& c) { c.min.x += 0.01f; }, [](ControlBox& c) { c.min.y -= 1.0f; },
      [](ControlBox& c) { c.max.x += 1.0f; }, [](ControlBox& c) { c.max.y += 1.0f; },
      [](ControlBox& c) { c.focused = true; }, [](ControlBox& c) { c.checked = false; },
      [](ControlBox& c) { c.disabled = true; },
      // What the DOM layer reads too.
      [](ControlBox& c) { c.focus_request = true; }, [](ControlBox& c) { c.invalid = true; },
      [](ControlBox& c) { c.required = true; }, [](ControlBox& c) { c.description = "Velg én"; },
      [](ControlBox& c) { c.group = "user_type"; }, [](ControlBox& c) { c.group_label = "Brukertype"; },
      [](ControlBox& c) { c.submit = true; }, [](ControlBox& c) { c.line_height = 15.0f; },
      [](ControlBox& c) { c.padding.x = 6.0f; }, [](ControlBox& c) { c.padding.y = 4.0f; });
  LayoutPublisher publisher;
  REQUIRE(publisher.publish(form(), 2.0).has_value());
  FrameLayout changed = form();
  change(changed.controls[1]);
  const auto text = publisher.publish(changed, 2.0);
  REQUIRE(text.has_value());
  CHECK(json::parse(*text) == layout_json(changed, 2.0));
  CHECK_FALSE(publisher.publish(changed, 2.0).has_value());
}

TEST_CASE("a control more, a control less, or none at all publishes the layout again", "[layout]") {
  LayoutPublisher publisher;
  REQUIRE(publisher.publish(form(), 1.0).has_value());
  FrameLayout more = form();
  more.controls.push_back(box(ControlRole::status, "submission=1", "Sendt"));
  CHECK(publisher.publish(more, 1.0).has_value());
  CHECK(publisher.publish(form(), 1.0).has_value());
  CHECK(publisher.publish(FrameLayout{}, 1.0) == std::optional<std::string>("[]"));
  CHECK_FALSE(publisher.publish(FrameLayout{}, 1.0).has_value());
}

TEST_CASE("a change of devicePixelRatio alone publishes the layout again, in the new CSS pixels",
          "[layout]") {
  LayoutPublisher publisher;
  REQUIRE(publisher.publish(form(), 1.0).has_value());
  const auto text = publisher.publish(form(), 2.0);
  REQUIRE(text.has_value());
  const json controls = json::parse(*text);
  CHECK(controls[0]["x"] == 10.0);
  CHECK(controls[0]["width"] == 100.0);
  CHECK_FALSE(publisher.publish(form(), 2.0).has_value());
  CHECK(publisher.publish(form(), 1.0).has_value());
}

TEST_CASE("a text field's font size is in CSS pixels at any ratio, and a new font ratio publishes again",
          "[layout]") {
  ControlBox c = box(ControlRole::text_field, "email", "E-post");
  c.line_height = 30.0f;
  c.padding = {9.0f, 6.0f};
  // No ratio yet (0): physical pixels as they are, as for the boxes; never a division by zero.
  const json none = control_json(c, 0.0, 0.8);
  CHECK(none["font"] == 24.0);
  CHECK(none["line"] == 30.0);
  CHECK(none["padX"] == 9.0);
  CHECK(control_json(c, 3.0, 0.8)["font"] == 8.0);
  CHECK(control_json(c, 2.0)["font"] == 15.0);  // ratio 1 by default

  FrameLayout layout;
  layout.controls.push_back(c);
  LayoutPublisher publisher;
  const auto first = publisher.publish(layout, 2.0);
  REQUIRE(first.has_value());
  CHECK(json::parse(*first)[0]["font"] == 15.0);
  publisher.set_font_ratio(0.8);  // the page's font is measured: the same boxes, a new font size
  const auto again = publisher.publish(layout, 2.0);
  REQUIRE(again.has_value());
  CHECK(json::parse(*again)[0]["font"] == 12.0);
  CHECK_FALSE(publisher.publish(layout, 2.0).has_value());
  publisher.set_font_ratio(0.8);  // the same ratio again: nothing new
  CHECK_FALSE(publisher.publish(layout, 2.0).has_value());
}
