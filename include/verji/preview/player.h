// Plays a preview state (state.h) on an app::App connected to the fake Matrix client
// (verji/testing/fake_matrix_client.h): the widget "preview" in the Administration room of
// prod.verji.app, the admin @ola:prod.verji.app, the CompanyBot @companybot:prod.verji.app.
#pragma once

#include "verji/app/app.h"
#include "verji/app/config.h"
#include "verji/core/i18n.h"
#include "verji/preview/state.h"
#include "verji/testing/fake_matrix_client.h"

#include <string>
#include <vector>

namespace verji::preview {

// The preview's room, as the fake Matrix client plays it.
testing::FakeRoom room();

// The App's configuration for `state`: a widget hosted in room(), or no widget id at all for
// Connection::standalone.
app::Config config_for(const State& state, core::Lang lang, app::Theme theme);

// The App as the fake Matrix client talks to it: JSON text both ways, start, tick, deadlines. The App
// must read the clock the fake moves.
testing::WidgetPort port_of(app::App& app);

// Plays the state's script: warms up the phone check, connects through `client` (made with
// port_of(app) and room(), answering automatically), then each step in order. Returns errors (an
// alternative that does not exist, ...); empty when every step applied.
std::vector<std::string> play(app::App& app, testing::FakeMatrixClient& client, const State& state);

}  // namespace verji::preview
