#include "idle_policy.h"

#include <catch2/catch.hpp>

using verji::web::AfterFrame;
using verji::web::FrameFacts;
using verji::web::IdlePolicy;
using verji::web::kBlinkForMs;
using verji::web::kSettleFrames;
using verji::web::kSettleMs;
using verji::web::next_caret_turn_ms;
using verji::web::Wake;

namespace {

// Draws frames `step_ms` apart, each seeing `facts`, until the policy pauses; returns how many were
// drawn (the pausing one included), with `now` at the last and `last` its decision.
int frames_until_pause(IdlePolicy& idle, double& now, double step_ms, const FrameFacts& facts = {},
                       AfterFrame* last = nullptr) {
  for (int frames = 1; frames <= 100000; ++frames) {
    now += step_ms;
    const AfterFrame after = idle.after_frame(facts, now);
    if (after.pause) {
      if (last != nullptr) *last = after;
      return frames;
    }
  }
  return -1;
}

// A policy whose settle period is long over at `now`, with the caret still in its blink window.
IdlePolicy settled(double& now) {
  IdlePolicy idle;
  idle.wake(Wake::user_input, now);
  frames_until_pause(idle, now, 100.0);
  return idle;
}

// The decision after one frame that sees `facts`, woken by the timer at `now`.
AfterFrame timer_frame(IdlePolicy& idle, double now, const FrameFacts& facts) {
  idle.wake(Wake::timer, now);
  return idle.after_frame(facts, now);
}

}  // namespace

TEST_CASE("the settle period lasts kSettleFrames frames when frames come slowly", "[idle]") {
  IdlePolicy idle;
  double now = 0.0;
  idle.wake(Wake::page, now);
  // 100 ms apart: kSettleMs is over after the third frame, the frames are not.
  CHECK(frames_until_pause(idle, now, 100.0) == kSettleFrames);
  CHECK(now == 100.0 * kSettleFrames);
}

TEST_CASE("the settle period lasts kSettleMs when frames come quickly", "[idle]") {
  IdlePolicy idle;
  double now = 0.0;
  idle.wake(Wake::page, now);
  // 1 ms apart: kSettleFrames are drawn after 16 ms, the time is not over.
  CHECK(frames_until_pause(idle, now, 1.0) == static_cast<int>(kSettleMs));
  CHECK(now == kSettleMs);
}

TEST_CASE("a change restarts the settle period, by time and by frames", "[idle]") {
  IdlePolicy idle;
  double now = 0.0;
  idle.wake(Wake::page, now);
  FrameFacts changed;
  changed.changed = true;

  SECTION("by time") {
    for (int i = 0; i < 20; ++i) REQUIRE_FALSE(idle.after_frame({}, now += 10.0).pause);
    REQUIRE_FALSE(idle.after_frame(changed, now += 10.0).pause);  // at 210 ms
    const double changed_at = now;
    CHECK(frames_until_pause(idle, now, 10.0) == static_cast<int>(kSettleMs / 10.0));
    CHECK(now == changed_at + kSettleMs);
  }
  SECTION("by frames") {
    for (int i = 0; i < 5; ++i) REQUIRE_FALSE(idle.after_frame({}, now += 100.0).pause);
    REQUIRE_FALSE(idle.after_frame(changed, now += 100.0).pause);
    // The changed frame was the first of kSettleFrames.
    CHECK(frames_until_pause(idle, now, 100.0) == kSettleFrames - 1);
  }
}

TEST_CASE("a wake-up restarts the settle period: the person's input and the page's events", "[idle]") {
  const Wake cause = GENERATE(Wake::user_input, Wake::page);
  IdlePolicy idle;
  double now = 0.0;
  idle.wake(Wake::page, now);
  for (int i = 0; i < 20; ++i) REQUIRE_FALSE(idle.after_frame({}, now += 10.0).pause);
  idle.wake(cause, now);  // at 200 ms
  const double woken_at = now;
  CHECK(frames_until_pause(idle, now, 10.0) == static_cast<int>(kSettleMs / 10.0));
  CHECK(now == woken_at + kSettleMs);
}

TEST_CASE("an animation or a change in every frame keeps the loop going, and it settles once they end",
          "[idle]") {
  FrameFacts busy;
  SECTION("animation") { busy.animating = true; }
  SECTION("a change in every frame") { busy.changed = true; }
  IdlePolicy idle;
  double now = 0.0;
  idle.wake(Wake::user_input, now);
  for (int i = 0; i < 100; ++i) REQUIRE_FALSE(idle.after_frame(busy, now += 50.0).pause);  // 5 s
  // The last busy frame was the first of the settle period.
  CHECK(frames_until_pause(idle, now, 50.0) == kSettleFrames - 1);
}

TEST_CASE("a timer wake-up draws one frame", "[idle]") {
  double now = 0.0;
  IdlePolicy idle = settled(now);
  now += 1000.0;
  idle.wake(Wake::timer, now);
  CHECK(idle.after_frame({}, now).pause);
  SECTION("and more when that frame changed something") {
    idle.wake(Wake::timer, now);
    FrameFacts changed;
    changed.changed = true;
    CHECK_FALSE(idle.after_frame(changed, now).pause);
    CHECK(frames_until_pause(idle, now, 100.0) == kSettleFrames - 1);
  }
}

TEST_CASE("the caret's next turn follows Dear ImGui 1.86's blink", "[idle][caret]") {
  // On while the animation is <= 0 (-0.3 s just after a reset) and for 0.8 s of each 1.2 s.
  CHECK(next_caret_turn_ms(-0.3) == Approx(1115.0));
  CHECK(next_caret_turn_ms(0.0) == Approx(815.0));
  CHECK(next_caret_turn_ms(0.5) == Approx(315.0));
  CHECK(next_caret_turn_ms(0.8) == Approx(15.0));
  CHECK(next_caret_turn_ms(1.0) == Approx(215.0));
  CHECK(next_caret_turn_ms(1.3) == Approx(715.0));
  CHECK(next_caret_turn_ms(12.1) == Approx(715.0));
}

TEST_CASE("paused, the loop wakes for the earlier of the next deadline and the caret's next turn", "[idle]") {
  double now = 0.0;
  IdlePolicy idle = settled(now);
  FrameFacts facts;

  SECTION("nothing to wait for: only events wake it") {
    const AfterFrame after = timer_frame(idle, now, facts);
    CHECK(after.pause);
    CHECK_FALSE(after.wake_in_ms.has_value());
  }
  SECTION("the caret alone") {
    facts.caret_anim_s = 0.5;
    CHECK(timer_frame(idle, now, facts).wake_in_ms.value_or(-1.0) == Approx(315.0));
  }
  SECTION("the deadline alone") {
    facts.deadline_ms = now + 4000.0;
    CHECK(timer_frame(idle, now, facts).wake_in_ms.value_or(-1.0) == Approx(4000.0));
  }
  SECTION("the deadline comes first") {
    facts.caret_anim_s = 0.5;
    facts.deadline_ms = now + 100.0;
    CHECK(timer_frame(idle, now, facts).wake_in_ms.value_or(-1.0) == Approx(100.0));
  }
  SECTION("the caret turns first") {
    facts.caret_anim_s = 0.5;
    facts.deadline_ms = now + 1000.0;
    CHECK(timer_frame(idle, now, facts).wake_in_ms.value_or(-1.0) == Approx(315.0));
  }
  SECTION("a deadline already past: at once") {
    facts.caret_anim_s = 0.5;
    facts.deadline_ms = now - 50.0;
    const AfterFrame after = timer_frame(idle, now, facts);
    CHECK(after.pause);
    CHECK(after.wake_in_ms.value_or(-1.0) == Approx(0.0));
  }
}

TEST_CASE("the caret blinks for kBlinkForMs after the last input, then stays on", "[idle][caret]") {
  IdlePolicy idle;
  double now = 0.0;
  FrameFacts focused;
  idle.wake(Wake::user_input, now);
  const double input_at = now;
  focused.caret_anim_s = 0.0;
  AfterFrame after;
  REQUIRE(frames_until_pause(idle, now, 10.0, focused, &after) > 0);

  // Paused, woken at each caret turn for a frame, until the window ends.
  int blink_frames = 0;
  while (after.pause) {
    REQUIRE(after.wake_in_ms.has_value());
    REQUIRE(idle.caret_blinks());
    now += *after.wake_in_ms;
    focused.caret_anim_s = (now - input_at) / 1000.0;
    after = timer_frame(idle, now, focused);
    ++blink_frames;
    REQUIRE(blink_frames < 100);
  }
  // The frame after the window ended goes on, to draw the caret on, and no longer blinking.
  CHECK(now - input_at >= kBlinkForMs);
  CHECK(now - input_at < kBlinkForMs + 1000.0);
  CHECK_FALSE(idle.caret_blinks());
  CHECK(blink_frames >= 14);  // two turns per 1.2 s in 10 s, less the settle period
  CHECK(blink_frames <= 17);
  // That frame drawn, it pauses with no caret turn to wake for.
  after = idle.after_frame(focused, now += 16.0);
  CHECK(after.pause);
  CHECK_FALSE(after.wake_in_ms.has_value());
  SECTION("a deadline still wakes it") {
    focused.deadline_ms = now + 3000.0;
    CHECK(timer_frame(idle, now, focused).wake_in_ms.value_or(-1.0) == Approx(3000.0));
  }
  SECTION("input makes it blink again; other wake-ups do not") {
    CHECK_FALSE(idle.wake(Wake::page, now));
    CHECK_FALSE(idle.wake(Wake::timer, now));
    CHECK_FALSE(idle.caret_blinks());
    CHECK(idle.wake(Wake::user_input, now));  // the runner restarts ImGui's blink animation
    CHECK(idle.caret_blinks());
    CHECK_FALSE(idle.wake(Wake::user_input, now));  // already blinking
  }
}

TEST_CASE("input inside the blink window extends it", "[idle][caret]") {
  IdlePolicy idle;
  double now = 0.0;
  idle.wake(Wake::user_input, now);
  frames_until_pause(idle, now, 10.0);
  now = kBlinkForMs - 100.0;
  idle.wake(Wake::user_input, now);
  now += kBlinkForMs - 100.0;  // the first window is long over, the second not
  CHECK(frames_until_pause(idle, now, 0.0) == kSettleFrames);
  CHECK(idle.caret_blinks());
}
