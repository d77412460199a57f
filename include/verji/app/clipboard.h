// The system clipboard as the app sees it: somewhere to put a text the admin asked to copy. The web
// platform writes the browser's clipboard; tests keep what was written.
#pragma once

#include <string_view>

namespace verji::app {

class Clipboard {
 public:
  virtual ~Clipboard() = default;
  virtual void write(std::string_view text) = 0;
};

}  // namespace verji::app
