// phone_bench_web: the core's phone check per number, as a small web module, for the page
// benchmark's in-page comparison with libphonenumber-js (bench/page/bench.mjs). check_phone() does
// what the widget does for each number typed: parse (region NO), validity, type, and the E.164 and
// international formats. Not built by default (scripts/bench page builds it).
#include "verji/core/phone.h"

#include <emscripten.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace {

std::vector<std::string> g_numbers;
int g_valid = 0;
std::size_t g_sink = 0;  // so that the formats are not optimised away

}  // namespace

// The numbers to check, as a JSON array of strings. Returns how many, or -1 when it is no array.
extern "C" EMSCRIPTEN_KEEPALIVE int pb_set(const char* json) {
  g_numbers.clear();
  const nlohmann::json list = nlohmann::json::parse(json, nullptr, false);
  if (!list.is_array()) return -1;
  for (const nlohmann::json& item : list) {
    if (item.is_string()) g_numbers.push_back(item.get<std::string>());
  }
  return static_cast<int>(g_numbers.size());
}

// libphonenumber's start-up, in milliseconds (0 when it was warm).
extern "C" EMSCRIPTEN_KEEPALIVE double pb_warm() { return verji::core::phone_warm_up(); }

// One pass over the numbers; returns the milliseconds it took.
extern "C" EMSCRIPTEN_KEEPALIVE double pb_run() {
  const auto start = std::chrono::steady_clock::now();
  int valid = 0;
  for (const std::string& number : g_numbers) {
    const verji::core::PhoneCheck check = verji::core::check_phone(number, "NO");
    if (check.valid) ++valid;
    g_sink += check.e164.size() + check.international.size() + check.region.size();
  }
  g_valid = valid;
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// How many numbers the last pass found valid (and a value that depends on every format).
extern "C" EMSCRIPTEN_KEEPALIVE int pb_valid() { return g_valid; }
extern "C" EMSCRIPTEN_KEEPALIVE double pb_sink() { return static_cast<double>(g_sink); }

int main() { return 0; }
