// Time for the core and the layers above: monotonic milliseconds, and where "now" comes from.
//
// The core's protocol units take `now` as an argument of each call, so a test can put any time in
// a transcript. Whoever drives them reads a Clock: the platform's monotonic clock in the page, a
// testing::ManualClock (verji/testing/fake_matrix_client.h) in tests and the designers' preview.
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
