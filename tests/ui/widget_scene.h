// The widget as an admin meets it in tests: drawn headlessly (app_driver.h) inside a fake Matrix
// client, driven by clicks, typing and keys. HostedWidget answers only what the test says (protocol
// details); ConnectedWidget answers everything at once (the form's behaviour).
#pragma once

#include "app_driver.h"
#include "verji/app/config.h"
#include "verji/core/invite_form.h"
#include "verji/preview/player.h"
#include "verji/testing/fake_matrix_client.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace verji::test {

inline constexpr const char* kWidgetId = "invite_1";
inline constexpr const char* kAdmin = "@ola:prod.verji.app";
inline constexpr const char* kBot = "@companybot:prod.verji.app";
inline constexpr const char* kRoomId = "!adm:prod.verji.app";

// The widget's URL in the Administration room, as Element fills it.
inline app::Config hosted_config() {
  return app::config_from_url(
      "?widgetId=invite_1&userId=%40ola%3Aprod.verji.app&roomId=%21adm%3Aprod.verji.app", "");
}

// The Administration room, as the fake Matrix client plays it.
inline testing::FakeRoom admin_room() { return testing::FakeRoom::prod_admin_room(kWidgetId); }

// The client posted the widget's send_event as `event_id`: answers it, then the room echoes it.
inline void accept(testing::FakeMatrixClient& host, const nlohmann::json& send_request,
                   const std::string& event_id) {
  host.respond(send_request, {{"room_id", kRoomId}, {"event_id", event_id}});
  host.post(kAdmin, send_request["data"]["content"], event_id);
}

// The request_id of the invitation a send_event carries.
inline std::string request_id_of(const nlohmann::json& send) {
  return send["data"]["content"]["app.verji.invite"]["request_id"];
}

// A CompanyBot answer replying to the invite event `to`, with an optional status block.
inline nlohmann::json bot_reply(const std::string& to, const std::string& body,
                                nlohmann::json block = nullptr) {
  nlohmann::json content = {
      {"msgtype", "m.notice"}, {"body", body}, {"m.relates_to", {{"m.in_reply_to", {{"event_id", to}}}}}};
  if (!block.is_null()) content["app.verji.invite.status"] = std::move(block);
  return content;
}

// The box the last frame drew for the text field of `field`, or null.
inline const app::ControlBox* box_of(const Screen& ui, core::Field field) {
  return ui.layout.find(core::field_name(field));
}

// The text fields the last frame drew, in order.
inline std::vector<const app::ControlBox*> text_fields(const Screen& ui) {
  std::vector<const app::ControlBox*> out;
  for (const auto& c : ui.layout.controls) {
    if (c.role == app::ControlRole::text_field) out.push_back(&c);
  }
  return out;
}

// A click on the control `id` the last frame drew, far enough from the last click that ImGui sees
// no double click (which selects a word); then a frame that draws its result (a click is applied
// after the frame that saw it). As on the page, a button, choice or check box takes keyboard focus
// when clicked (without a focus ring); a text field takes it through its own click.
inline void click(Screen& ui, app::App& app, std::string_view id) {
  for (int i = 0; i < 25; ++i) frame(ui, app);
  const app::ControlBox* box = ui.layout.find(id);
  REQUIRE(box != nullptr);
  if (box->role != app::ControlRole::text_field) {
    app.dispatch(app::Focus{std::string(id), false});  // may show errors, which moves what is below
    frame(ui, app);
    box = ui.layout.find(id);
    REQUIRE(box != nullptr);
  }
  click_at(ui, app, centre(*box));
  frame(ui, app);
}

// Types `text` into the field, clicked first (which focuses it); two frames draw it.
inline void fill(Screen& ui, app::App& app, core::Field field, std::string_view text) {
  click(ui, app, core::field_name(field));
  type(ui, app, text);
  frame(ui, app);
}

// The widget in the Administration room on a 420 x 2400 px display, its first frame presented and its
// handshake done with every capability approved; the client answers only what the test tells it.
struct HostedWidget {
  HostedWidget()
      : ui(ImVec2(420.0f, 2400.0f)),
        app(hosted_config()),
        host(app.clock(), preview::port_of(app), admin_room()) {
    app.after_present();
    host.handshake(core::requested_capabilities());
  }
  Screen ui;
  TestApp app;
  testing::FakeMatrixClient host;
};

// The widget in the designers' preview room on a display of `size`, its handshake done with every
// capability approved; the client answers whatever the widget posts when the test pumps it.
struct ConnectedWidget {
  explicit ConnectedWidget(ImVec2 size)
      : ui(size),
        app(preview::config_for({}, core::Lang::nb, app::Theme::light)),
        host(app.clock(), preview::port_of(app), preview::room()) {
    app.after_present();
    host.connect(true);
  }
  Screen ui;
  TestApp app;
  testing::FakeMatrixClient host;
};

// Ola Nordmann invited as an admin would: both fields typed, Opprett, then "Send invitation"; the
// widget's one send_event, answered with the event id `event_id`.
inline nlohmann::json invite_ola(HostedWidget& widget, const std::string& event_id) {
  auto& [ui, app, host] = widget;
  fill(ui, app, core::Field::email, "ola@firma.no");
  fill(ui, app, core::Field::full_name, "Ola Nordmann");
  click(ui, app, "create");
  click(ui, app, "confirm.send");
  (void)host.outbound();
  const auto sends = host.requests("send_event");
  REQUIRE(sends.size() == 1);
  accept(host, sends[0], event_id);
  return sends[0];
}

}  // namespace verji::test
