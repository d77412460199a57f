// Monotonic time in milliseconds, given to whoever needs it, so that every timeout and deadline
// can be tested with a clock the test moves.
#pragma once

#include <cstdint>

namespace verji::core {

using Millis = std::int64_t;  // monotonic milliseconds

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Millis now() const = 0;
};

}  // namespace verji::core
