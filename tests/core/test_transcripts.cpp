// Golden transcripts of the widget protocol: the Widget API client and the invite tracker
// listening to it (verji::testing::CoreWidget), driven as the app drives them; plus mangled copies
// of every inbound line, which must never throw.
//
// A transcript (tests/core/transcripts/*.jsonl) is one JSON value per line; blank lines and lines
// starting with '#' are comments. Commands, run in order at time "at" (ms):
//   {"at": 0, "do": "start"}                      WidgetApiClient::start
//   {"at": 0, "do": "tick"}                       WidgetApiClient::tick (which ticks the tracker)
//   {"at": 0, "do": "submit", "request_id": "...", "content": {...}, "result": "accepted"}
//                                                 InviteTracker::submit
//   {"at": 0, "do": "resend", "request_id": "...", "result": true}    InviteTracker::resend
//   {"at": 0, "do": "request_capabilities", "result": true}           WidgetApiClient::request_capabilities
//   {"at": 0, "in": {...}}                        one inbound message (dumped to text)
//   {"at": 0, "in_text": "..."}                   one inbound text as is (malformed input)
// Expectations, which must follow the command that produced them, outbound messages first:
//   {"out": {...}}        the next outbound message
//   {"event": {...}}      the next application event: the client's (to_json(WidgetApiEvent)), then
//                         the tracker's (to_json(TrackerEvent)) of the same command
//   {"counters": {...}}   these counters (the client's and the tracker's) have these values now
//   {"submission": {"request_id": "...", ...}}   these fields of that submission (see below)
//   {"next_deadline": 10000}  (or null)
//   {"handshake": "ready"}, {"content_loaded_answer": ""}  (null while unanswered)
// Every outbound message and event must be expected: leftovers fail at the next command.
//
// Set VERJI_TRANSCRIPT_RECORD=<dir> to write each transcript with its "out"/"event" lines
// replaced by what the client and the tracker did (to draft a new transcript; review before committing).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "transcripts.h"
#include "verji/core/invite_tracker.h"
#include "verji/core/widget_api_client.h"
#include "verji/testing/fake_matrix_client.h"

using json = nlohmann::json;
using verji::core::Millis;
using verji::core::Submission;
using verji::core::to_json;
using verji::core::to_string;
using verji::testing::CoreWidget;

namespace {

// The client's and the tracker's counters under their names (core's to_json), in one object.
json counters_json(const verji::core::WidgetApiCounters& c, const verji::core::TrackerCounters& t) {
  json out = to_json(c);
  out.update(to_json(t));
  return out;
}

json submission_json(const Submission& s) {
  json j = {{"request_id", s.request_id},
            {"event_id", s.event_id},
            {"state", to_string(s.state)},
            {"in_flight", s.in_flight},
            {"echo_seen", s.echo_seen},
            {"checking", s.checking},
            {"resend_allowed", s.resend_allowed},
            {"restored", s.restored},
            {"send_attempts", s.send_attempts},
            {"email", s.email},
            {"user_id", s.user_id},
            {"room", s.room},
            {"username", s.username},
            {"text", s.text},
            {"reason", s.reason},
            {"bot_event_id", s.bot_event_id}};
  j["retry_at"] = s.retry_at ? json(*s.retry_at) : json(nullptr);
  return j;
}

// `actual` has every member of `expected` with the same value.
void check_subset(const json& expected, const json& actual, const std::string& where) {
  for (const auto& [key, value] : expected.items()) {
    INFO(where << ": " << key);
    REQUIRE(actual.contains(key));
    CHECK(actual[key] == value);
  }
}

bool is_command(const json& line) {
  return line.contains("do") || line.contains("in") || line.contains("in_text");
}

class Replay {
 public:
  Replay(std::string name, std::string_view text) : name_(std::move(name)) {
    std::istringstream in{std::string(text)};
    for (std::string line; std::getline(in, line);) raw_.push_back(line);
  }

  void run() {
    for (std::size_t i = 0; i < raw_.size(); ++i) {
      const std::string& text = raw_[i];
      const std::string where = name_ + ".jsonl:" + std::to_string(i + 1);
      if (text.empty() || text[0] == '#') {
        record_.push_back(text);
        continue;
      }
      const json line = json::parse(text, nullptr, false);
      INFO(where << ": " << text);
      REQUIRE_FALSE(line.is_discarded());
      REQUIRE(line.is_object());
      if (is_command(line)) {
        flush_record();
        INFO("output nobody expected before " << where << ": "
                                              << (actual_.empty() ? "" : actual_.front().dump()));
        CHECK(actual_.empty());
        actual_.clear();
        record_.push_back(text);
        execute(line, where);
        collect();
      } else if (line.contains("out") || line.contains("event")) {
        if (recording()) continue;
        INFO(where << " expects " << text);
        REQUIRE_FALSE(actual_.empty());
        CHECK(actual_.front() == line);
        actual_.pop_front();
      } else {
        flush_record();
        record_.push_back(text);
        check(line, where);
      }
    }
    flush_record();
    INFO("output nobody expected at the end of " << name_ << ": "
                                                 << (actual_.empty() ? "" : actual_.front().dump()));
    CHECK(actual_.empty());
    if (recording()) write_record();
  }

 private:
  static bool recording() { return std::getenv("VERJI_TRANSCRIPT_RECORD") != nullptr; }

  void execute(const json& line, const std::string& where) {
    const Millis at = line.value("at", Millis{0});
    if (line.contains("in")) {
      widget_.client.receive(line["in"].dump(), at);
      return;
    }
    if (line.contains("in_text")) {
      widget_.client.receive(line["in_text"].get<std::string>(), at);
      return;
    }
    const std::string command = line["do"].get<std::string>();
    INFO(where << ": do " << command);
    if (command == "start") {
      widget_.client.start(at);
    } else if (command == "tick") {
      widget_.client.tick(at);
    } else if (command == "submit") {
      const auto result = widget_.tracker.submit(line["request_id"].get<std::string>(), line["content"], at);
      CHECK(to_string(result.code) == line.value("result", "accepted"));
    } else if (command == "resend") {
      CHECK(widget_.tracker.resend(line["request_id"].get<std::string>(), at) == line.value("result", true));
    } else if (command == "request_capabilities") {
      CHECK(widget_.client.request_capabilities(at) == line.value("result", true));
    } else {
      FAIL("unknown command " << command);
    }
  }

  void collect() {
    for (const auto& text : widget_.client.take_outbound()) {
      const json message = json::parse(text, nullptr, false);
      REQUIRE_FALSE(message.is_discarded());
      actual_.push_back({{"out", message}});
    }
    for (const auto& event : widget_.client.take_events()) actual_.push_back({{"event", to_json(event)}});
    for (const auto& event : widget_.tracker.take_events()) actual_.push_back({{"event", to_json(event)}});
  }

  void check(const json& line, const std::string& where) {
    if (line.contains("counters")) {
      check_subset(line["counters"], counters_json(widget_.client.counters(), widget_.tracker.counters()),
                   where + " counters");
    } else if (line.contains("submission")) {
      const json& expected = line["submission"];
      const Submission* s = widget_.tracker.find(expected.value("request_id", ""));
      INFO(where << ": submission " << expected.dump());
      REQUIRE(s != nullptr);
      check_subset(expected, submission_json(*s), where + " submission");
    } else if (line.contains("next_deadline")) {
      const auto next = widget_.client.next_deadline();
      CHECK((next ? json(*next) : json(nullptr)) == line["next_deadline"]);
    } else if (line.contains("content_loaded_answer")) {
      const auto& answer = widget_.client.content_loaded_answer();
      CHECK((answer ? json(*answer) : json(nullptr)) == line["content_loaded_answer"]);
    } else if (line.contains("handshake")) {
      CHECK(to_string(widget_.client.handshake()) == line["handshake"].get<std::string>());
    } else {
      FAIL(where << ": unknown line");
    }
  }

  void flush_record() {
    if (!recording()) return;
    for (const auto& a : actual_) record_.push_back(a.dump());
    actual_.clear();
  }

  void write_record() {
    std::ofstream out(std::string(std::getenv("VERJI_TRANSCRIPT_RECORD")) + "/" + name_ + ".jsonl");
    for (const auto& line : record_) out << line << "\n";
  }

  std::string name_;
  CoreWidget widget_;  // the core tests' room (verji::testing::FakeRoom's defaults)
  std::vector<std::string> raw_;
  std::deque<json> actual_;
  std::vector<std::string> record_;
};

}  // namespace

TEST_CASE("golden transcripts replay exactly", "[transcript]") {
  const auto& all = verji::test::transcripts();
  REQUIRE(all.size() >= 6);
  for (const auto& t : all) {
    SECTION(t.name) { Replay(t.name, t.text()).run(); }
  }
}

TEST_CASE("mangled copies of every transcript message never throw", "[transcript][robustness]") {
  // Deterministic: truncations and byte changes of each inbound line, fed to a ready client.
  std::uint32_t seed = 12345;
  const auto next = [&seed]() {
    seed = seed * 1664525U + 1013904223U;
    return seed >> 8;
  };
  std::size_t fed = 0;
  for (const auto& t : verji::test::transcripts()) {
    CoreWidget widget;
    verji::testing::ManualClock clock;
    verji::testing::FakeMatrixClient host(clock, verji::testing::port_of(widget.client, clock));
    host.handshake(verji::core::requested_capabilities());
    std::istringstream in{std::string(t.text())};
    for (std::string line; std::getline(in, line);) {
      const json parsed = json::parse(line, nullptr, false);
      if (parsed.is_discarded() || !parsed.contains("in")) continue;
      const std::string text = parsed["in"].dump();
      for (int round = 0; round < 20; ++round) {
        std::string mangled = text;
        if (round % 2 == 0) {
          mangled.resize(next() % (mangled.size() + 1));
        } else {
          for (int k = 0; k < 3; ++k) mangled[next() % mangled.size()] = static_cast<char>(next() & 0xFF);
        }
        REQUIRE_NOTHROW(widget.client.receive(mangled, 100));
        REQUIRE_NOTHROW(widget.client.tick(100 + round));
        for (const auto& out : widget.client.take_outbound())
          CHECK_FALSE(json::parse(out, nullptr, false).is_discarded());
        ++fed;
      }
    }
  }
  CHECK(fed > 500);
}
