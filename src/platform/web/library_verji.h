// The C++ side of library_verji.js, the JS the wasm calls: its functions, and the numbers that
// cross between the two. Each number is named here and documented once; library_verji.js has the
// same names in its VerjiSeam object (VerjiSeam.BridgeState.refused is BridgeState::refused).
// What JS calls in the wasm is defined in web_runner.cpp (verji_web_wake, verji_web_timer,
// verji_host_message, and the DOM layer's verji_dom_input, _focus, _activate, _escape, _caret_at).
#pragma once

namespace verji::web {

// Which part of the page's address verji_web_location() copies.
enum class LocationPart : int {
  search = 0,  // location.search: "?widgetId=...&lang=en"
  hash = 1,    // location.hash: "#preview=..."
};

// What verji_bridge_attach() found (bridge.js's state).
enum class BridgeState : int {
  standalone = 0,  // no host: the widget runs on its own page
  hosted = 1,      // a host is allowed: waiting for it, or connected
  refused = 2,     // the host's origin is not allowed: verji_bridge_reason() says which it was
};

// Why library_verji.js calls verji_web_wake().
enum class WakeCause : int {
  page = 0,        // a host message, a size or devicePixelRatio change, the page becoming visible
  user_input = 1,  // the person's keys, pointer, wheel, focus or input
};

// verji_web_wake_after()'s `ms` that only cancels the timer set before.
constexpr double kCancelWakeTimer = -1.0;

}  // namespace verji::web

// Implemented in library_verji.js; strings are UTF-8. The functions that copy a string into
// `buffer` (`size` bytes, its terminating zero included) return its length without the zero;
// called with no buffer, they only return the length.
extern "C" {
int verji_web_location(int part, char* buffer, int size);  // part: LocationPart
void verji_web_frame_presented(int frame, int width, int height, double device_pixel_ratio);
void verji_web_report(const char* name, double value);
void verji_web_fatal(const char* message);
void verji_web_layout(const char* json);
int verji_bridge_attach();  // a BridgeState
int verji_bridge_reason(char* buffer, int size);
void verji_bridge_post(const char* json);
void verji_web_theme(int dark);
void verji_web_watch_page();
void verji_web_detach_glfw_keys();  // after glfwInit: GLFW's key listeners leave the window
// The DOM layer (dom_layer.js): attached with the body font's bytes (a FontFace for the native
// controls); a field's control set to `value`, with its caret at the UTF-16 offset `caret` when it
// has focus (-1: leave it). Returns 0 when the control refused (in a composition).
void verji_dom_attach(const unsigned char* font, int font_size);
int verji_dom_set_value(const char* id, const char* value, int caret);
void verji_web_wake_after(double ms);  // ms < 0 (kCancelWakeTimer): only cancels
void verji_web_post_slice();           // verji_web_slice() in a task of its own, soon
void verji_web_clipboard_write(const char* text);
void verji_preview_publish(const char* json);  // {state, lang, theme, failures}: preview_hook.h
}
