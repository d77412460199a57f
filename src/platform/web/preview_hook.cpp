// The designers' preview in the web build (see preview_hook.h and docs/preview.md).
#include "preview_hook.h"

#include "library_verji.h"

#include "verji/core/json_fields.h"
#include "verji/core/url_params.h"
#include "verji/preview/checks.h"
#include "verji/preview/player.h"
#include "verji/preview/state.h"
#include "verji/testing/fake_matrix_client.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace verji::web::preview {
namespace {

// The preview's clock: the script's own (moved by its wait_ms steps) while it plays, then the
// page's, from where the script left off.
class PreviewClock : public core::Clock {
 public:
  explicit PreviewClock(const core::Clock& page) : page_(page) {}
  core::Millis now() const override { return live_ ? page_.now() + offset_ : script_.now(); }
  testing::ManualClock& script() { return script_; }
  // The script has played: from now on the page's clock, continuing from the script's time.
  void go_live() {
    offset_ = script_.now() - page_.now();
    live_ = true;
  }

 private:
  const core::Clock& page_;
  testing::ManualClock script_;
  bool live_ = false;
  core::Millis offset_ = 0;
};

// The one preview of this page, if any.
struct Session {
  explicit Session(const core::Clock& page) : clock(page) {}
  PreviewClock clock;
  app::App* app = nullptr;                     // the page's App, made by start() (owned by the runner)
  std::optional<verji::preview::State> state;  // unset when the fixture did not parse
  std::unique_ptr<testing::FakeMatrixClient> client;
  std::vector<std::string> errors;  // parse and script errors: failures whatever is drawn
  std::string name;
  std::string published;  // the last JSON handed to the page
};

std::unique_ptr<Session> g_session;

const char* lang_name(core::Lang lang) { return lang == core::Lang::en ? "en" : "nb"; }

}  // namespace

std::unique_ptr<app::App> start(std::string_view search, std::string_view hash, const core::Clock& page,
                                app::Clipboard& clipboard) {
  const app::Config base = app::config_from_url(search, hash);
  if (base.widget.hosted()) return nullptr;  // a real host: #preview means nothing here
  const auto text = core::UrlParams::parse("", hash).get("preview");
  if (!text) return nullptr;

  auto session = std::make_unique<Session>(page);
  std::unique_ptr<app::App> app;
  const nlohmann::json object = nlohmann::json::parse(*text, nullptr, false);
  auto parsed = object.is_discarded() ? verji::preview::Parse{std::nullopt, {"#preview is not JSON"}}
                                      : verji::preview::parse_state(object);
  if (parsed.state) {
    session->state = std::move(parsed.state);
    session->name = session->state->name;
    // The script ends at the page's clock, so that later real-time ticks continue from there.
    session->clock.script().set(page.now() - session->state->duration());
    app = std::make_unique<app::App>(verji::preview::config_for(*session->state, base.lang, base.theme),
                                     session->clock, clipboard);
    session->client = std::make_unique<testing::FakeMatrixClient>(
        session->clock.script(), verji::preview::port_of(*app), verji::preview::room(),
        testing::FakeMatrixClient::Answering::automatic);
    session->errors = verji::preview::play(*app, *session->client, *session->state);
    session->clock.go_live();
  } else {
    session->errors = std::move(parsed.errors);
    // value() would throw (abort, without exceptions) on a "name" that is not a string.
    if (object.is_object()) {
      const auto name = object.find("name");
      if (name != object.end() && name->is_string()) session->name = name->get<std::string>();
    }
    session->clock.go_live();
    app = std::make_unique<app::App>(base, session->clock, clipboard);
  }
  session->app = app.get();
  g_session = std::move(session);
  return app;
}

bool active() { return g_session != nullptr; }

void pump(const app::FrameLayout& layout) {
  Session& s = *g_session;
  if (s.client) s.client->pump();
  if (layout.controls.empty()) return;  // nothing drawn yet: nothing to check
  const app::Config& config = s.app->config();
  std::vector<std::string> failures = s.errors;
  if (s.state) {
    for (auto& failure : verji::preview::check(layout, *s.state, config.lang)) {
      failures.push_back(std::move(failure));
    }
  }
  const nlohmann::json result = {{"state", s.name},
                                 {"lang", lang_name(config.lang)},
                                 {"theme", config.theme == app::Theme::dark ? "dark" : "light"},
                                 {"failures", failures}};
  std::string text = core::dump_safe(result);  // never throws, whatever a label holds
  if (text == s.published) return;
  s.published = std::move(text);
  verji_preview_publish(s.published.c_str());
}

}  // namespace verji::web::preview
