// The app inside a Matrix client: a scripted host speaks the widget API to App as the JS bridge
// would (JSON text in, JSON text out), and the form is driven through real ImGui input.
#include "headless.h"
#include "verji/app/app.h"
#include "verji/core/phone.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using json = nlohmann::json;
using verji::app::App;
using verji::app::Config;
using verji::app::Connection;
using verji::core::Field;
using verji::test::HeadlessImGui;
using verji::ui::ControlBox;

namespace {

constexpr const char* kWidget = "invite_1";
constexpr const char* kAdmin = "@ola:prod.verji.app";
constexpr const char* kBot = "@companybot:prod.verji.app";

Config hosted_config() {
  return verji::app::config_from_url(
      "?widgetId=invite_1&userId=%40ola%3Aprod.verji.app&roomId=%21adm%3Aprod.verji.app", "");
}

// The Matrix client's side, driven by the test.
struct Host {
  explicit Host(App& a) : app(a) {}
  App& app;
  verji::core::Millis now = 1000;
  int next = 0;
  std::vector<json> sent;  // every message the widget posted, in order

  std::vector<json> drain() {
    std::vector<json> fresh;
    for (const auto& text : app.take_outbound()) fresh.push_back(json::parse(text));
    sent.insert(sent.end(), fresh.begin(), fresh.end());
    return fresh;
  }
  void deliver(const json& message) { app.on_host_message(message.dump(), now); }
  json request(const std::string& action, json data) {
    json r = {{"api", "toWidget"},
              {"widgetId", kWidget},
              {"requestId", "host-" + std::to_string(++next)},
              {"action", action},
              {"data", std::move(data)}};
    deliver(r);
    return r;
  }
  void respond(const json& to, json response) {
    json r = to;
    r["response"] = std::move(response);
    deliver(r);
  }
  std::vector<json> requests(const std::string& action) {
    std::vector<json> out;
    for (const auto& m : sent) {
      if (m["api"] == "fromWidget" && !m.contains("response") && m["action"] == action) out.push_back(m);
    }
    return out;
  }
  // Element's order with waitForIframeLoad: capabilities, then notify_capabilities.
  void handshake(const std::vector<std::string>& approved) {
    app.connect(now);
    for (const auto& m : drain()) {
      if (m["action"] == "content_loaded") respond(m, {{"error", {{"message", "Improper sequence"}}}});
      if (m["action"] == "supported_api_versions") respond(m, {{"supported_versions", {"0.0.2"}}});
    }
    request("capabilities", json::object());
    request("notify_capabilities",
            {{"requested", verji::core::requested_capabilities()}, {"approved", approved}});
    for (const auto& m : drain()) {
      if (m["action"] == "org.matrix.msc2876.read_events") respond(m, {{"events", json::array()}});
    }
    drain();
  }
  // The host posted the widget's send_event as `event_id`: answers it, then the room echoes it.
  void post(const json& send_request, const std::string& event_id) {
    respond(send_request, {{"room_id", "!adm:prod.verji.app"}, {"event_id", event_id}});
    room_event(event_id, kAdmin, send_request["data"]["content"]);
  }
  void room_event(const std::string& id, const std::string& sender, json content) {
    request("send_event", {{"type", "m.room.message"},
                           {"sender", sender},
                           {"event_id", id},
                           {"room_id", "!adm:prod.verji.app"},
                           {"origin_server_ts", 1700000000000},
                           {"content", std::move(content)}});
  }
};

ImVec2 centre(const ControlBox& box) {
  return ImVec2((box.min.x + box.max.x) * 0.5f, (box.min.y + box.max.y) * 0.5f);
}

void frame(HeadlessImGui& ui, App& app) {
  ui.frame([&] { return app.frame(ui.fonts()); });
}

void click(HeadlessImGui& ui, App& app, std::string_view id) {
  frame(ui, app);
  const ControlBox* box = app.layout().find(id);
  REQUIRE(box != nullptr);
  ui.mouse_move(centre(*box));
  frame(ui, app);
  ui.mouse_down(true);
  frame(ui, app);
  ui.mouse_down(false);
  frame(ui, app);
}

void fill(HeadlessImGui& ui, App& app, Field field, std::string_view text) {
  click(ui, app, verji::core::field_name(field));
  ui.type(text);
  frame(ui, app);
}

std::string status_of(const App& app, std::string_view id) {
  const ControlBox* box = app.layout().find(id);
  return box == nullptr ? std::string() : box->label;
}

std::vector<std::string> all_capabilities() { return verji::core::requested_capabilities(); }

}  // namespace

TEST_CASE("an invitation is posted once and follows the CompanyBot to success", "[app][host]") {
  HeadlessImGui ui(ImVec2(420.0f, 2400.0f));
  App app(hosted_config());
  app.after_present();
  Host host(app);
  CHECK(app.connection() == Connection::connecting);
  host.handshake(all_capabilities());
  REQUIRE(app.connection() == Connection::ready);

  frame(ui, app);
  CHECK(app.layout().find("create")->disabled);  // the form is empty
  fill(ui, app, Field::email, "kari.nordmann@firma.no");
  fill(ui, app, Field::full_name, "Kari Nordmann");
  fill(ui, app, Field::phone, "412 34 567");
  frame(ui, app);
  CHECK(status_of(app, "username") == "Brukernavnet blir trolig @karinordmann:prod.verji.app");
  REQUIRE_FALSE(app.layout().find("create")->disabled);

  click(ui, app, "create");
  click(ui, app, "confirm.send");
  auto sends = (host.drain(), host.requests("send_event"));
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
  CHECK(app.layout().find("create")->disabled);
  click(ui, app, "create");
  host.drain();
  CHECK(host.requests("send_event").size() == 1);

  // Our echo arrives before the send_event response, as it may in Element.
  host.room_event("$invite", kAdmin, data["content"]);
  host.respond(sends[0], {{"room_id", "!adm:prod.verji.app"}, {"event_id", "$invite"}});
  frame(ui, app);
  const std::string entry = "submission=" + request_id;
  CHECK(status_of(app, entry) == "Sendt – venter på CompanyBot");

  host.room_event("$p", kBot, {{"msgtype", "m.notice"}, {"body", "Processing, please wait..."}});
  frame(ui, app);
  CHECK(status_of(app, entry) == "Behandler …");
  // A "Success" from someone else is not the bot's.
  host.room_event("$m", "@mallory:prod.verji.app", {{"msgtype", "m.text"}, {"body", "Success"}});
  frame(ui, app);
  CHECK(status_of(app, entry) == "Behandler …");
  host.room_event("$s", kBot, {{"msgtype", "m.notice"}, {"body", "Success"}});
  frame(ui, app);
  CHECK(status_of(app, entry).rfind("Opprettet", 0) == 0);
  host.drain();
  CHECK(host.requests("send_event").size() == 1);
}

TEST_CASE("a taken username is shown, and a renamed invitation is a new request", "[app][host]") {
  HeadlessImGui ui(ImVec2(420.0f, 2400.0f));
  App app(hosted_config());
  app.after_present();
  Host host(app);
  host.handshake(all_capabilities());
  fill(ui, app, Field::email, "ola@firma.no");
  fill(ui, app, Field::full_name, "Ola Nordmann");
  click(ui, app, "create");
  click(ui, app, "confirm.send");
  auto first = (host.drain(), host.requests("send_event"));
  REQUIRE(first.size() == 1);
  host.post(first[0], "$i1");
  host.room_event("$t", kBot,
                  {{"msgtype", "m.notice"},
                   {"body", "UserID 'olanordmann' is already occupied"},
                   {"m.relates_to", {{"m.in_reply_to", {{"event_id", "$i1"}}}}}});
  frame(ui, app);
  const std::string id1 = first[0]["data"]["content"]["app.verji.invite"]["request_id"];
  CHECK(status_of(app, "submission=" + id1).rfind("Brukernavnet olanordmann er opptatt\n", 0) == 0);

  // The admin changes the name and sends again: a new request with its own id.
  CHECK(app.layout().find("create")->disabled);
  fill(ui, app, Field::full_name, " Berg");  // the caret is at the end of "Ola Nordmann"
  CHECK(app.form().full_name == "Ola Nordmann Berg");
  frame(ui, app);  // the edit is applied after the frame that saw it
  REQUIRE_FALSE(app.layout().find("create")->disabled);
  click(ui, app, "create");
  click(ui, app, "confirm.send");
  auto both = (host.drain(), host.requests("send_event"));
  REQUIRE(both.size() == 2);
  const std::string id2 = both[1]["data"]["content"]["app.verji.invite"]["request_id"];
  CHECK(id2 != id1);
  CHECK(both[1]["data"]["content"]["app.verji.invite"]["username_hint"] == "olanordmannberg");
}

TEST_CASE("host theme and language changes apply live", "[app][host]") {
  HeadlessImGui ui;
  App app(hosted_config());
  Host host(app);
  host.handshake(all_capabilities());
  CHECK(app.config().theme == verji::ui::Theme::light);
  auto r = host.request("theme_change", {{"name", "dark"}});
  CHECK(app.config().theme == verji::ui::Theme::dark);
  host.request("language_change", {{"lang", "en-GB"}});
  frame(ui, app);
  CHECK(app.layout().find("email")->label == "E-mail address");
  // Both requests were answered.
  int answered = 0;
  for (const auto& m : host.drain()) answered += m.contains("response") ? 1 : 0;
  CHECK(answered == 2);
}

TEST_CASE("a denied send capability is explained and can be asked for again", "[app][host]") {
  HeadlessImGui ui;
  App app(hosted_config());
  Host host(app);
  host.handshake({"io.element.requires_client"});
  frame(ui, app);
  CHECK(status_of(app, "connection").find("ikke gitt skjemaet lov") != std::string::npos);
  click(ui, app, "request_permission");
  host.drain();
  CHECK(host.requests("org.matrix.msc2974.request_capabilities").size() == 1);
}

TEST_CASE("a host the bridge refused is named, and nothing can be sent", "[app][host]") {
  HeadlessImGui ui;
  App app(hosted_config());
  app.refuse_host("https://evil.example");
  app.connect(0);
  frame(ui, app);
  CHECK(app.connection() == Connection::refused);
  CHECK(status_of(app, "connection").find("https://evil.example") != std::string::npos);
  CHECK(app.layout().find("create")->disabled);
  CHECK(app.take_outbound().empty());
}

TEST_CASE("sensitive data in the welcome message must be confirmed before sending", "[app][host]") {
  HeadlessImGui ui(ImVec2(420.0f, 2400.0f));
  App app(hosted_config());
  app.after_present();
  Host host(app);
  host.handshake(all_capabilities());
  fill(ui, app, Field::email, "ola@firma.no");
  fill(ui, app, Field::full_name, "Ola Nordmann");
  fill(ui, app, Field::welcome_message, "Passordet ditt er sommer2026");
  frame(ui, app);
  REQUIRE(app.validation().needs_confirmation());
  CHECK(app.layout().find("create")->disabled);
  const ControlBox* confirm = app.layout().find("confirm_sensitive");
  REQUIRE(confirm != nullptr);
  CHECK_FALSE(confirm->checked);

  click(ui, app, "confirm_sensitive");
  frame(ui, app);
  CHECK(app.layout().find("confirm_sensitive")->checked);
  CHECK_FALSE(app.layout().find("create")->disabled);

  // Changing the message asks again.
  fill(ui, app, Field::welcome_message, "!");
  frame(ui, app);
  CHECK_FALSE(app.layout().find("confirm_sensitive")->checked);
  CHECK(app.layout().find("create")->disabled);
  click(ui, app, "confirm_sensitive");
  click(ui, app, "create");
  click(ui, app, "confirm.send");
  host.drain();
  REQUIRE(host.requests("send_event").size() == 1);
  CHECK(host.requests("send_event")[0]["data"]["content"]["app.verji.invite"]["welcome_message"] ==
        "Passordet ditt er sommer2026!");
}

TEST_CASE("a failed invitation can be sent again as it is, as a new request", "[app][host]") {
  HeadlessImGui ui(ImVec2(420.0f, 2400.0f));
  App app(hosted_config());
  app.after_present();
  Host host(app);
  host.handshake(all_capabilities());
  fill(ui, app, Field::email, "ola@firma.no");
  fill(ui, app, Field::full_name, "Ola Nordmann");
  click(ui, app, "create");
  click(ui, app, "confirm.send");
  auto first = (host.drain(), host.requests("send_event"));
  REQUIRE(first.size() == 1);
  host.post(first[0], "$i1");
  frame(ui, app);
  CHECK(app.layout().find("create")->disabled);  // sent, waiting for the bot
  host.room_event("$f", kBot,
                  {{"msgtype", "m.notice"},
                   {"body", "Failed: the licence allows no more users"},
                   {"m.relates_to", {{"m.in_reply_to", {{"event_id", "$i1"}}}}}});
  frame(ui, app);
  CHECK_FALSE(app.layout().find("create")->disabled);
  click(ui, app, "create");
  click(ui, app, "confirm.send");
  auto both = (host.drain(), host.requests("send_event"));
  REQUIRE(both.size() == 2);
  CHECK(both[1]["data"]["content"]["app.verji.invite"]["request_id"] !=
        both[0]["data"]["content"]["app.verji.invite"]["request_id"]);
}

TEST_CASE("a page with no allowed hosts configured says who must fix it", "[app][host]") {
  HeadlessImGui ui;
  App app(hosted_config());
  app.refuse_host("");
  frame(ui, app);
  CHECK(status_of(app, "connection").find("VERJI_ALLOWED_ORIGINS") != std::string::npos);
}
