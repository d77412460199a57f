#include "verji/ui/input_trickle.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using verji::ui::InputEvent;
using verji::ui::InputTrickle;
using verji::ui::KeyRole;

namespace {

constexpr int kTab = 258;
constexpr int kBackspace = 259;
constexpr int kShift = 340;
constexpr int kLetterA = 65;

InputEvent down(int key, KeyRole role) { return {InputEvent::Kind::key_down, key, 0, 0, role, 0}; }
InputEvent up(int key, KeyRole role) { return {InputEvent::Kind::key_up, key, 0, 0, role, 0}; }
InputEvent chr(char c) {
  return {InputEvent::Kind::character, 0, 0, 0, KeyRole::plain, static_cast<unsigned>(c)};
}

// Drains frame by frame; each frame is written as its events ("+258" down, "-258" up, "'a'" char).
std::vector<std::string> frames(InputTrickle& q) {
  std::vector<std::string> out;
  while (!q.empty()) {
    std::string frame;
    q.drain_frame([&](const InputEvent& e) {
      if (!frame.empty()) frame += ' ';
      if (e.kind == InputEvent::Kind::character) {
        frame += std::string("'") + static_cast<char>(e.codepoint) + "'";
      } else {
        frame += (e.kind == InputEvent::Kind::key_down ? "+" : "-") + std::to_string(e.key);
      }
    });
    out.push_back(frame);
  }
  return out;
}

}  // namespace

TEST_CASE("a key pressed and released between two frames is seen down for one frame", "[input]") {
  InputTrickle q;
  q.push(down(kTab, KeyRole::action));
  q.push(up(kTab, KeyRole::action));
  CHECK(frames(q) == std::vector<std::string>{"+258", "-258"});
}

TEST_CASE("two quick taps of one key are two presses", "[input]") {
  InputTrickle q;
  for (int i = 0; i < 2; ++i) {
    q.push(down(kBackspace, KeyRole::action));
    q.push(up(kBackspace, KeyRole::action));
  }
  // Up and down again within one frame would look like a key held down: one transition per frame.
  CHECK(frames(q) == std::vector<std::string>{"+259", "-259", "+259", "-259"});
}

TEST_CASE("characters typed after an editing key wait until the key was seen", "[input]") {
  // "ab", Backspace, "c": the field must see a, b, then Backspace, then c -> "ac".
  InputTrickle q;
  for (const char c : std::string("ab")) q.push(chr(c));
  q.push(down(kBackspace, KeyRole::action));
  q.push(up(kBackspace, KeyRole::action));
  q.push(chr('c'));
  CHECK(frames(q) == std::vector<std::string>{"'a' 'b' +259", "-259 'c'"});
}

TEST_CASE("characters typed before Ctrl went down are seen before it", "[input]") {
  // "no", then Ctrl+A at once: a frame with Ctrl down ignores its characters, so they go first.
  constexpr int kCtrl = 341;
  InputTrickle q;
  for (const char c : std::string("no")) q.push(chr(c));
  q.push(down(kCtrl, KeyRole::modifier));
  q.push(down(kLetterA, KeyRole::action));
  q.push(up(kLetterA, KeyRole::action));
  q.push(up(kCtrl, KeyRole::modifier));
  CHECK(frames(q) == std::vector<std::string>{"'n' 'o'", "+341 +65", "-65 -341"});
}

TEST_CASE("plain typing flows: letter keys never hold anything back", "[input]") {
  // Shift down, A down, 'A', A up, Shift up, then 'b' typed without Shift. Only Shift's second
  // transition has to wait for a frame.
  InputTrickle q;
  q.push(down(kShift, KeyRole::modifier));
  q.push(down(kLetterA, KeyRole::plain));
  q.push(chr('A'));
  q.push(up(kLetterA, KeyRole::plain));
  q.push(up(kShift, KeyRole::modifier));
  q.push(down(66, KeyRole::plain));
  q.push(chr('b'));
  q.push(up(66, KeyRole::plain));
  CHECK(frames(q) == std::vector<std::string>{"+340 +65 'A' -65", "-340 +66 'b' -66"});
}

TEST_CASE("a word typed key by key arrives in one frame, in order", "[input]") {
  InputTrickle q;
  for (const char c : std::string("firma")) {
    const int key = c - 'a' + kLetterA;
    q.push(down(key, KeyRole::plain));
    q.push(chr(c));
    q.push(up(key, KeyRole::plain));
  }
  const auto out = frames(q);
  REQUIRE(out.size() == 1);
  CHECK(out[0] == "+70 'f' -70 +73 'i' -73 +82 'r' -82 +77 'm' -77 +65 'a' -65");
}

TEST_CASE("an empty queue gives empty frames and nothing is lost or reordered", "[input]") {
  InputTrickle q;
  CHECK(q.next_batch_size() == 0);
  const std::string text = "Ola Nordmann";
  for (const char c : text) q.push(chr(c));
  CHECK(q.pending() == text.size());
  CHECK(frames(q) == std::vector<std::string>{"'O' 'l' 'a' ' ' 'N' 'o' 'r' 'd' 'm' 'a' 'n' 'n'"});
}
