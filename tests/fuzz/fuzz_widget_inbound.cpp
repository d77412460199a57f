// The inbound message path: JSON text from the host into the Widget API client and the invite
// tracker listening to it (verji::testing::CoreWidget, as the app drives them), and what they
// decide: the answers and requests they post.
//
// The input is a script, one step per line:
//   !start              WidgetApiClient::start
//   !submit <json>      InviteTracker::submit of that content (request id from its block, or one
//                       made up when it has none); a content that is no JSON submits {}
//   !resend             InviteTracker::resend of the latest submission
//   !caps               WidgetApiClient::request_capabilities
//   ~<ms>               the clock moves to <ms> (never back)
//   @<ms>               the same, then WidgetApiClient::tick
//   anything else       WidgetApiClient::receive of the line as it is
// make_corpus.py writes the golden transcripts (tests/core/transcripts) in this form.
//
// Checked after every step: each posted text is a JSON object of the Widget API addressed to our
// widget; the client counted every receive; exactly one send_event was posted per accepted submit
// or resend (no more, no fewer: the tracker's send_attempts agree), never two in flight at once.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_check.h"
#include "verji/core/invite_tracker.h"
#include "verji/core/widget_api_client.h"
#include "verji/testing/fake_matrix_client.h"

namespace {

using nlohmann::json;
using verji::core::Millis;

constexpr Millis kMaxTime = Millis{1} << 40;  // far beyond any timeout, far below overflow

struct Run {
  verji::testing::FakeRoom room;
  verji::testing::CoreWidget widget{room};
  Millis now = 0;
  std::uint64_t receives = 0;
  std::uint64_t sends_allowed = 0;  // accepted submits and resends that returned true
  std::uint64_t sends_posted = 0;   // send_event requests in the outbound texts
  std::uint64_t submits = 0;
  std::string latest;  // request id of the latest accepted submission

  void step(std::string_view line) {
    if (line == "!start") {
      widget.client.start(now);
    } else if (line.rfind("!submit", 0) == 0) {
      submit(line.substr(7));
    } else if (line == "!resend") {
      if (widget.tracker.resend(latest, now)) ++sends_allowed;
    } else if (line == "!caps") {
      widget.client.request_capabilities(now);
    } else if (!line.empty() && (line[0] == '@' || line[0] == '~')) {
      Millis to = 0;
      const auto [end, error] = std::from_chars(line.data() + 1, line.data() + line.size(), to);
      static_cast<void>(end);
      if (error == std::errc() && to > now) now = std::min(to, kMaxTime);
      if (line[0] == '@') widget.client.tick(now);
    } else {
      ++receives;
      widget.client.receive(line, now);
    }
    check();
  }

  void submit(std::string_view text) {
    json content = json::parse(text, nullptr, false);
    if (content.is_discarded()) content = json::object();
    std::string id = "fuzz" + std::to_string(++submits);
    if (content.is_object()) {
      const auto block = content.find("app.verji.invite");
      if (block != content.end() && block->is_object()) {
        const auto rid = block->find("request_id");
        if (rid != block->end() && rid->is_string()) id = rid->get<std::string>();
      }
    }
    if (widget.tracker.submit(id, std::move(content), now).ok()) {
      ++sends_allowed;
      latest = id;
    }
  }

  void check() {
    for (const std::string& text : widget.client.take_outbound()) {
      const json message = json::parse(text, nullptr, false);
      VERJI_FUZZ_CHECK(message.is_object());
      const auto api = message.find("api");
      VERJI_FUZZ_CHECK(api != message.end() && api->is_string());
      VERJI_FUZZ_CHECK(*api == "fromWidget" || *api == "toWidget");
      VERJI_FUZZ_CHECK(message.contains("action") && message["action"].is_string());
      VERJI_FUZZ_CHECK(message.contains("requestId") && message["requestId"].is_string());
      VERJI_FUZZ_CHECK(message.contains("widgetId") && message["widgetId"] == room.widget_id);
      if (*api == "toWidget") {
        VERJI_FUZZ_CHECK(message.contains("response"));  // we only ever answer toWidget requests
      } else {
        VERJI_FUZZ_CHECK(!message.contains("response"));
        VERJI_FUZZ_CHECK(message["requestId"].get<std::string>().rfind("verji-", 0) == 0);
        if (message["action"] == "send_event") ++sends_posted;
      }
    }
    widget.client.take_events();
    widget.tracker.take_events();

    VERJI_FUZZ_CHECK(widget.client.counters().received == receives);
    VERJI_FUZZ_CHECK(sends_posted == sends_allowed);
    std::uint64_t attempts = 0;
    int in_flight = 0;
    for (const auto& s : widget.tracker.submissions()) {
      VERJI_FUZZ_CHECK(s.send_attempts >= 0);
      attempts += static_cast<std::uint64_t>(s.send_attempts);
      in_flight += s.in_flight ? 1 : 0;
    }
    VERJI_FUZZ_CHECK(attempts == sends_posted);
    VERJI_FUZZ_CHECK(in_flight <= 1);
    VERJI_FUZZ_CHECK(widget.tracker.send_in_flight() == (in_flight == 1));
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Run run;
  for (const std::string_view line : verji::fuzz::split(verji::fuzz::as_text(data, size), '\n'))
    run.step(line);
  return 0;
}
