// Golden transcripts for the widget protocol engine, plus envelope and robustness tests.
//
// A transcript (tests/core/transcripts/*.jsonl) is one JSON value per line; blank lines and lines
// starting with '#' are comments. Commands, run in order at time "at" (ms):
//   {"at": 0, "do": "start"}                      WidgetEngine::start
//   {"at": 0, "do": "tick"}                       WidgetEngine::tick
//   {"at": 0, "do": "submit", "request_id": "...", "content": {...}, "result": "accepted"}
//   {"at": 0, "do": "resend", "request_id": "...", "result": true}
//   {"at": 0, "do": "request_capabilities", "result": true}
//   {"at": 0, "in": {...}}                        one inbound message (dumped to text)
//   {"at": 0, "in_text": "..."}                   one inbound text as is (malformed input)
// Expectations, which must follow the command that produced them, outbound messages first:
//   {"out": {...}}        the next outbound message
//   {"event": {...}}      the next application event (to_json(EngineEvent))
//   {"counters": {...}}   these counters have these values now
//   {"submission": {"request_id": "...", ...}}   these fields of that submission (see below)
//   {"next_deadline": 10000}  (or null)
//   {"handshake": "ready"}, {"content_loaded_answer": ""}  (null while unanswered)
// Every outbound message and event must be expected: leftovers fail at the next command.
//
// Set VERJI_TRANSCRIPT_RECORD=<dir> to write each transcript with its "out"/"event" lines
// replaced by what the engine did (to draft a new transcript; review before committing).
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

#include "fake_widget_host.h"
#include "transcripts.h"
#include "verji/core/widget_protocol.h"

using verji::core::Counters;
using verji::core::Millis;
using verji::core::Submission;
using verji::core::to_json;
using verji::core::to_string;
using verji::core::WidgetEngine;
using verji::test::json;

namespace {

json counters_json(const Counters& c) {
  return {{"received", c.received},
          {"dropped_oversized", c.dropped_oversized},
          {"dropped_malformed", c.dropped_malformed},
          {"dropped_wrong_widget", c.dropped_wrong_widget},
          {"dropped_own_echo", c.dropped_own_echo},
          {"dropped_unexpected", c.dropped_unexpected},
          {"unknown_actions", c.unknown_actions},
          {"timeouts", c.timeouts},
          {"late_responses", c.late_responses},
          {"duplicate_events", c.duplicate_events},
          {"ignored_events", c.ignored_events}};
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
  Replay(std::string name, std::string_view text)
      : name_(std::move(name)), engine_(verji::test::test_session()) {
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
      engine_.receive(line["in"].dump(), at);
      return;
    }
    if (line.contains("in_text")) {
      engine_.receive(line["in_text"].get<std::string>(), at);
      return;
    }
    const std::string command = line["do"].get<std::string>();
    INFO(where << ": do " << command);
    if (command == "start") {
      engine_.start(at);
    } else if (command == "tick") {
      engine_.tick(at);
    } else if (command == "submit") {
      const auto result = engine_.submit(line["request_id"].get<std::string>(), line["content"], at);
      CHECK(to_string(result.code) == line.value("result", "accepted"));
    } else if (command == "resend") {
      CHECK(engine_.resend(line["request_id"].get<std::string>(), at) == line.value("result", true));
    } else if (command == "request_capabilities") {
      CHECK(engine_.request_capabilities(at) == line.value("result", true));
    } else {
      FAIL("unknown command " << command);
    }
  }

  void collect() {
    for (const auto& text : engine_.take_outbound()) {
      const json message = json::parse(text, nullptr, false);
      REQUIRE_FALSE(message.is_discarded());
      actual_.push_back({{"out", message}});
    }
    for (const auto& event : engine_.take_events()) actual_.push_back({{"event", to_json(event)}});
  }

  void check(const json& line, const std::string& where) {
    if (line.contains("counters")) {
      check_subset(line["counters"], counters_json(engine_.counters()), where + " counters");
    } else if (line.contains("submission")) {
      const json& expected = line["submission"];
      const Submission* s = engine_.find(expected.value("request_id", ""));
      INFO(where << ": submission " << expected.dump());
      REQUIRE(s != nullptr);
      check_subset(expected, submission_json(*s), where + " submission");
    } else if (line.contains("next_deadline")) {
      const auto next = engine_.next_deadline();
      CHECK((next ? json(*next) : json(nullptr)) == line["next_deadline"]);
    } else if (line.contains("content_loaded_answer")) {
      const auto& answer = engine_.content_loaded_answer();
      CHECK((answer ? json(*answer) : json(nullptr)) == line["content_loaded_answer"]);
    } else if (line.contains("handshake")) {
      CHECK(to_string(engine_.handshake()) == line["handshake"].get<std::string>());
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
  WidgetEngine engine_;
  std::vector<std::string> raw_;
  std::deque<json> actual_;
  std::vector<std::string> record_;
};

}  // namespace

TEST_CASE("golden transcripts replay exactly", "[widget_protocol][transcript]") {
  const auto& all = verji::test::transcripts();
  REQUIRE(all.size() >= 6);
  for (const auto& t : all) {
    SECTION(t.name) { Replay(t.name, t.text()).run(); }
  }
}

namespace {

json theme_request(const std::string& name) {
  return {{"api", "toWidget"},
          {"widgetId", verji::test::kWidgetId},
          {"requestId", "host-1"},
          {"action", "theme_change"},
          {"data", {{"name", name}}}};
}

// A theme_change request whose dumped text is exactly `size` bytes long.
std::string theme_request_of_size(std::size_t size) {
  const std::size_t bare = theme_request("").dump().size();
  REQUIRE(size >= bare);
  const std::string text = theme_request(std::string(size - bare, 'x')).dump();
  REQUIRE(text.size() == size);
  return text;
}

}  // namespace

TEST_CASE("messages over 1 MiB are dropped unparsed, 1 MiB exactly is read", "[widget_protocol]") {
  WidgetEngine engine(verji::test::test_session());
  engine.receive(theme_request_of_size(verji::core::kMaxInboundBytes + 1), 0);
  CHECK(engine.counters().dropped_oversized == 1);
  CHECK(engine.take_outbound().empty());
  engine.receive(theme_request_of_size(verji::core::kMaxInboundBytes), 0);
  CHECK(engine.counters().dropped_oversized == 1);
  CHECK(engine.take_outbound().size() == 1);
}

TEST_CASE("nesting deeper than 64 is dropped; brackets inside strings do not count", "[widget_protocol]") {
  WidgetEngine engine(verji::test::test_session());
  const auto nested = [](int depth) {
    json value = json::object();
    for (int i = 0; i < depth - 3; ++i) value = json::array({value});
    json request = theme_request("dark");
    request["data"]["extra"] = value;  // request, data, then depth - 3 arrays around an object
    return request.dump();
  };
  engine.receive(nested(64), 0);
  CHECK(engine.take_outbound().size() == 1);
  engine.receive(nested(65), 0);
  CHECK(engine.take_outbound().empty());
  CHECK(engine.counters().dropped_malformed == 1);
  engine.receive(theme_request(std::string(500, '[')).dump(), 0);
  CHECK(engine.take_outbound().size() == 1);
  // A million brackets neither crash the parser nor get that far.
  engine.receive(std::string(1000000, '['), 0);
  CHECK(engine.counters().dropped_malformed == 2);
}

TEST_CASE("content_loaded is sent once, even if start() is called again", "[widget_protocol]") {
  WidgetEngine engine(verji::test::test_session());
  engine.start(0);
  engine.start(5);
  const auto out = engine.take_outbound();
  REQUIRE(out.size() == 2);
  CHECK(json::parse(out[0])["action"] == "content_loaded");
  CHECK(json::parse(out[1])["action"] == "supported_api_versions");
}

TEST_CASE("without a widgetId in the URL the engine adopts the host's first request's", "[widget_protocol]") {
  auto session = verji::test::test_session();
  session.widget_id.clear();
  WidgetEngine engine(session);
  engine.start(0);
  CHECK(engine.take_outbound().empty());  // nobody to address yet
  json capabilities = theme_request("x");
  capabilities["action"] = "capabilities";
  capabilities["widgetId"] = "from-host";
  engine.receive(capabilities.dump(), 1);
  const auto out = engine.take_outbound();
  REQUIRE(out.size() == 1);
  CHECK(json::parse(out[0])["widgetId"] == "from-host");
  engine.receive(theme_request("dark").dump(), 2);  // widgetId w1 is now someone else
  CHECK(engine.counters().dropped_wrong_widget == 1);
}

TEST_CASE("supported_api_versions lists only what the engine implements", "[widget_protocol]") {
  const auto versions = verji::core::supported_api_versions();
  CHECK(std::find(versions.begin(), versions.end(), "org.matrix.msc2762_update_state") == versions.end());
  CHECK(std::find(versions.begin(), versions.end(), "org.matrix.msc2974") != versions.end());
  CHECK(std::find(versions.begin(), versions.end(), "org.matrix.msc2871") != versions.end());
}

TEST_CASE("every event type has a JSON form with a type", "[widget_protocol]") {
  using namespace verji::core;
  const std::vector<EngineEvent> events = {HandshakeDone{},
                                           CapabilitiesChanged{{"a"}, {"b"}},
                                           HostVersions{{"0.0.1"}},
                                           ThemeChanged{"dark"},
                                           LanguageChanged{"nb"},
                                           VisibilityChanged{false},
                                           SubmissionChanged{"r", SubmissionState::failed},
                                           HistoryRestored{3}};
  std::set<std::string> types;
  for (const auto& e : events) types.insert(to_json(e).at("type").get<std::string>());
  CHECK(types.size() == events.size());
  CHECK(to_json(SubmissionChanged{"r", SubmissionState::failed}) ==
        json({{"type", "submission_changed"}, {"request_id", "r"}, {"state", "failed"}}));
}

TEST_CASE("mangled copies of every transcript message never throw", "[widget_protocol][robustness]") {
  // Deterministic: truncations and byte changes of each inbound line, fed to a ready engine.
  std::uint32_t seed = 12345;
  const auto next = [&seed]() {
    seed = seed * 1664525U + 1013904223U;
    return seed >> 8;
  };
  std::size_t fed = 0;
  for (const auto& t : verji::test::transcripts()) {
    WidgetEngine engine(verji::test::test_session());
    verji::test::FakeHost host(engine);
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
        REQUIRE_NOTHROW(engine.receive(mangled, 100));
        REQUIRE_NOTHROW(engine.tick(100 + round));
        for (const auto& out : engine.take_outbound())
          CHECK_FALSE(json::parse(out, nullptr, false).is_discarded());
        ++fed;
      }
    }
  }
  CHECK(fed > 500);
}
