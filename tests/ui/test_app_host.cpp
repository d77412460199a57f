// The app inside a Matrix client: a scripted host speaks the widget API to App as the JS bridge
// would (JSON text in, JSON text out), and the form is driven through real ImGui input.
#include "app_driver.h"
#include "headless.h"
#include "verji/app/app.h"
#include "verji/core/phone.h"
#include "verji/core/username.h"
#include "verji/preview/player.h"
#include "verji/testing/fake_matrix_client.h"
#include "view_queries.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using json = nlohmann::json;
using verji::app::App;
using verji::app::Config;
using verji::app::Connection;
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

constexpr const char* kWidget = "invite_1";
constexpr const char* kAdmin = "@ola:prod.verji.app";
constexpr const char* kBot = "@companybot:prod.verji.app";

Config hosted_config() {
  return verji::app::config_from_url(
      "?widgetId=invite_1&userId=%40ola%3Aprod.verji.app&roomId=%21adm%3Aprod.verji.app", "");
}

// The Matrix client's side, driven by the test: the fake Matrix client in the Administration room.
verji::testing::FakeRoom room() {
  verji::testing::FakeRoom r;
  r.widget_id = kWidget;
  r.admin = kAdmin;
  r.bot = kBot;
  r.room_id = "!adm:prod.verji.app";
  r.server = "prod.verji.app";
  return r;
}

FakeMatrixClient client_of(TestApp& app) {
  return FakeMatrixClient(app.clock(), verji::preview::port_of(app), room());
}

// The client posted the widget's send_event as `event_id`: answers it, then the room echoes it.
void accept(FakeMatrixClient& host, const json& send_request, const std::string& event_id) {
  host.respond(send_request, {{"room_id", "!adm:prod.verji.app"}, {"event_id", event_id}});
  host.post(kAdmin, send_request["data"]["content"], event_id);
}

void click(Screen& ui, App& app, std::string_view id) {
  frame(ui, app);
  const ControlBox* box = ui.layout.find(id);
  REQUIRE(box != nullptr);
  click_at(ui, app, centre(*box));
}

void fill(Screen& ui, App& app, Field field, std::string_view text) {
  click(ui, app, verji::core::field_name(field));
  ui.type(text);
  frame(ui, app);
}

std::vector<std::string> all_capabilities() { return verji::core::requested_capabilities(); }

// The request_id of the invitation a send_event carries.
std::string request_id_of(const json& send) {
  return send["data"]["content"]["app.verji.invite"]["request_id"];
}

// A CompanyBot answer replying to the invite event `to`, with an optional status block.
json bot_reply(const std::string& to, const std::string& body, json block = nullptr) {
  json content = {
      {"msgtype", "m.notice"}, {"body", body}, {"m.relates_to", {{"m.in_reply_to", {{"event_id", to}}}}}};
  if (!block.is_null()) content["app.verji.invite.status"] = std::move(block);
  return content;
}

// The widget in the Administration room on a 420 x 2400 px display, its first frame presented and its
// handshake done with every capability approved.
struct HostedWidget {
  HostedWidget() : ui(ImVec2(420.0f, 2400.0f)), app(hosted_config()), host(client_of(app)) {
    app.after_present();
    host.handshake(all_capabilities());
  }
  Screen ui;
  TestApp app;
  FakeMatrixClient host;
};

// Ola Nordmann invited as an admin would: both fields typed, Opprett, then "Send invitation"; the
// widget's one send_event, answered with the event id `event_id`.
json invite_ola(HostedWidget& widget, const std::string& event_id) {
  auto& [ui, app, host] = widget;
  fill(ui, app, Field::email, "ola@firma.no");
  fill(ui, app, Field::full_name, "Ola Nordmann");
  click(ui, app, "create");
  click(ui, app, "confirm.send");
  auto sends = (host.outbound(), host.requests("send_event"));
  REQUIRE(sends.size() == 1);
  accept(host, sends[0], event_id);
  return sends[0];
}

}  // namespace

TEST_CASE("an invitation is posted once and follows the CompanyBot to success", "[app][host]") {
  Screen ui(ImVec2(420.0f, 2400.0f));
  TestApp app(hosted_config());
  app.after_present();
  FakeMatrixClient host = client_of(app);
  CHECK(app.connection() == Connection::connecting);
  host.handshake(all_capabilities());
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
  FakeMatrixClient host = client_of(app);
  host.handshake(all_capabilities());
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
  FakeMatrixClient host = client_of(app);
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

// --- the status feed (issue 5): each invitation's card, its actions, the advance notice ------------

namespace {

using verji::app::Tone;

// A form filled and sent through the intents the form's buttons give ("Opprett", then the confirm
// step's "Send invitation" where there is one); returns the request's send_event.
json send_invite(TestApp& app, FakeMatrixClient& host, const std::string& email, const std::string& name) {
  app.dispatch(verji::app::EditText{Field::email, email});
  app.dispatch(verji::app::EditText{Field::full_name, name});
  app.dispatch(verji::app::Submit{});
  app.dispatch(verji::app::SendInvite{});
  host.outbound();
  const auto sends = host.requests("send_event");
  REQUIRE_FALSE(sends.empty());
  return sends.back();
}

const verji::app::FeedCard* entry_of(const App& app, const std::string& request_id) {
  return verji::test::card_of(app.view(), request_id);
}

struct Answer {
  const char* name;
  std::string body;
  json block;  // the status block without version and request_id, or null
  std::string state;
  std::string detail;  // the detail line, or "" for none
  Tone tone;
  std::vector<std::string> controls;  // control ids the card offers ("<id>" stands for the request)
};

std::string with_id(std::string text, const std::string& request_id) {
  const auto at = text.find("<id>");
  if (at != std::string::npos) text.replace(at, 4, request_id);
  return text;
}

}  // namespace

TEST_CASE("feed: each CompanyBot answer is a card with its tone, its words and its actions",
          "[app][host][feed]") {
  const std::vector<Answer> answers = {
      {"processing", "Processing, please wait...", nullptr, "Behandler …", "", Tone::neutral, {}},
      {"success",
       "Success",
       {{"state", "success"}, {"user_id", "@john.doe:prod.verji.app"}},
       "Opprettet: @john.doe:prod.verji.app",
       "",
       Tone::success,
       {"invite_another"}},
      {"email registered",
       "A user is already registered with the following email: john@firma.no",
       {{"state", "email_registered"},
        {"email", "john@firma.no"},
        {"user_id", "@john.doe:prod.verji.app"},
        {"room_id", "!dm-john:prod.verji.app"}},
       "E-postadressen john@firma.no er allerede registrert",
       "Et privat rom med brukeren er opprettet: !dm-john:prod.verji.app\nBrukeren: @john.doe:prod.verji.app",
       Tone::warning,
       {"invite_another"}},
      {"username taken",
       "UserID 'johnpeterdoe' is already occupied",
       nullptr,
       "Brukernavnet johnpeterdoe er opptatt",
       "Endre navnet, for eksempel ved å legge til eller fjerne et mellomnavn.",
       Tone::warning,
       {}},  // one pick=<id>/<n> per core::username_alternatives(), added below
      {"failed",
       "Failed: the licence allows no more users",
       nullptr,
       "Feilet – CompanyBot svarte:",
       "«Failed: the licence allows no more users»",
       Tone::error,
       {}},
      {"unknown text",
       "Hmm. {Try} again after lunch; the server is *busy*.",
       nullptr,
       "CompanyBot svarte noe skjemaet ikke kjenner igjen:",
       "«Hmm. {Try} again after lunch; the server is *busy*.»",
       Tone::neutral,
       {}},
  };
  for (const auto& answer : answers) {
    INFO(answer.name);
    HostedWidget widget;
    auto& [ui, app, host] = widget;
    const json send = send_invite(app, host, "john@firma.no", "John Peter Doe");
    const std::string id = request_id_of(send);
    accept(host, send, "$invite");
    CHECK(app.animating());  // sent, waiting for the bot: the indicator moves
    json block = answer.block;
    if (!block.is_null()) {
      block["version"] = 1;
      block["request_id"] = id;
    }
    host.post(kBot, bot_reply("$invite", answer.body, block), "$answer");
    frame(ui, app);

    const auto* entry = entry_of(app, id);
    REQUIRE(entry != nullptr);
    CHECK(entry->title == "John Peter Doe (john@firma.no)");
    CHECK(entry->state.tone == answer.tone);
    CHECK(label_of(ui, "submission=" + id) == answer.state);
    CHECK(label_of(ui, "submission=" + id + ".detail") == answer.detail);
    CHECK(entry->detail_is_quote == (answer.detail.rfind("«", 0) == 0));
    const bool busy = std::string(answer.name) == "processing";
    CHECK(entry->busy == busy);
    CHECK(app.animating() == busy);
    std::vector<std::string> offered;
    for (const auto& c : ui.layout.controls) {
      if (c.role == verji::app::ControlRole::button && c.id != "create" && c.id != "copy_notice")
        offered.push_back(c.id);
    }
    std::vector<std::string> expected;
    for (const auto& c : answer.controls) expected.push_back(with_id(c, id));
    if (std::string(answer.name) == "username taken") {
      const auto names = verji::core::username_alternatives("John Peter Doe", "johnpeterdoe",
                                                            verji::core::UsernameStyle::joined);
      REQUIRE_FALSE(names.empty());
      for (std::size_t n = 0; n < names.size(); ++n)
        expected.push_back("pick=" + id + "/" + std::to_string(n));
    }
    CHECK(offered == expected);
  }
}

TEST_CASE("feed: the alternatives of a taken username are the core's, one click from the form",
          "[app][host][feed]") {
  HostedWidget widget;
  auto& [ui, app, host] = widget;
  const json send = send_invite(app, host, "ola@firma.no", "Ola Johan Nordmann");
  const std::string id = request_id_of(send);
  accept(host, send, "$i1");
  host.post(kBot, bot_reply("$i1", "UserID 'olajohannordmann' is already occupied"), "$t");
  frame(ui, app);

  const auto expected = verji::core::username_alternatives("Ola Johan Nordmann", "olajohannordmann",
                                                           verji::core::UsernameStyle::joined);
  REQUIRE(expected.size() >= 2);
  const auto* entry = entry_of(app, id);
  REQUIRE(entry != nullptr);
  REQUIRE(entry->alternatives.size() == expected.size());
  for (std::size_t n = 0; n < expected.size(); ++n) {
    const ControlBox* button = ui.layout.find("pick=" + id + "/" + std::to_string(n));
    REQUIRE(button != nullptr);
    CHECK(button->label == expected[n].full_name + " → " + expected[n].username);
  }
  CHECK(ui.layout.find("create")->disabled);  // the form is as it was sent

  click(ui, app, "pick=" + id + "/1");
  CHECK(app.form().full_name == expected[1].full_name);
  CHECK(app.form().email == "ola@firma.no");  // the rest of the form stays
  frame(ui, app);
  CHECK_FALSE(ui.layout.find("create")->disabled);
  CHECK(label_of(ui, "username").find("@" + expected[1].username + ":") != std::string::npos);

  app.dispatch(verji::app::Submit{});
  app.dispatch(verji::app::SendInvite{});
  auto sends = (host.outbound(), host.requests("send_event"));
  REQUIRE(sends.size() == 2);
  CHECK(sends[1]["data"]["content"]["app.verji.invite"]["full_name"] == expected[1].full_name);
  CHECK(request_id_of(sends[1]) != id);
  frame(ui, app);
  // Both are listed, newest first; the first keeps its answer.
  REQUIRE(app.view().feed.cards.size() == 2);
  CHECK(app.view().feed.cards[0].request_id == request_id_of(sends[1]));
  CHECK(label_of(ui, "submission=" + id) == "Brukernavnet olajohannordmann er opptatt");
}

TEST_CASE("feed: invite another clears the form for the next person and keeps the list",
          "[app][host][feed]") {
  HostedWidget widget;
  auto& [ui, app, host] = widget;
  app.dispatch(verji::app::EditText{Field::phone, "412 34 567"});
  app.dispatch(verji::app::EditText{Field::welcome_message, "Passordet er sommer2026"});
  app.dispatch(verji::app::ConfirmSensitive{true});
  const json send = send_invite(app, host, "kari@firma.no", "Kari Nordmann");
  const std::string id = request_id_of(send);
  accept(host, send, "$i1");
  frame(ui, app);
  CHECK(ui.layout.find("invite_another") == nullptr);  // not before the bot said it is done
  host.post(kBot, bot_reply("$i1", "Success"), "$s");
  frame(ui, app);
  REQUIRE(ui.layout.find("invite_another") != nullptr);

  click(ui, app, "invite_another");
  CHECK(app.form().email.empty());
  CHECK(app.form().full_name.empty());
  CHECK(app.form().phone.empty());
  CHECK(app.form().welcome_message.empty());
  CHECK_FALSE(app.form().verification_chosen);
  CHECK_FALSE(app.view().form.confirm_sensitive.has_value());  // nothing left to confirm
  frame(ui, app);
  CHECK(ui.layout.find("create")->disabled);
  CHECK(ui.layout.find("create.hint") == nullptr);  // a fresh form: no errors shown yet
  CHECK(ui.layout.find("email.note0") == nullptr);
  CHECK(label_of(ui, "submission=" + id) == "Opprettet");
  CHECK(ui.layout.find("invite_another") == nullptr);  // nothing left to clear

  // The next person: both invitations are listed, newest first.
  const json second = send_invite(app, host, "per@firma.no", "Per Hansen");
  frame(ui, app);
  REQUIRE(app.view().feed.cards.size() == 2);
  CHECK(app.view().feed.cards[0].request_id == request_id_of(second));
  CHECK(app.view().feed.cards[1].request_id == id);
}

TEST_CASE("feed: a failed or unknown answer keeps the form filled and offers no clearing",
          "[app][host][feed]") {
  for (const std::string body : {"Failed: no licence", "I am not sure what happened"}) {
    INFO(body);
    HostedWidget widget;
    auto& [ui, app, host] = widget;
    const json send = send_invite(app, host, "kari@firma.no", "Kari Nordmann");
    accept(host, send, "$i1");
    host.post(kBot, bot_reply("$i1", body), "$f");
    frame(ui, app);
    CHECK(ui.layout.find("invite_another") == nullptr);
    CHECK(app.form().email == "kari@firma.no");
    CHECK(app.form().full_name == "Kari Nordmann");
  }
}

TEST_CASE("feed: no answer yet, rate limited, unknown after a timeout, permission denied",
          "[app][host][feed]") {
  HostedWidget widget;
  auto& [ui, app, host] = widget;

  SECTION("no answer yet: still listening, no indicator") {
    const json send = send_invite(app, host, "kari@firma.no", "Kari Nordmann");
    const std::string id = request_id_of(send);
    accept(host, send, "$i1");
    host.post(kBot, bot_reply("$i1", "Processing, please wait..."), "$p");
    CHECK(app.animating());
    app.clock().set(app.clock().now() + 60000);
    app.tick();
    frame(ui, app);
    CHECK(label_of(ui, "submission=" + id) == "Ikke svar ennå – vi følger med videre");
    CHECK(label_of(ui, "submission=" + id + ".detail").find("CompanyBot svarer") != std::string::npos);
    CHECK(entry_of(app, id)->state.tone == Tone::warning);
    CHECK_FALSE(app.animating());
  }
  SECTION("rate limited: send again") {
    const json send = send_invite(app, host, "kari@firma.no", "Kari Nordmann");
    const std::string id = request_id_of(send);
    host.respond(send, {{"error",
                         {{"message", "Too many requests"},
                          {"matrix_api_error",
                           {{"http_status", 429},
                            {"response", {{"errcode", "M_LIMIT_EXCEEDED"}, {"retry_after_ms", 0}}}}}}}});
    frame(ui, app);
    CHECK(label_of(ui, "submission=" + id) == "For mange forespørsler – prøv igjen om litt");
    CHECK(entry_of(app, id)->state.tone == Tone::warning);
    CHECK_FALSE(app.animating());
    click(ui, app, "resend=" + id);
    host.outbound();
    REQUIRE(host.requests("send_event").size() == 2);
    CHECK(request_id_of(host.requests("send_event")[1]) == id);
    CHECK(app.animating());  // sending again
  }
  SECTION("unknown after a timeout: checked in the room, then send again") {
    const json send = send_invite(app, host, "kari@firma.no", "Kari Nordmann");
    const std::string id = request_id_of(send);
    app.clock().set(app.clock().now() + 11000);
    app.tick();
    for (const auto& m : host.outbound()) {
      if (m["action"] == "org.matrix.msc2876.read_events") host.respond(m, {{"events", json::array()}});
    }
    frame(ui, app);
    CHECK(label_of(ui, "submission=" + id) == "Ukjent om invitasjonen ble sendt");
    CHECK(label_of(ui, "submission=" + id + ".detail").rfind("Står den ikke i rommet", 0) == 0);
    CHECK(ui.layout.find("resend=" + id) != nullptr);
    CHECK_FALSE(app.animating());
  }
  SECTION("the host withdrew the send permission: ask again, then send again") {
    const json send = send_invite(app, host, "kari@firma.no", "Kari Nordmann");
    const std::string id = request_id_of(send);
    host.request("notify_capabilities", {{"requested", verji::core::requested_capabilities()},
                                         {"approved", {"io.element.requires_client"}}});
    host.respond(send, {{"error", {{"message", "Cannot send event: not allowed"}}}});
    frame(ui, app);
    CHECK(label_of(ui, "submission=" + id) == "Tilgang til å sende ble avslått");
    CHECK(entry_of(app, id)->state.tone == Tone::error);
    CHECK(ui.layout.find("resend=" + id) == nullptr);
    const ControlBox* ask = ui.layout.find("ask_again=" + id);
    REQUIRE(ask != nullptr);
    CHECK(ask->label == "Be om tilgang på nytt");
    click(ui, app, "ask_again=" + id);
    host.outbound();
    const auto asked = host.requests("org.matrix.msc2974.request_capabilities");
    REQUIRE(asked.size() == 1);
    host.respond(asked[0], {{"approved", all_capabilities()}});
    host.request("notify_capabilities",
                 {{"requested", all_capabilities()}, {"approved", all_capabilities()}});
    host.outbound();
    frame(ui, app);
    CHECK(ui.layout.find("ask_again=" + id) == nullptr);
    CHECK(ui.layout.find("resend=" + id) != nullptr);
  }
}

TEST_CASE("feed: copy advance notice puts the text on the clipboard, in the admin's language",
          "[app][feed]") {
  for (const auto lang : {verji::core::Lang::nb, verji::core::Lang::en}) {
    const bool nb = lang == verji::core::Lang::nb;
    INFO((nb ? "nb" : "en"));
    Screen ui(ImVec2(420.0f, 2400.0f));
    Config config;
    config.lang = lang;
    TestApp app(config);
    const std::string& clipboard = app.clipboard().text();
    const int& copies = app.clipboard().writes();
    app.after_present();
    frame(ui, app);
    const ControlBox* button = ui.layout.find("copy_notice");
    REQUIRE(button != nullptr);
    CHECK(button->label == (nb ? "Kopier forhåndsvarsel" : "Copy advance notice"));
    CHECK(ui.layout.find("copy_notice.done") == nullptr);
    CHECK_FALSE(app.animating());

    click(ui, app, "copy_notice");
    CHECK(copies == 1);
    CHECK(clipboard.find("Verji") != std::string::npos);
    CHECK(clipboard.find(nb ? "e-post" : "e-mail") != std::string::npos);
    CHECK(clipboard.find(nb ? "lenken" : "link") != std::string::npos);
    CHECK(clipboard.find(nb ? "kryptert" : "encrypted") != std::string::npos);
    CHECK(clipboard.find("SMS") == std::string::npos);  // no phone: no code by SMS
    frame(ui, app);                                     // the click is applied after the frame that saw it
    CHECK(label_of(ui, "copy_notice.done") == (nb ? "Kopiert" : "Copied"));
    // The note goes away by itself, at a deadline: the idle loop wakes for it (nothing animates).
    REQUIRE(app.next_deadline().has_value());
    CHECK(*app.next_deadline() == app.clock().now() + 3000);
    CHECK_FALSE(app.animating());

    // A mobile number with SMS chosen: the code by SMS is mentioned.
    app.dispatch(verji::app::EditText{Field::phone, "412 34 567"});
    app.dispatch(verji::app::ChooseVerification{verji::core::Verification::sms});
    click(ui, app, "copy_notice");
    CHECK(copies == 2);
    CHECK(clipboard.find("SMS") != std::string::npos);
    // ... and not with e-mail chosen.
    app.dispatch(verji::app::ChooseVerification{verji::core::Verification::email});
    click(ui, app, "copy_notice");
    CHECK(clipboard.find("SMS") == std::string::npos);

    // A few seconds later the note is gone, and nothing is due any more.
    app.clock().set(app.clock().now() + 2999);
    CHECK_FALSE(app.tick());
    frame(ui, app);
    CHECK(ui.layout.find("copy_notice.done") != nullptr);
    app.clock().set(app.clock().now() + 1);
    CHECK(app.tick());
    frame(ui, app);
    CHECK(ui.layout.find("copy_notice.done") == nullptr);
    CHECK_FALSE(app.next_deadline().has_value());
    CHECK_FALSE(app.animating());
  }
}
