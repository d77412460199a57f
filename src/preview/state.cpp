// The preview's fixture schema: states.json into typed steps and checks (see verji/preview/state.h
// and docs/preview.md). Every name of the vocabulary is spelled once, in the tables below; the
// error messages list them from there.
//
// [SECTION] Vocabulary
// [SECTION] Script steps
// [SECTION] Checks
// [SECTION] States
#include "verji/preview/state.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

namespace verji::preview {
namespace {

using json = nlohmann::json;
using SendAnswer = testing::FakeMatrixClient::SendAnswer;

// ---------------------------------------------------------------------------------------------
// [SECTION] Vocabulary
// ---------------------------------------------------------------------------------------------

template <typename T>
struct Named {
  std::string_view name;
  T value;
};

constexpr std::array<Named<core::Field>, 4> kTextFields = {
    {{"email", core::Field::email},
     {"full_name", core::Field::full_name},
     {"phone", core::Field::phone},
     {"welcome_message", core::Field::welcome_message}}};

// The intents a script may name as {"intent": name}; "resend" is ResendNewest.
const std::array<Named<Step>, 7> kIntents = {{{"submit", Dispatch{app::Submit{}}},
                                              {"send_invite", Dispatch{app::SendInvite{}}},
                                              {"edit_again", Dispatch{app::EditAgain{}}},
                                              {"request_permission", Dispatch{app::RequestPermission{}}},
                                              {"invite_another", Dispatch{app::InviteAnother{}}},
                                              {"copy_notice", Dispatch{app::CopyAdvanceNotice{}}},
                                              {"resend", ResendNewest{}}}};

// {"choose": group, "value": name}, spelled "group=name" as the radios' layout ids are.
const std::array<Named<app::Intent>, 4> kChoices = {
    {{"verification=sms", app::ChooseVerification{core::Verification::sms}},
     {"verification=email", app::ChooseVerification{core::Verification::email}},
     {"user_type=standard", app::ChooseUserType{core::UserType::standard}},
     {"user_type=administrator", app::ChooseUserType{core::UserType::administrator}}}};

constexpr std::array<Named<SendAnswer>, 4> kHostAnswers = {{{"ok", SendAnswer::ok},
                                                            {"deny_send", SendAnswer::deny},
                                                            {"rate_limit", SendAnswer::rate_limit},
                                                            {"timeout", SendAnswer::timeout}}};

constexpr std::array<Named<Connection>, 3> kConnections = {{{"ready", Connection::ready},
                                                            {"send_denied", Connection::send_denied},
                                                            {"standalone", Connection::standalone}}};

constexpr std::array<Named<Check::Selects>, 3> kSelectors = {{{"control", Check::Selects::control},
                                                              {"status", Check::Selects::status},
                                                              {"absent", Check::Selects::absent}}};

// The value named `name` in `table`, or null.
template <typename T, std::size_t N>
const T* lookup(const std::array<Named<T>, N>& table, std::string_view name) {
  for (const auto& entry : table) {
    if (entry.name == name) return &entry.value;
  }
  return nullptr;
}

// The value named by the JSON string `value` in `table`, or null (also when it is no string).
template <typename T, std::size_t N>
const T* lookup_json(const std::array<Named<T>, N>& table, const json& value) {
  return value.is_string() ? lookup(table, value.get_ref<const std::string&>()) : nullptr;
}

// "a, b or c" from the names of a table.
template <typename Table>
std::string names_of(const Table& table, std::string_view conjunction = " or ") {
  std::string out;
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (i > 0) out += i + 1 == table.size() ? std::string(conjunction) : std::string(", ");
    out += table[i].name;
  }
  return out;
}

// A text for both languages: a string, or {"nb": ..., "en": ...} with both.
std::optional<Text> text_of(const json& value) {
  if (value.is_string()) return Text{value.get<std::string>(), value.get<std::string>()};
  if (!value.is_object() || value.size() != 2) return std::nullopt;
  const auto nb = value.find("nb");
  const auto en = value.find("en");
  if (nb == value.end() || en == value.end() || !nb->is_string() || !en->is_string()) return std::nullopt;
  return Text{nb->get<std::string>(), en->get<std::string>()};
}

std::optional<std::int64_t> count_of(const json& value, std::int64_t max) {
  if (!value.is_number_integer()) return std::nullopt;
  const auto n = value.get<std::int64_t>();
  if (n < 0 || n > max) return std::nullopt;
  return n;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Script steps
// ---------------------------------------------------------------------------------------------

// Reads one step whose verb is `verb` (already known to be there); an error, or empty.
using StepReader = std::string (*)(const json& step, const json& verb, Step& out);

std::string read_edit(const json& step, const json& verb, Step& out) {
  const core::Field* field = lookup_json(kTextFields, verb);
  if (field == nullptr) return "edit: the field must be " + names_of(kTextFields);
  const auto text = step.find("text");
  if (text == step.end() || !text->is_string()) return "edit: \"text\" must be a string";
  std::int64_t repeat = 1;
  if (const auto r = step.find("repeat"); r != step.end()) {
    const auto n = count_of(*r, 10000);
    if (!n || *n < 1) return "edit: \"repeat\" must be a whole number from 1 to 10000";
    repeat = *n;
  }
  std::string all;
  for (std::int64_t i = 0; i < repeat; ++i) all += text->get_ref<const std::string&>();
  out = Dispatch{app::EditText{*field, std::move(all)}};
  return {};
}

std::string read_leave(const json&, const json& verb, Step& out) {
  const core::Field* field = lookup_json(kTextFields, verb);
  if (field == nullptr) return "leave: the field must be " + names_of(kTextFields);
  out = Dispatch{app::LeaveField{*field}};
  return {};
}

std::string read_choose(const json& step, const json& verb, Step& out) {
  const auto value = step.find("value");
  const app::Intent* intent = nullptr;
  if (verb.is_string() && value != step.end() && value->is_string()) {
    intent =
        lookup(kChoices, verb.get_ref<const std::string&>() + "=" + value->get_ref<const std::string&>());
  }
  if (intent == nullptr) {
    return "choose: {\"choose\": G, \"value\": V} where G=V is " + names_of(kChoices);
  }
  out = Dispatch{*intent};
  return {};
}

std::string read_intent(const json&, const json& verb, Step& out) {
  const Step* step = lookup_json(kIntents, verb);
  if (step == nullptr) return "intent: one of " + names_of(kIntents);
  out = *step;
  return {};
}

std::string read_confirm_sensitive(const json&, const json& verb, Step& out) {
  if (!verb.is_boolean()) return "confirm_sensitive: true or false";
  out = Dispatch{app::ConfirmSensitive{verb.get<bool>()}};
  return {};
}

std::string read_bot(const json& step, const json& verb, Step& out) {
  if (!verb.is_string() || verb.get_ref<const std::string&>().empty()) {
    return "bot: the message text must be a non-empty string";
  }
  BotSays says{verb.get<std::string>(), false};
  if (const auto reply = step.find("reply_to_request"); reply != step.end()) {
    if (!reply->is_boolean()) return "bot: \"reply_to_request\" must be true or false";
    says.reply_to_request = reply->get<bool>();
  }
  out = std::move(says);
  return {};
}

std::string read_wait(const json&, const json& verb, Step& out) {
  const auto ms = count_of(verb, 3600000);
  if (!ms) return "wait_ms: milliseconds from 0 to 3600000";
  out = Wait{*ms};
  return {};
}

std::string read_host(const json&, const json& verb, Step& out) {
  const SendAnswer* answer = lookup_json(kHostAnswers, verb);
  if (answer == nullptr) return "host: " + names_of(kHostAnswers);
  out = AnswerNextSend{*answer};
  return {};
}

std::string read_pick(const json&, const json& verb, Step& out) {
  const auto index = count_of(verb, 20);
  if (!index) return "pick: the alternative's index, from 0";
  out = PickAlternative{static_cast<std::size_t>(*index)};
  return {};
}

// Each step has exactly one verb; these are the verbs, the other keys each allows, and its reader.
struct Verb {
  std::string_view name;
  std::array<std::string_view, 2> extra;
  StepReader read;
};
constexpr std::array<Verb, 9> kVerbs = {{
    {"edit", {"text", "repeat"}, read_edit},
    {"leave", {}, read_leave},
    {"choose", {"value", {}}, read_choose},
    {"intent", {}, read_intent},
    {"confirm_sensitive", {}, read_confirm_sensitive},
    {"bot", {"reply_to_request", {}}, read_bot},
    {"wait_ms", {}, read_wait},
    {"host", {}, read_host},
    {"pick", {}, read_pick},
}};

// What is wrong with one step, or empty (then `out` is the step).
std::string read_step(const json& step, Step& out) {
  if (!step.is_object()) return "a step must be an object";
  const Verb* verb = nullptr;
  for (const auto& v : kVerbs) {
    if (!step.contains(v.name)) continue;
    if (verb != nullptr)
      return "two verbs in one step: " + std::string(verb->name) + ", " + std::string(v.name);
    verb = &v;
  }
  if (verb == nullptr) return "no known verb (" + names_of(kVerbs, ", ") + ")";
  for (const auto& [key, value] : step.items()) {
    if (key != verb->name && std::find(verb->extra.begin(), verb->extra.end(), key) == verb->extra.end()) {
      return "unknown key \"" + key + "\" in a " + std::string(verb->name) + " step";
    }
  }
  return verb->read(step, step.at(std::string(verb->name)), out);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Checks
// ---------------------------------------------------------------------------------------------

// What is wrong with one check, or empty (then `out` is the check).
std::string read_check(const json& object, Check& out) {
  if (!object.is_object()) return "a check must be an object";
  int selectors = 0;
  for (const auto& selector : kSelectors) {
    const auto it = object.find(selector.name);
    if (it == object.end()) continue;
    ++selectors;
    if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
      return std::string(selector.name) +
             ": the id (\"*\" matches any run of characters) must be a non-empty string";
    }
    out.selects = selector.value;
    out.id = it->get<std::string>();
  }
  if (selectors != 1) return "a check names exactly one of " + names_of(kSelectors);
  for (const auto& [key, value] : object.items()) {
    if (lookup(kSelectors, key) != nullptr) continue;
    if (out.selects == Check::Selects::absent) {
      if (key == "label" || key == "contains" || key == "checked" || key == "disabled" || key == "focused" ||
          key == "count") {
        return "absent takes no \"" + key + "\"";
      }
    }
    if (key == "label" || key == "contains") {
      auto text = text_of(value);
      if (!text) return key + ": a string, or {\"nb\": ..., \"en\": ...} with both";
      (key == "label" ? out.label : out.contains) = std::move(*text);
    } else if (key == "checked" || key == "disabled" || key == "focused") {
      if (!value.is_boolean()) return key + ": true or false";
      (key == "checked" ? out.checked : key == "disabled" ? out.disabled : out.focused) = value.get<bool>();
    } else if (key == "count") {
      const auto n = count_of(value, 1000);
      if (!n) return "count: a whole number from 0";
      out.count = static_cast<std::size_t>(*n);
    } else {
      return "unknown key \"" + key + "\" in a check";
    }
  }
  return {};
}

bool valid_name(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] States
// ---------------------------------------------------------------------------------------------

core::Millis State::duration() const {
  core::Millis total = 0;
  for (const auto& step : script) {
    if (const auto* wait = std::get_if<Wait>(&step.step)) total += wait->ms;
  }
  return total;
}

Parse parse_state(const json& object) {
  Parse out;
  if (!object.is_object()) {
    out.errors.push_back("a state must be an object");
    return out;
  }
  State state;
  const auto name = object.find("name");
  const bool named = name != object.end() && name->is_string();
  const std::string label =
      named ? "state \"" + name->get<std::string>() + "\"" : std::string("a state without a name");
  auto fail = [&](const std::string& what) { out.errors.push_back(label + ": " + what); };
  for (const auto& [key, value] : object.items()) {
    if (key != "name" && key != "title" && key != "connection" && key != "script" && key != "expect") {
      fail("unknown key \"" + key + "\"");
    }
  }
  if (!named || !valid_name(name->get<std::string>())) {
    fail("\"name\" must be lower-case letters, digits and hyphens");
  } else {
    state.name = name->get<std::string>();
  }
  const auto title = object.find("title");
  const auto title_text = title != object.end() && title->is_object() ? text_of(*title) : std::nullopt;
  if (!title_text) {
    fail("\"title\" must be {\"nb\": ..., \"en\": ...}");
  } else {
    state.title = *title_text;
  }
  if (const auto connection = object.find("connection"); connection != object.end()) {
    const Connection* c = lookup_json(kConnections, *connection);
    if (c != nullptr) {
      state.connection = *c;
    } else {
      fail("\"connection\" must be " + names_of(kConnections));
    }
  }
  if (const auto script = object.find("script"); script != object.end()) {
    if (!script->is_array()) {
      fail("\"script\" must be an array of steps");
    } else {
      for (std::size_t i = 0; i < script->size(); ++i) {
        ScriptStep step{Dispatch{app::Submit{}}, (*script)[i].dump()};
        const std::string error = read_step((*script)[i], step.step);
        if (!error.empty()) {
          fail("script[" + std::to_string(i) + "] " + step.source + ": " + error);
        } else {
          state.script.push_back(std::move(step));
        }
      }
    }
  }
  const auto expect = object.find("expect");
  if (expect == object.end() || !expect->is_array() || expect->empty()) {
    fail("\"expect\" must be a non-empty array of checks");
  } else {
    for (std::size_t i = 0; i < expect->size(); ++i) {
      Check check;
      check.source = (*expect)[i].dump();
      const std::string error = read_check((*expect)[i], check);
      if (!error.empty()) {
        fail("expect[" + std::to_string(i) + "] " + check.source + ": " + error);
      } else {
        state.expect.push_back(std::move(check));
      }
    }
  }
  if (out.errors.empty()) out.state = std::move(state);
  return out;
}

States parse_states(std::string_view json_text) {
  States out;
  const json all = json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (all.is_discarded() || !all.is_array()) {
    out.errors.push_back("states.json must be a JSON array of states");
    return out;
  }
  std::set<std::string> names;
  for (const auto& object : all) {
    auto parsed = parse_state(object);
    out.errors.insert(out.errors.end(), parsed.errors.begin(), parsed.errors.end());
    if (!parsed.state) continue;
    if (!names.insert(parsed.state->name).second) {
      out.errors.push_back("state \"" + parsed.state->name + "\": the name is used twice");
      continue;
    }
    out.states.push_back(std::move(*parsed.state));
  }
  return out;
}

}  // namespace verji::preview
