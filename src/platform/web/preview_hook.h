// The designers' preview in the web build: when the page's URL has #preview=<URI-encoded JSON of
// one state> (web/preview/states.json) and no widget id, the widget plays that state against an
// in-process Matrix client (verji::testing::FakeMatrixClient, played by verji/preview/player.h) instead of
// talking to a real host, and tells the page whether the state's expectations hold (window.verjiPreview =
// {state, lang, theme, failures}).
//
// web_runner.cpp calls start() before it creates the App, and pump() wherever it would hand the
// App's outbound messages to the JS bridge. A hosted widget (widgetId set) ignores #preview.
#pragma once

#include "verji/app/app.h"
#include "verji/app/clipboard.h"
#include "verji/app/layout.h"
#include "verji/core/clock.h"

#include <memory>
#include <string_view>

namespace verji::web::preview {

// The App for a preview page, its script already played (its time ends at the page's clock, which
// it follows from then on); null when the URL asks for no preview. A malformed state gives a
// standalone App and its errors as the page's failures.
// `page` is the page's clock; the App follows it once the script has played.
std::unique_ptr<app::App> start(std::string_view search, std::string_view hash, const core::Clock& page,
                                app::Clipboard& clipboard);

// True once start() made a preview App: the bridge must then stay out of it.
bool active();

// Answers what the App posted (instead of the bridge), and publishes the expectations' outcome
// against what the last frame drew to the page when it changed. Call after each frame and after
// each host-side event.
void pump(const app::FrameLayout& layout);

}  // namespace verji::web::preview
