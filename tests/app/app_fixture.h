// An App for tests: a clock the test moves (starting at 1000 ms) and a clipboard it reads.
#pragma once

#include "verji/app/app.h"
#include "verji/app/clipboard.h"
#include "verji/testing/fake_matrix_client.h"

#include <string>
#include <string_view>
#include <utility>

namespace verji::test {

// A clipboard that keeps what was written to it, and counts the writes.
class KeptClipboard : public app::Clipboard {
 public:
  void write(std::string_view text) override {
    text_ = std::string(text);
    ++writes_;
  }
  const std::string& text() const noexcept { return text_; }
  const int& writes() const noexcept { return writes_; }

 private:
  std::string text_;
  int writes_ = 0;
};

// What the platform gives an App, for tests.
struct TestServices {
  testing::ManualClock clock{1000};
  KeptClipboard clipboard;
};

// An App with its own ManualClock and KeptClipboard.
class TestApp : private TestServices, public app::App {
 public:
  explicit TestApp(app::Config config)
      : App(std::move(config), TestServices::clock, TestServices::clipboard) {}
  testing::ManualClock& clock() { return TestServices::clock; }
  KeptClipboard& clipboard() { return TestServices::clipboard; }
};

}  // namespace verji::test
