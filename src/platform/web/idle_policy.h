// When the web widget draws frames, and when it may rest: the idle policy of the main loop, as plain
// C++ with the time passed in (milliseconds, one clock: emscripten_get_now() in the page). The
// runner (web_runner.cpp) tells it what happened and what a frame saw, and does what it decides:
// pausing and resuming the Emscripten main loop, setting the wake-up timer, drawing the caret
// blinking or steady.
//
//   [x] a settle period after the last change: at least kSettleFrames frames and kSettleMs, so that
//       ImGui's hover and active states and a click (applied the frame after it) settle
//   [x] a change, the person's input or any other wake-up restarts it; animations keep the loop
//       going
//   [x] the caret blinks for kBlinkForMs after the last input, a frame per blink turn, then stays on
//   [x] while paused, a timer wakes the loop for the earlier of the app's next deadline and the
//       caret's next turn (at once when the deadline has passed)
//   [ ] no frame rate limit while awake: the browser's own (requestAnimationFrame) is kept
#pragma once

#include <optional>

namespace verji::web {

// After the last change, frames go on for at least this long and this many frames.
constexpr double kSettleMs = 250.0;
constexpr int kSettleFrames = 16;
// The caret blinks this long after the last input, then stays on and costs nothing.
constexpr double kBlinkForMs = 10000.0;

// The caret's blink as Dear ImGui 1.86 draws it (ImGuiInputTextState::CursorAnim, seconds): on while
// the animation is <= 0 or its phase in a 1.2 s period is <= 0.8 s, off for the rest.
constexpr double kCaretPeriodS = 1.2;
constexpr double kCaretOnS = 0.8;
// The wake-up comes this long after the caret's turn, so that the frame it wakes sees the turn.
constexpr double kCaretTurnMarginMs = 15.0;

// How long after a frame whose caret animation stood at `cursor_anim_s` the caret next turns on
// or off, plus kCaretTurnMarginMs.
double next_caret_turn_ms(double cursor_anim_s);

// What woke the loop, or asks for frames.
enum class Wake {
  page,        // a host message, a size or devicePixelRatio change, the page becoming visible
  user_input,  // the person's keys, pointer, wheel, focus or paste: the caret blinks again too
  timer,       // the timer the last pause asked for (a deadline or a caret turn): one frame
};

// What a frame just drawn saw.
struct FrameFacts {
  bool changed = false;    // the app's state changed
  bool animating = false;  // App::animating(): pulsing dots, a "Copied" notice
  // The focused text field's caret animation (seconds since the runner restarted it, counted as
  // ImGuiInputTextState::CursorAnim was); empty when no text field is focused.
  std::optional<double> caret_anim_s;
  std::optional<double> deadline_ms;  // the app's next deadline, same clock as `now_ms`
};

// What the runner does after that frame.
struct AfterFrame {
  bool pause = false;                // pause the main loop now
  std::optional<double> wake_in_ms;  // with pause: wake it after this long (empty: only events do)
};

class IdlePolicy {
 public:
  // Something may change what is drawn: frames for the settle period from `now_ms` (for a timer:
  // one frame). Returns true when the person's input turned a steady caret back to blinking; the
  // runner then restarts the caret's blink animation, so that the caret shows at once.
  bool wake(Wake cause, double now_ms);

  // Called after each frame drawn: go on drawing, or pause (and when to wake up).
  AfterFrame after_frame(const FrameFacts& frame, double now_ms);

  // Whether the focused field's caret blinks (the runner draws it steady otherwise).
  bool caret_blinks() const { return caret_blinks_; }

 private:
  void settle_from(double now_ms);

  int frames_left_ = 0;
  double settle_until_ms_ = 0.0;
  double last_input_ms_ = 0.0;
  bool caret_blinks_ = true;  // as Dear ImGui starts
};

}  // namespace verji::web
