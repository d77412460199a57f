#include "verji/ui/input_trickle.h"

#include <algorithm>
#include <vector>

namespace verji::ui {

std::size_t InputTrickle::next_batch_size() const {
  std::vector<int> changed_keys;
  bool action_key_down = false;
  bool typed = false;
  for (std::size_t i = 0; i < queue_.size(); ++i) {
    const InputEvent& e = queue_[i];
    if (e.kind == InputEvent::Kind::character) {
      if (action_key_down) return i;
      typed = true;
      continue;
    }
    if (e.role == KeyRole::plain) continue;
    if (e.role == KeyRole::modifier && typed) return i;
    if (std::find(changed_keys.begin(), changed_keys.end(), e.key) != changed_keys.end()) return i;
    changed_keys.push_back(e.key);
    if (e.kind == InputEvent::Kind::key_down && e.role == KeyRole::action) action_key_down = true;
  }
  return queue_.size();
}

}  // namespace verji::ui
