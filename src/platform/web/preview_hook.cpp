// The designers' preview in the web build (see preview_hook.h and docs/preview.md).
#include "preview_hook.h"

#include "library_verji.h"

#include "verji/app/preview.h"
#include "verji/core/url_params.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace verji::web::preview {
namespace {

// The one preview of this page, if any.
struct Session {
  std::optional<app::PreviewState> state;  // unset when the fixture did not parse
  std::unique_ptr<app::PreviewHost> host;
  std::vector<std::string> errors;  // parse and script errors: failures whatever is drawn
  std::string name;
  std::string published;  // the last JSON handed to the page
};

std::unique_ptr<Session> g_session;

const char* lang_name(core::Lang lang) { return lang == core::Lang::en ? "en" : "nb"; }

}  // namespace

std::unique_ptr<app::App> start(std::string_view search, std::string_view hash, core::Millis now) {
  const app::Config base = app::config_from_url(search, hash);
  if (base.widget.hosted()) return nullptr;  // a real host: #preview means nothing here
  const auto text = core::UrlParams::parse("", hash).get("preview");
  if (!text) return nullptr;

  auto session = std::make_unique<Session>();
  std::unique_ptr<app::App> app;
  const nlohmann::json object = nlohmann::json::parse(*text, nullptr, false);
  auto parsed = object.is_discarded() ? app::PreviewParse{std::nullopt, {"#preview is not JSON"}}
                                      : app::parse_preview_state(object);
  if (parsed.state) {
    session->state = std::move(parsed.state);
    session->name = session->state->name;
    app = std::make_unique<app::App>(app::preview_config(*session->state, base.lang, base.theme));
    session->host =
        std::make_unique<app::PreviewHost>(*app, now - app::preview_script_duration(*session->state));
    session->errors = app::run_script(*app, *session->host, *session->state);
  } else {
    session->errors = std::move(parsed.errors);
    // value() would throw (abort, without exceptions) on a "name" that is not a string.
    if (object.is_object()) {
      const auto name = object.find("name");
      if (name != object.end() && name->is_string()) session->name = name->get<std::string>();
    }
    app = std::make_unique<app::App>(base);
  }
  g_session = std::move(session);
  return app;
}

bool active() { return g_session != nullptr; }

void pump(app::App& app) {
  Session& s = *g_session;
  if (s.host) s.host->pump();
  if (app.layout().controls.empty()) return;  // nothing drawn yet: nothing to check
  std::vector<std::string> failures = s.errors;
  if (s.state) {
    for (auto& failure : app::check_expectations(app, *s.state)) failures.push_back(std::move(failure));
  }
  const nlohmann::json result = {{"state", s.name},
                                 {"lang", lang_name(app.config().lang)},
                                 {"theme", app.config().theme == ui::Theme::dark ? "dark" : "light"},
                                 {"failures", failures}};
  std::string text = result.dump();
  if (text == s.published) return;
  s.published = std::move(text);
  verji_preview_publish(s.published.c_str());
}

}  // namespace verji::web::preview
