// The web platform layer's one entry point. The executable's main() calls run(); everything the
// browser needs (canvas sizing, fonts per devicePixelRatio, the main loop, the JS library in
// library_verji.js) stays behind it.
#pragma once

namespace verji::web {

// Reads the configuration from the page's URL, creates the WebGL2 context on #canvas, and starts the
// Emscripten main loop. Returns at once (the loop keeps running); non-zero when start-up failed, in
// which case the page already shows why.
int run();

}  // namespace verji::web
