// The feed (src/ui/feed_view.cpp): cards drawn from a hand-made view model (ids, order, the busy
// indicator, buttons that wrap), and the feed of a widget inside a fake Matrix client: each
// CompanyBot answer's card, picking a name, invite another, copy advance notice.
#include "view_queries.h"
#include "widget_scene.h"

#include "verji/core/username.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using json = nlohmann::json;
using verji::app::App;
using verji::app::Config;
using verji::app::ControlBox;
using verji::app::ControlRole;
using verji::core::Field;
using verji::test::accept;
using verji::test::bot_reply;
using verji::test::click;
using verji::test::frame;
using verji::test::HeadlessImGui;
using verji::test::HostedWidget;
using verji::test::kBot;
using verji::test::label_of;
using verji::test::request_id_of;
using verji::test::Screen;
using verji::test::TestApp;
using verji::testing::FakeMatrixClient;

namespace {

// The whole widget as an empty app state derives it, in a window of `size`, with cards put into its
// feed by hand: draw() runs one frame with a fresh layout and returns the intents.
struct FeedScene {
  explicit FeedScene(ImVec2 size)
      : ui(size), ctx{verji::app::Theme::light, ui.fonts(), &layout}, vm(verji::app::derive_view({})) {}
  std::vector<verji::app::Intent> draw() {
    return ui.frame([&] { return verji::ui::draw_widget(ctx, vm); });
  }
  HeadlessImGui ui;
  verji::app::FrameLayout layout;
  verji::ui::DrawContext ctx;
  verji::app::ViewModel vm;
};

using verji::app::Tone;

// A card as the app words one: its state line, in `tone`.
verji::app::FeedCard card(std::string request_id, std::string title, std::string state, Tone tone) {
  verji::app::FeedCard c;
  c.request_id = request_id;
  c.title = std::move(title);
  c.state = {"submission=" + request_id, std::move(state), tone};
  c.detail = {"submission=" + request_id + ".detail", {}, Tone::secondary};
  return c;
}

// A button of a card: `id` with `label`, doing `action`.
verji::app::ControlView card_button(std::string id, std::string label, verji::app::Intent action) {
  verji::app::ControlView c;
  c.id = std::move(id);
  c.label = std::move(label);
  c.action = std::move(action);
  return c;
}

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

TEST_CASE("feed cards are drawn newest first with their ids, and the copy button is always there", "[feed]") {
  FeedScene scene(ImVec2(360.0f, 2400.0f));
  auto& vm = scene.vm;
  const auto& layout = scene.layout;
  scene.draw();
  CHECK(layout.find("copy_notice") != nullptr);
  CHECK(layout.find("submission=") == nullptr);

  auto newest = card("b", "Per Hansen (per@firma.no)", "Behandler …", Tone::neutral);
  newest.busy = true;
  auto older = card("a", "Ola Nordmann (ola@firma.no)", "Brukernavnet olanordmann er opptatt", Tone::warning);
  older.detail.text = "Endre navnet, for eksempel ved å legge til eller fjerne et mellomnavn.";
  older.alternatives_heading = "Prøv et annet navn:";
  older.alternatives = {
      card_button("pick=a/0", "O. Nordmann → onordmann", verji::app::PickName{"O. Nordmann"})};
  older.actions = {card_button("resend=a", "Send på nytt", verji::app::Resend{"a"})};
  vm.feed.cards = {newest, older};
  const auto intents = scene.draw();
  CHECK(intents.empty());
  const auto* b = layout.find("submission=b");
  const auto* a = layout.find("submission=a");
  REQUIRE(b != nullptr);
  REQUIRE(a != nullptr);
  CHECK(b->max.y < a->min.y);  // newest first
  CHECK(b->label == "Behandler …");
  REQUIRE(layout.find("submission=a.detail") != nullptr);
  CHECK(layout.find("submission=a.detail")->min.y >= a->max.y);
  CHECK(layout.find("submission=b.detail") == nullptr);
  REQUIRE(layout.find("pick=a/0") != nullptr);
  CHECK(layout.find("pick=a/0")->label == "O. Nordmann → onordmann");
  CHECK(layout.find("resend=a") != nullptr);
  CHECK(layout.find("resend=b") == nullptr);
  CHECK(layout.find("copy_notice")->min.y > layout.find("resend=a")->max.y);
  // The busy indicator sits before the state text, inside the state line's box.
  CHECK(b->max.x - b->min.x > ImGui::CalcTextSize("Behandler …").x);
  // Everything stays inside the 360 px viewport.
  for (const auto& c : layout.controls) CHECK(c.max.x <= 360.0f);
}

TEST_CASE("feed buttons wrap a label too long for a 280 px card and stay inside it", "[feed]") {
  FeedScene scene(ImVec2(280.0f, 2400.0f));
  const auto& layout = scene.layout;
  auto entry = card("a", "Kristoffer Alexander Bjørnstad-Hagen (k@firma.no)", "Brukernavnet er opptatt",
                    Tone::warning);
  entry.alternatives = {card_button("pick=a/0", "Kristoffer Bjørnstad-Hagen → kristofferbjørnstadhagen",
                                    verji::app::PickName{"K. A. Bjørnstad-Hagen"}),
                        card_button("pick=a/1", "K. Hagen → khagen", verji::app::PickName{"K. Hagen"})};
  scene.vm.feed.cards = {entry};
  scene.draw();
  const auto* long_one = layout.find("pick=a/0");
  const auto* short_one = layout.find("pick=a/1");
  REQUIRE(long_one != nullptr);
  REQUIRE(short_one != nullptr);
  CHECK(long_one->label == "Kristoffer Bjørnstad-Hagen → kristofferbjørnstadhagen");  // the whole label
  const float line = ImGui::GetFontSize();
  CHECK(long_one->max.y - long_one->min.y > 2.0f * line);  // on more than one line
  const auto* column = layout.find("email");               // the form's column, as wide as a card
  REQUIRE(column != nullptr);
  CHECK(long_one->max.x <= column->max.x);  // inside the card
  CHECK(long_one->max.x - long_one->min.x < ImGui::CalcTextSize(long_one->label.c_str()).x);
  CHECK(short_one->min.y >= long_one->max.y);                // the next one below it
  CHECK(short_one->max.y - short_one->min.y < 2.5f * line);  // a short label keeps one line
  for (const auto& c : layout.controls) CHECK(c.max.x <= 280.0f);

  // A click on the two-line button picks its name (ImGui acts on the release).
  scene.ui.mouse_move(
      ImVec2((long_one->min.x + long_one->max.x) / 2, (long_one->min.y + long_one->max.y) / 2));
  scene.draw();
  scene.ui.mouse_down(true);
  scene.draw();
  scene.ui.mouse_down(false);
  const auto intents = scene.draw();
  REQUIRE(intents.size() == 1);
  CHECK(std::get<verji::app::PickName>(intents[0]).full_name == "K. A. Bjørnstad-Hagen");
}

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
    host.respond(asked[0], {{"approved", verji::core::requested_capabilities()}});
    host.request("notify_capabilities", {{"requested", verji::core::requested_capabilities()},
                                         {"approved", verji::core::requested_capabilities()}});
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
