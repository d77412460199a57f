// Feeds keyboard events to Dear ImGui 1.86 frame by frame, so that none is lost.
//
// ImGui 1.86 samples the keyboard once per frame (io.KeysDown): a key pressed and released between two
// frames is never seen, two taps of one key in a frame count once, and within a frame a text field
// handles typed characters before keys, whatever order they came in. (ImGui 1.87 added an input queue
// that trickles events over frames; Debian ships 1.86.) The platform layer pushes every key and
// character event here and applies one frame's batch before each ImGui::NewFrame(). A batch holds:
//   - at most one transition (down or up) per action key or modifier;
//   - no character after an action key went down (Backspace, Enter, arrows, Ctrl+V, ...), so the
//     text field sees the key first, as it was typed;
//   - no modifier transition after a character: ImGui reads the modifiers once per frame, and a
//     text field drops a frame's characters while Ctrl (or Cmd on a Mac) is down, so "ab" typed
//     quickly before Ctrl+A would be lost.
// Everything else waits for the next frame, in order. Plain keys (letters, digits: ImGui only reads
// them with Ctrl or Cmd, which makes them action keys) never hold anything back, so typing flows at
// full speed. Mouse buttons need none of this: the GLFW backend latches clicks itself.
#pragma once

#include <cstddef>
#include <deque>

namespace verji::ui {

// What a key means to ImGui 1.86.
enum class KeyRole {
  plain,     // types a character, or nothing (letters, digits, punctuation without Ctrl/Cmd)
  modifier,  // Shift, Ctrl, Alt, Super
  action,    // edits, moves or focuses: Backspace, Delete, Enter, Tab, Escape, arrows, Ctrl/Cmd+key
};

struct InputEvent {
  enum class Kind { key_down, key_up, character };
  Kind kind = Kind::character;
  int key = 0;       // platform key code (key events)
  int scancode = 0;  // passed through to the platform's handler
  int mods = 0;      // passed through to the platform's handler
  KeyRole role = KeyRole::plain;
  unsigned codepoint = 0;  // character events
};

class InputTrickle {
 public:
  void push(const InputEvent& event) { queue_.push_back(event); }
  bool empty() const noexcept { return queue_.empty(); }
  std::size_t pending() const noexcept { return queue_.size(); }

  // How many of the queued events, from the front, the coming frame may see.
  std::size_t next_batch_size() const;

  // Hands the coming frame's events to `apply` in order and removes them from the queue.
  template <typename Apply>
  void drain_frame(Apply&& apply) {
    const std::size_t n = next_batch_size();
    for (std::size_t i = 0; i < n; ++i) apply(queue_[i]);
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
  }

 private:
  std::deque<InputEvent> queue_;
};

}  // namespace verji::ui
