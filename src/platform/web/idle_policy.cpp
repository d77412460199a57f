#include "idle_policy.h"

#include <algorithm>
#include <cmath>

namespace verji::web {

double next_caret_turn_ms(double cursor_anim_s) {
  const double phase = cursor_anim_s <= 0.0 ? cursor_anim_s : std::fmod(cursor_anim_s, kCaretPeriodS);
  const double seconds = phase <= kCaretOnS ? kCaretOnS - phase : kCaretPeriodS - phase;
  return seconds * 1000.0 + kCaretTurnMarginMs;
}

void IdlePolicy::settle_from(double now_ms) {
  frames_left_ = std::max(frames_left_, kSettleFrames);
  settle_until_ms_ = std::max(settle_until_ms_, now_ms + kSettleMs);
}

bool IdlePolicy::wake(Wake cause, double now_ms) {
  if (cause == Wake::timer) {
    frames_left_ = std::max(frames_left_, 1);
    return false;
  }
  bool blinks_again = false;
  if (cause == Wake::user_input) {
    last_input_ms_ = now_ms;
    blinks_again = !caret_blinks_;
    caret_blinks_ = true;
  }
  settle_from(now_ms);
  return blinks_again;
}

AfterFrame IdlePolicy::after_frame(const FrameFacts& frame, double now_ms) {
  if (frame.changed || frame.animating) settle_from(now_ms);
  if (frames_left_ > 0) --frames_left_;
  if (frames_left_ > 0 || now_ms < settle_until_ms_) return {};

  if (caret_blinks_ && now_ms - last_input_ms_ >= kBlinkForMs) {
    caret_blinks_ = false;  // the caret stays on from the next frame: draw that one
    return {};
  }
  std::optional<double> wait;
  if (caret_blinks_ && frame.caret_anim_s) wait = next_caret_turn_ms(*frame.caret_anim_s);
  if (frame.deadline_ms) {
    const double until = std::max(0.0, *frame.deadline_ms - now_ms);
    wait = wait ? std::min(*wait, until) : until;
  }
  return {true, wait};
}

}  // namespace verji::web
