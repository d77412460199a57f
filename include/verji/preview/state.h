// The designers' preview: one widget state described as data (web/preview/states.json), parsed once
// into typed script steps and typed checks. docs/preview.md lists the vocabulary.
//
// A state is {name, title: {nb, en}, connection?, script: [steps], expect: [checks]}. Each script
// step is one app::Intent or one thing the Matrix client does (answer a send, deliver the
// CompanyBot's message, let time pass); player.h plays them. Each check names what a frame must have
// drawn; checks.h matches them against the layout.
//
// Nothing here throws on a bad fixture: parse errors come back as text naming the state and the
// step, so a designer editing states.json sees what is wrong.
#pragma once

#include "verji/app/intents.h"
#include "verji/core/clock.h"
#include "verji/core/i18n.h"
#include "verji/core/invite_form.h"
#include "verji/testing/fake_matrix_client.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace verji::preview {

// How the simulated Matrix client connects the widget before the script runs.
enum class Connection {
  ready,        // handshake done, every capability approved (the default)
  send_denied,  // handshake done, only io.element.requires_client approved (the dev host's "deny")
  standalone,   // no widget id: the page on its own in a browser tab
};

// A text for both languages (a plain string in the fixture is the same in both).
struct Text {
  std::string nb;
  std::string en;
  const std::string& in(core::Lang lang) const { return lang == core::Lang::en ? en : nb; }
};

// --- script steps --------------------------------------------------------------------------------
// {"edit": F, "text": T, "repeat": N} (EditText with T, N times over), {"leave": F}, {"choose": ...},
// {"confirm_sensitive": B}, {"intent": I}: one intent, as the admin's click or key would give it.
struct Dispatch {
  app::Intent intent;
};
// {"intent": "resend"}: send the newest invitation again.
struct ResendNewest {};
// {"pick": N}: the core's N-th alternative name for the newest invitation, whose username was taken.
struct PickAlternative {
  std::size_t index = 0;
};
// {"bot": T, "reply_to_request": B}: the CompanyBot posts T.
struct BotSays {
  std::string text;
  bool reply_to_request = false;
};
// {"wait_ms": N}: time passes; timeouts fire on the way.
struct Wait {
  core::Millis ms = 0;
};
// {"host": A}: how the client answers the next send_event.
struct AnswerNextSend {
  testing::FakeMatrixClient::SendAnswer answer = testing::FakeMatrixClient::SendAnswer::ok;
};
using Step = std::variant<Dispatch, ResendNewest, PickAlternative, BotSays, Wait, AnswerNextSend>;

// A step and the fixture's text of it (for messages).
struct ScriptStep {
  Step step;
  std::string source;
};

// --- checks --------------------------------------------------------------------------------------
struct Check {
  enum class Selects {
    control,  // {"control": ID}: some control drawn with that id (any role) satisfies the modifiers
    status,   // {"status": ID}: the same, among status lines only
    absent,   // {"absent": ID}: nothing with that id is drawn
  };
  Selects selects = Selects::control;
  std::string id;  // "*" matches any run of characters
  std::optional<Text> label;
  std::optional<Text> contains;
  std::optional<bool> checked;
  std::optional<bool> disabled;
  std::optional<bool> focused;
  std::optional<std::size_t> count;
  std::string source;  // the fixture's text of it (for messages)
};

struct State {
  std::string name;  // "email-typo": file names and URLs use it
  Text title;        // caption for people
  Connection connection = Connection::ready;
  std::vector<ScriptStep> script;
  std::vector<Check> expect;
  // The sum of the script's waits: the host's clock starts that much before "now", so that the
  // script ends at the real clock and later real-time ticks continue from there.
  core::Millis duration() const;
};

struct Parse {
  std::optional<State> state;
  std::vector<std::string> errors;  // empty when state is set
};

// Checks one state object, its steps and its checks.
Parse parse_state(const nlohmann::json& object);

// Parses states.json (an array of states; names unique). Errors name the state and what is wrong.
struct States {
  std::vector<State> states;
  std::vector<std::string> errors;
};
States parse_states(std::string_view json_text);

}  // namespace verji::preview
