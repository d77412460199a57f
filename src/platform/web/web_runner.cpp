// Web platform layer: the Emscripten main loop, a GLFW window over the page's <canvas>, our WebGL 2
// renderer of Dear ImGui's draw lists (gl_renderer.h), and devicePixelRatio handling. Everything
// browser-specific lives in this folder. See web_runner.h. This file is the glue; what can be decided without
// a browser is plain C++ beside it, tested natively and under node (tests/platform/web):
//   idle_policy.h   when to draw, pause and wake (settle period, caret blink window, wake-up delay)
//   layout_json.h   the controls as the page's window.verjiLayout, published only when changed
// and the JS it calls is library_verji.js, declared with the numbers of the seam in library_verji.h.
//
//   [x] canvas backing store follows the canvas's CSS size x devicePixelRatio, every frame
//   [x] fonts re-rasterised and style re-scaled when devicePixelRatio changes (zoom, other screen)
//   [x] libphonenumber's start-up runs after the first frame is on screen, never before it
//   [x] the DOM layer (dom_layer.js): a native control on every control's box carries the
//       input (typing, IME, paste, autofill, undo, Tab, screen readers); its edits, focus, clicks
//       and Escape come here as app intents at once, in the event's own task; what the app
//       changed itself is written back (dom_sync.h), never during a composition
//   [x] the mouse wheel scrolls the form the way the page would (ui::wheel_notches: Emscripten
//       3.1.6's GLFW passes the DOM's deltaY through raw, upside down and about 100x too large)
//   [x] first-frame sentinel for tests and the loading overlay (library_verji.js)
//   [x] every control (text fields, radios, the button) with its label, state and box in CSS pixels,
//       published to the page as window.verjiLayout (layout_json.h): the hook for a DOM layer over
//       the canvas
//   [x] Matrix Widget API: bridge.js checks each message's source and origin and hands the JSON
//       text to verji_host_message(); the app's Widget API client answers; its outbound texts go
//       back through the bridge, which posts them to the one allowed host origin
//   [x] the host's theme_change applies live (style re-applied when the app's theme changes)
//   [x] "Copy advance notice" writes the system clipboard (navigator.clipboard, execCommand as the
//       fallback); paste, copy and cut in the fields are the native controls' own
//   [x] calm when idle: frames only while something may change (input, host messages, size or
//       ratio changes, deadlines, animations, queued keys) plus a short settle period; otherwise
//       the main loop is paused and nothing runs. The caret blinks for kBlinkForMs after the last
//       input, one frame per blink transition, then stays on. idle_policy.h decides; this file
//       keeps the caret's animation clock for it and pauses, resumes and sets the wake-up timer
//   [x] WebGL context loss survived: drawing stops, and when the browser restores the context the
//       renderer's objects and the font texture are made anew; the form's state never left memory
//   [x] dpr=<0.5..4> in the URL overrides devicePixelRatio (the designers' preview)
#include "web_runner.h"

#include "dom_sync.h"
#include "gl_renderer.h"
#include "idle_policy.h"
#include "layout_json.h"
#include "library_verji.h"
#include "preview_hook.h"

#include "verji/app/app.h"
#include "verji/app/clipboard.h"
#include "verji/app/layout.h"
#include "verji/core/clock.h"
#include "verji/core/invite_tracker.h"
#include "verji/core/url_params.h"
#include "verji/core/version.h"
#include "verji/core/widget_api_client.h"
#include "verji/ui/fonts.h"
#include "verji/ui/theme.h"
#include "verji/ui/wheel.h"
#include "verji/ui/widget_view.h"

#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

namespace {

using verji::web::BridgeState;
using verji::web::LocationPart;
using verji::web::WakeCause;

constexpr const char* kCanvas = "#canvas";

std::string location_part(LocationPart which) {
  const int part = static_cast<int>(which);
  const int needed = verji_web_location(part, nullptr, 0);
  std::string text(static_cast<std::size_t>(needed), '\0');
  if (needed > 0) verji_web_location(part, text.data(), needed + 1);
  return text;
}

// The page's monotonic clock (performance.now()), for the app.
class PageClock : public verji::core::Clock {
 public:
  verji::core::Millis now() const override { return static_cast<verji::core::Millis>(emscripten_get_now()); }
};

void set_clipboard(void*, const char* text);

// The system clipboard, for the app ("Copy advance notice"): the same path as ImGui's copy.
class PageClipboard : public verji::app::Clipboard {
 public:
  void write(std::string_view text) override { set_clipboard(nullptr, std::string(text).c_str()); }
};

struct Runner {
  GLFWwindow* window = nullptr;
  PageClock clock;
  PageClipboard app_clipboard;
  std::unique_ptr<verji::app::App> app;
  verji::app::FrameLayout layout;  // what the last frame drew
  verji::ui::FontSet fonts;
  double fonts_dpr = 0.0;
  verji::app::Theme styled_theme = verji::app::Theme::light;  // the theme apply_style() last used
  int width = 0;                                              // canvas backing store, physical pixels
  int height = 0;
  int frames = 0;
  verji::web::LayoutPublisher publisher;  // window.verjiLayout (layout_json.h)
  verji::web::DomSync dom;                // what the fields' native controls hold (dom_sync.h)
  verji::web::GlRenderer renderer;        // ImGui's draw lists to WebGL 2 (gl_renderer.h)
  verji::web::IdlePolicy idle;            // when to draw (idle_policy.h); its clock is emscripten_get_now()
  double caret_reset_ms = 0.0;            // the caret's blink animation starts here (visible)
  bool paused = false;                    // the main loop is paused
  bool context_lost = false;
  bool settled = false;  // libphonenumber's start-up is done (verji_web_slice)
  int slices = 0;        // the tasks it took, and the longest of them
  double longest_slice_ms = 0.0;
  double dpr_override = 0.0;  // dpr= from the URL; 0 = the browser's devicePixelRatio
};

Runner g_runner;

// How much of libphonenumber's start-up one task does. A single step may take longer (making
// PhoneNumberUtil, or one large pattern, cannot be cut).
constexpr double kPhoneSliceMs = 6.0;

// ---- idle: the main loop runs only while something may change (idle_policy.h decides) -------------

void resume(Runner& r) {
  if (!r.paused || r.context_lost) return;
  r.paused = false;
  verji_web_wake_after(verji::web::kCancelWakeTimer);
  verji_web_report("idle", 0.0);
  emscripten_resume_main_loop();
}

// Tells the idle policy what happened, and resumes the loop if it was paused. The person's input
// makes a steady caret blink again, starting visible.
void wake(Runner& r, verji::web::Wake cause) {
  const double now = emscripten_get_now();
  if (r.idle.wake(cause, now) || cause == verji::web::Wake::user_input) r.caret_reset_ms = now;
  resume(r);
}

// The focused text field's caret animation (seconds since it last restarted), if one is drawn.
std::optional<double> caret_anim_s(const Runner& r) {
  if (!verji::app::text_field_named(r.app->state().form.focused)) return std::nullopt;
  return (emscripten_get_now() - r.caret_reset_ms) / 1000.0;
}

// Whether the caret is drawn this frame: always once it stopped blinking; while it blinks, as
// Dear ImGui blinks it (on for 0.8 s of every 1.2 s).
bool caret_visible(const Runner& r) {
  const auto anim = caret_anim_s(r);
  return !anim || !r.idle.caret_blinks() ||
         std::fmod(*anim, verji::web::kCaretPeriodS) <= verji::web::kCaretOnS;
}

// After a frame: go on drawing, or pause the loop until the next deadline, caret blink or wake-up.
void settle_or_pause(Runner& r, bool changed) {
  verji::web::FrameFacts facts;
  facts.changed = changed;
  facts.animating = r.app->animating();
  facts.caret_anim_s = caret_anim_s(r);
  if (const auto deadline = r.app->next_deadline()) facts.deadline_ms = static_cast<double>(*deadline);
  const verji::web::AfterFrame next = r.idle.after_frame(facts, emscripten_get_now());
  if (!next.pause) return;
  r.paused = true;
  emscripten_pause_main_loop();
  verji_web_report("idle", 1.0);
  if (next.wake_in_ms) verji_web_wake_after(*next.wake_in_ms);
}

// The wheel over the canvas, from the DOM event itself (GLFW's scroll callback has no deltaMode).
// Handled: the page around the widget does not scroll as well.
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* event, void*) {
  const auto notches = verji::ui::wheel_notches(event->deltaX, event->deltaY, event->deltaMode);
  ImGuiIO& io = ImGui::GetIO();
  io.MouseWheelH += notches.x;
  io.MouseWheel += notches.y;
  return EM_TRUE;
}

// Keeps the canvas's backing store at CSS size x devicePixelRatio, so that one canvas pixel is one
// screen pixel and text is crisp. We size the canvas ourselves: Emscripten 3.1.6's GLFW has no
// HiDPI support, and its glfwSetWindowSize goes fullscreen when the size equals the screen's.
// Returns false when the fonts could not be built for the new ratio (the page then shows why).
bool sync_canvas_size(Runner& r) {
  double css_w = 0.0, css_h = 0.0;
  emscripten_get_element_css_size(kCanvas, &css_w, &css_h);
  const double dpr = r.dpr_override > 0.0 ? r.dpr_override : emscripten_get_device_pixel_ratio();
  const int w = std::max(1, static_cast<int>(std::lround(css_w * dpr)));
  const int h = std::max(1, static_cast<int>(std::lround(css_h * dpr)));
  if (w != r.width || h != r.height) {
    int now_w = 0;
    int now_h = 0;
    emscripten_get_canvas_element_size(kCanvas, &now_w, &now_h);
    // Setting it reallocates the drawing buffer even at the same size: only when it differs (the
    // boot script already gave it the first frame's size).
    if (now_w != w || now_h != h) emscripten_set_canvas_element_size(kCanvas, w, h);
    r.width = w;
    r.height = h;
  }
  if (dpr != r.fonts_dpr) {
    // Between frames: the atlas may be rebuilt and re-uploaded.
    const float em = std::round(verji::ui::kBodyCssPx * static_cast<float>(dpr));
    r.fonts = verji::ui::build_fonts(*ImGui::GetIO().Fonts, em);
    if (r.fonts.body == nullptr) {
      verji_web_fatal("the font atlas could not be built");
      return false;
    }
    r.renderer.upload_fonts();
    r.fonts_dpr = dpr;
    r.styled_theme = r.app->config().theme;
    verji::ui::apply_style(ImGui::GetStyle(), r.styled_theme, r.fonts.em);
  }
  if (r.styled_theme != r.app->config().theme) {  // the host switched theme
    r.styled_theme = r.app->config().theme;
    verji::ui::apply_style(ImGui::GetStyle(), r.styled_theme, r.fonts.em);
    verji_web_theme(r.styled_theme == verji::app::Theme::dark ? 1 : 0);
  }
  return true;
}

// Hands whatever the app has for the host to the bridge.
void flush_outbound(Runner& r) {
  if (verji::web::preview::active()) return verji::web::preview::pump(r.layout);  // the designers' preview
  for (const auto& text : r.app->take_outbound()) verji_bridge_post(text.c_str());
}

std::string bridge_reason() {
  const int needed = verji_bridge_reason(nullptr, 0);
  std::string text(static_cast<std::size_t>(needed), '\0');
  if (needed > 0) verji_bridge_reason(text.data(), needed + 1);
  return text;
}

// Publishes the controls to the page when they changed; most frames they did not. The DOM layer
// places its native controls from it.
void publish_layout(Runner& r) {
  if (const auto json = r.publisher.publish(r.layout, r.fonts_dpr)) verji_web_layout(json->c_str());
}

// Writes into the fields' native controls what the app changed itself (a one-click fix, a
// reformatted number, "Invite another"); the focused one gets its caret where the app put it. A
// control in the middle of a composition refuses, and is tried again after the next event.
void write_back(Runner& r) {
  const verji::app::FormState& form = r.app->state().form;
  for (const verji::core::Field field : verji::app::kTextFields) {
    const std::string_view id = verji::core::field_name(field);
    if (r.layout.find(id) == nullptr) {  // not drawn (the confirm step): the page drops its control
      r.dom.holds(field, {});            // and makes a new, empty one when it is drawn again
      continue;
    }
    const std::string_view value = verji::core::text_of(form.form, field);
    const auto text = r.dom.write_for(field, value);
    if (!text) continue;
    const long caret = form.focused == id ? verji::web::utf16_offset(value, form.selection.end) : -1;
    if (verji_dom_set_value(std::string(id).c_str(), text->c_str(), static_cast<int>(caret)) != 0) {
      r.dom.holds(field, *text);
    }
  }
}

void frame(void* arg) {
  Runner& r = *static_cast<Runner*>(arg);
  bool changed = false;
  if (r.frames == 1) {
    // The shaders' status, asked only now that the first frame is on screen (gl_renderer.h).
    if (const std::string problem = r.renderer.verify(); !problem.empty()) {
      verji_web_fatal(problem.c_str());
      emscripten_cancel_main_loop();
      return;
    }
    verji_web_post_slice();  // libphonenumber's start-up next, in slices (verji_web_slice)
  }
  if (r.context_lost) {  // nothing can be drawn until the browser restores the context
    r.app->tick();
    flush_outbound(r);
    r.paused = true;
    emscripten_pause_main_loop();
    return;
  }

  if (!sync_canvas_size(r)) {
    emscripten_cancel_main_loop();
    return;
  }
  changed = r.app->tick() || changed;
  flush_outbound(r);
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(r.width), static_cast<float>(r.height));
  io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  ImGui::NewFrame();
  changed = verji::ui::draw_frame(*r.app, r.fonts, r.layout, caret_visible(r)) || changed;
  ImGui::Render();

  const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(verji::ui::palette(r.app->config().theme).background);
  const float clear[3] = {bg.x, bg.y, bg.z};
  r.renderer.render(*ImGui::GetDrawData(), r.width, r.height, clear);

  flush_outbound(r);  // a click may have sent something
  publish_layout(r);
  write_back(r);
  ++r.frames;
  verji_web_frame_presented(r.frames, r.width, r.height, r.fonts_dpr);
  settle_or_pause(r, changed);
}

// The browser lost the WebGL context (GPU reset, too many contexts): stop drawing. Handled, so that
// the browser may restore it.
EM_BOOL on_context_lost(int, const void*, void*) {
  g_runner.context_lost = true;
  verji_web_report("context_lost", 1.0);
  return EM_TRUE;
}

// The context is back without any of its objects: the renderer makes them anew (program, buffers,
// font texture; the old names are only forgotten), and the form is drawn again as it was.
EM_BOOL on_context_restored(int, const void*, void*) {
  Runner& r = g_runner;
  r.renderer.create();
  r.renderer.upload_fonts();
  r.context_lost = false;
  verji_web_report("context_lost", 0.0);
  wake(r, verji::web::Wake::page);
  return EM_TRUE;
}

void set_clipboard(void*, const char* text) { verji_web_clipboard_write(text != nullptr ? text : ""); }

// The dpr= URL parameter (0.5 to 4), or 0 when absent or unusable.
double dpr_from_url() {
  const std::string search = location_part(LocationPart::search);
  const auto value = verji::core::UrlParams::parse(search, location_part(LocationPart::hash)).get("dpr");
  if (!value || value->empty()) return 0.0;
  char* end = nullptr;
  const double dpr = std::strtod(value->c_str(), &end);
  return end == value->c_str() + value->size() && dpr >= 0.5 && dpr <= 4.0 ? dpr : 0.0;
}

// Everything of the page beyond GLFW: wake-ups, the DOM layer, context loss, dpr=.
void attach_page(Runner& r) {
  verji_web_watch_page();
  verji_dom_attach(verji::ui::body_font_data(), static_cast<int>(verji::ui::body_font_size()));
  r.publisher.set_font_ratio(static_cast<double>(verji::ui::css_font_ratio()));
  emscripten_set_webglcontextlost_callback(kCanvas, nullptr, EM_TRUE, on_context_lost);
  emscripten_set_webglcontextrestored_callback(kCanvas, nullptr, EM_TRUE, on_context_restored);
  r.dpr_override = dpr_from_url();
}

}  // namespace

// Called by library_verji.js on whatever may change what is drawn, with a WakeCause
// (library_verji.h): the person's input also makes the caret blink again.
extern "C" EMSCRIPTEN_KEEPALIVE void verji_web_wake(int cause) {
  Runner& r = g_runner;
  if (!r.app) return;
  const bool user_input = cause == static_cast<int>(WakeCause::user_input);
  wake(r, user_input ? verji::web::Wake::user_input : verji::web::Wake::page);
}

// Called by library_verji.js when the timer set by verji_web_wake_after() fires: a deadline of the
// app or a caret blink is due. One frame; it keeps going if something changed.
// libphonenumber's start-up (~100-150 ms of work in wasm) once the first frame is on screen: a slice
// of kPhoneSliceMs per task of its own, between frames and input, so that no task is long and
// what is typed meanwhile is drawn in the next frame. A frame follows when the state changed.
extern "C" EMSCRIPTEN_KEEPALIVE void verji_web_slice() {
  Runner& r = g_runner;
  if (!r.app || r.settled) return;
  const double start = emscripten_get_now();
  const bool changed = r.app->after_present(kPhoneSliceMs);
  r.longest_slice_ms = std::max(r.longest_slice_ms, emscripten_get_now() - start);
  ++r.slices;
  if (r.app->warming_up()) {
    verji_web_post_slice();
  } else {
    r.settled = true;
    verji_web_report("phone_startup_ms", r.app->phone_startup_ms());
    verji_web_report("phone_slices", r.slices);
    verji_web_report("phone_longest_slice_ms", r.longest_slice_ms);
    verji_web_report("settled_ms", emscripten_get_now());  // phone checks ready (bench/page)
  }
  if (changed) wake(r, verji::web::Wake::page);
}

extern "C" EMSCRIPTEN_KEEPALIVE void verji_web_timer() {
  Runner& r = g_runner;
  if (!r.app) return;
  wake(r, verji::web::Wake::timer);
}

// ---- the DOM layer (dom_layer.js, through library_verji.js) -------------------------------------
// Each call comes in the task of the DOM event and is applied at once; the loop wakes to draw it.

// A field's native control after an input or a selection change: its text, selection and
// composition in UTF-16 offsets (the DOM's); composition -1 when none.
extern "C" EMSCRIPTEN_KEEPALIVE void verji_dom_input(const char* id, const char* text, int sel_start,
                                                     int sel_end, int comp_start, int comp_end) {
  Runner& r = g_runner;
  if (!r.app || id == nullptr || text == nullptr) return;
  const auto field = verji::app::text_field_named(id);
  if (!field) return;
  verji::app::TextInput input{*field, text, {}, {}};
  const std::string_view t = input.text;
  input.selection = {verji::web::utf8_offset(t, sel_start), verji::web::utf8_offset(t, sel_end)};
  if (comp_start >= 0 && comp_end > comp_start) {
    input.composition = {verji::web::utf8_offset(t, comp_start), verji::web::utf8_offset(t, comp_end)};
  }
  r.dom.holds(*field, input.text);
  r.app->dispatch(input);
  write_back(r);  // the phone number reformatted as it is typed, a text cut to its limit
  flush_outbound(r);
  wake(r, verji::web::Wake::user_input);
}

// Keyboard focus moved to the control `id` ("" when none of the widget's has it); `ring`: the
// browser shows a focus ring for it (:focus-visible).
extern "C" EMSCRIPTEN_KEEPALIVE void verji_dom_focus(const char* id, int ring) {
  Runner& r = g_runner;
  if (!r.app) return;
  r.app->dispatch(verji::app::Focus{id != nullptr ? id : "", ring != 0});
  write_back(r);  // leaving the phone field formats its number
  wake(r, verji::web::Wake::user_input);
}

// A button was clicked (or pressed with Enter or Space), a radio or check box changed. Returns 1
// when it acted.
extern "C" EMSCRIPTEN_KEEPALIVE int verji_dom_activate(const char* id) {
  Runner& r = g_runner;
  if (!r.app || id == nullptr) return 0;
  const bool acted = r.app->activate(id);
  flush_outbound(r);
  write_back(r);
  wake(r, verji::web::Wake::user_input);
  return acted ? 1 : 0;
}

// Escape, wherever the focus is.
extern "C" EMSCRIPTEN_KEEPALIVE void verji_dom_escape() {
  Runner& r = g_runner;
  if (!r.app) return;
  r.app->dispatch(verji::app::PressKey{verji::app::Key::escape});
  wake(r, verji::web::Wake::user_input);
}

// Where a click or tap at (x, y), CSS pixels from the canvas's top left, puts the caret in the text
// field `id` as drawn last: a UTF-16 offset into its text, or -1 when the field is not drawn.
extern "C" EMSCRIPTEN_KEEPALIVE int verji_dom_caret_at(const char* id, double x, double y) {
  Runner& r = g_runner;
  if (!r.app || id == nullptr || r.fonts.body == nullptr) return -1;
  const auto field = verji::app::text_field_named(id);
  const verji::app::ControlBox* box = r.layout.find(id);
  if (!field || box == nullptr) return -1;
  const double dpr = r.fonts_dpr > 0.0 ? r.fonts_dpr : 1.0;
  const std::string_view text = verji::core::text_of(r.app->form(), *field);
  const verji::app::Point at{static_cast<float>(x * dpr), static_cast<float>(y * dpr)};
  return static_cast<int>(verji::web::utf16_offset(text, verji::ui::caret_at(*r.fonts.body, *box, text, at)));
}

// Called by bridge.js (through library_verji.js) with one host message that passed its checks.
extern "C" EMSCRIPTEN_KEEPALIVE void verji_host_message(const char* json) {
  Runner& r = g_runner;
  if (!r.app || json == nullptr) return;
  const auto deadline = r.app->next_deadline();
  const bool changed = r.app->on_host_message(json);
  flush_outbound(r);  // the answer goes at once, frame or not
  // Frames only for what changed what is drawn, or a new deadline to wake for: in a busy room the
  // chatter around the invitations draws nothing.
  if (changed || r.app->next_deadline() != deadline) wake(r, verji::web::Wake::page);
}

// The protocol's counters, for window.verjiBridge.protocol() (library_verji.js): why each message
// and room event that came in was dropped or ignored. JSON text, valid until the next call.
extern "C" EMSCRIPTEN_KEEPALIVE const char* verji_protocol_counters() {
  static std::string text;
  const Runner& r = g_runner;
  nlohmann::json out = nlohmann::json::object();
  if (r.app && r.app->client() != nullptr) out["client"] = verji::core::to_json(r.app->client()->counters());
  if (r.app && r.app->tracker() != nullptr)
    out["tracker"] = verji::core::to_json(r.app->tracker()->counters());
  text = out.dump();
  return text.c_str();
}

namespace verji::web {

int run() {
  Runner& r = g_runner;
  const std::string search = location_part(LocationPart::search);
  const std::string hash = location_part(LocationPart::hash);
  r.app = verji::web::preview::start(search, hash, r.clock, r.app_clipboard);  // null unless #preview=<state>
  if (!r.app) {
    r.app = std::make_unique<verji::app::App>(verji::app::config_from_url(search, hash), r.clock,
                                              r.app_clipboard);
  }
  std::printf("verji invite widget %s (%s)\n", std::string(verji::core::widget_version()).c_str(),
              std::string(verji::core::build_kind()).c_str());

  if (glfwInit() == GLFW_FALSE) {
    verji_web_fatal("glfwInit failed");
    return 1;
  }
  // An opaque canvas without depth or stencil: ImGui needs neither, and the compositor skips blending.
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_ALPHA_BITS, 0);
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  // At the canvas's own size (boot.js sized it): GLFW resizes the canvas to the window's size.
  int canvas_w = 0;
  int canvas_h = 0;
  emscripten_get_canvas_element_size(kCanvas, &canvas_w, &canvas_h);
  r.window = glfwCreateWindow(std::max(1, canvas_w), std::max(1, canvas_h), "Verji", nullptr, nullptr);
  if (r.window == nullptr) {
    verji_web_fatal("WebGL 2 is not available in this browser");
    return 1;
  }
  glfwMakeContextCurrent(r.window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing is saved: the widget has no filesystem
  io.LogFilename = nullptr;
  ImGui_ImplGlfw_InitForOpenGL(r.window, true);
  // Keys belong to the native controls (the DOM layer): GLFW's window-wide key listeners would
  // take Backspace and Tab from them. The pointer over the canvas still reaches ImGui.
  verji_web_detach_glfw_keys();
  glfwSetKeyCallback(r.window, nullptr);
  glfwSetCharCallback(r.window, nullptr);
  glfwSetScrollCallback(r.window, nullptr);  // on_wheel instead
  emscripten_set_wheel_callback(kCanvas, nullptr, EM_TRUE, on_wheel);
  r.renderer.create();
  io.SetClipboardTextFn = set_clipboard;
  attach_page(r);
  r.idle.wake(verji::web::Wake::page, emscripten_get_now());  // the first frames, libphonenumber after

  // The host: queued messages arrive during attach; then the handshake starts.
  if (verji_bridge_attach() == static_cast<int>(BridgeState::refused)) r.app->refuse_host(bridge_reason());
  r.app->connect();
  flush_outbound(r);

  emscripten_set_main_loop_arg(frame, &r, 0, false);
  return 0;
}

}  // namespace verji::web
