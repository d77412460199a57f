// The designers' preview: parsing states, the in-process Matrix client, scripts and checks.
// See include/verji/app/preview.h and docs/preview.md.
//
// [SECTION] Vocabulary and parsing
// [SECTION] PreviewHost: the simulated Matrix client
// [SECTION] Scripts
// [SECTION] Checks
#include "verji/app/preview.h"

#include "verji/core/bot_status.h"
#include "verji/core/invite_request.h"
#include "verji/core/phone.h"
#include "verji/core/username.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <utility>

namespace verji::app {
namespace {

using json = nlohmann::json;

// ---------------------------------------------------------------------------------------------
// [SECTION] Vocabulary and parsing
// ---------------------------------------------------------------------------------------------

constexpr std::array<core::Field, 4> kTextFields = {core::Field::email, core::Field::full_name,
                                                    core::Field::phone, core::Field::welcome_message};

std::optional<core::Field> text_field_named(std::string_view name) {
  for (const auto field : kTextFields) {
    if (core::field_name(field) == name) return field;
  }
  return std::nullopt;
}

// The intents a script may name, as {"intent": name}.
constexpr std::array<std::string_view, 7> kIntents = {
    "submit", "send_invite", "edit_again", "request_permission", "invite_another", "copy_notice", "resend"};
constexpr std::array<std::string_view, 4> kHostAnswers = {"ok", "deny_send", "rate_limit", "timeout"};

// Each step has exactly one verb; these are the verbs and the other keys each allows.
struct StepShape {
  std::string_view verb;
  std::array<std::string_view, 2> extra;
};
constexpr std::array<StepShape, 9> kSteps = {{
    {"edit", {"text", "repeat"}},
    {"leave", {}},
    {"choose", {"value", {}}},
    {"intent", {}},
    {"confirm_sensitive", {}},
    {"bot", {"reply_to_request", {}}},
    {"wait_ms", {}},
    {"host", {}},
    {"pick", {}},
}};

constexpr std::array<std::string_view, 3> kSelectors = {"control", "status", "absent"};
constexpr std::array<std::string_view, 6> kModifiers = {"label",    "contains", "checked",
                                                        "disabled", "focused",  "count"};

template <typename Array>
bool contains(const Array& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// A text for both languages: a string, or {"nb": ..., "en": ...} with both.
bool is_text(const json& value) {
  if (value.is_string()) return true;
  if (!value.is_object() || value.size() != 2) return false;
  const auto nb = value.find("nb");
  const auto en = value.find("en");
  return nb != value.end() && en != value.end() && nb->is_string() && en->is_string();
}

std::string text_in(const json& value, core::Lang lang) {
  if (value.is_string()) return value.get<std::string>();
  return value.at(lang == core::Lang::en ? "en" : "nb").get<std::string>();
}

bool is_count(const json& value, std::int64_t max) {
  return value.is_number_integer() && value.get<std::int64_t>() >= 0 && value.get<std::int64_t>() <= max;
}

// What is wrong with one step, or empty.
std::string step_error(const json& step) {
  if (!step.is_object()) return "a step must be an object";
  const StepShape* shape = nullptr;
  for (const auto& s : kSteps) {
    if (step.contains(s.verb)) {
      if (shape != nullptr)
        return "two verbs in one step: " + std::string(shape->verb) + ", " + std::string(s.verb);
      shape = &s;
    }
  }
  if (shape == nullptr)
    return "no known verb (edit, leave, choose, intent, confirm_sensitive, bot, wait_ms, host, pick)";
  for (const auto& [key, value] : step.items()) {
    if (key != shape->verb && !contains(shape->extra, key)) {
      return "unknown key \"" + key + "\" in a " + std::string(shape->verb) + " step";
    }
  }
  const std::string_view verb = shape->verb;
  const json& v = step.at(std::string(verb));
  if (verb == "edit" || verb == "leave") {
    if (!v.is_string() || !text_field_named(v.get<std::string>())) {
      return std::string(verb) + ": the field must be email, full_name, phone or welcome_message";
    }
    if (verb == "edit" && (!step.contains("text") || !step["text"].is_string()))
      return "edit: \"text\" must be a string";
    if (step.contains("repeat") && (!is_count(step["repeat"], 10000) || step["repeat"].get<int>() < 1)) {
      return "edit: \"repeat\" must be a whole number from 1 to 10000";
    }
  } else if (verb == "choose") {
    const json value = step.value("value", json());
    const bool ok = (v == "verification" && (value == "sms" || value == "email")) ||
                    (v == "user_type" && (value == "standard" || value == "administrator"));
    if (!ok) return "choose: verification (sms|email) or user_type (standard|administrator) with a \"value\"";
  } else if (verb == "intent") {
    if (!v.is_string() || !contains(kIntents, v.get<std::string>())) {
      return "intent: one of submit, send_invite, edit_again, request_permission, invite_another, "
             "copy_notice, "
             "resend";
    }
  } else if (verb == "confirm_sensitive") {
    if (!v.is_boolean()) return "confirm_sensitive: true or false";
  } else if (verb == "bot") {
    if (!v.is_string() || v.get<std::string>().empty())
      return "bot: the message text must be a non-empty string";
    if (step.contains("reply_to_request") && !step["reply_to_request"].is_boolean()) {
      return "bot: \"reply_to_request\" must be true or false";
    }
  } else if (verb == "wait_ms") {
    if (!is_count(v, 3600000)) return "wait_ms: milliseconds from 0 to 3600000";
  } else if (verb == "host") {
    if (!v.is_string() || !contains(kHostAnswers, v.get<std::string>())) {
      return "host: ok, deny_send, rate_limit or timeout";
    }
  } else if (verb == "pick") {
    if (!is_count(v, 20)) return "pick: the alternative's index, from 0";
  }
  return {};
}

// What is wrong with one check, or empty.
std::string check_error(const json& check) {
  if (!check.is_object()) return "a check must be an object";
  int selectors = 0;
  for (const auto& key : kSelectors) {
    if (check.contains(key)) {
      ++selectors;
      if (!check[std::string(key)].is_string() || check[std::string(key)].get<std::string>().empty()) {
        return std::string(key) + ": the id (\"*\" matches any run of characters) must be a non-empty string";
      }
    }
  }
  if (selectors != 1) return "a check names exactly one of control, status, absent";
  for (const auto& [key, value] : check.items()) {
    if (contains(kSelectors, key)) continue;
    if (!contains(kModifiers, key)) return "unknown key \"" + key + "\" in a check";
    if (check.contains("absent")) return "absent takes no \"" + key + "\"";
    if ((key == "label" || key == "contains") && !is_text(value)) {
      return key + ": a string, or {\"nb\": ..., \"en\": ...} with both";
    }
    if ((key == "checked" || key == "disabled" || key == "focused") && !value.is_boolean()) {
      return key + ": true or false";
    }
    if (key == "count" && !is_count(value, 1000)) return "count: a whole number from 0";
  }
  return {};
}

std::optional<PreviewConnection> connection_named(const json& value) {
  if (value == "ready") return PreviewConnection::ready;
  if (value == "send_denied") return PreviewConnection::send_denied;
  if (value == "standalone") return PreviewConnection::standalone;
  return std::nullopt;
}

bool valid_name(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// "*" matches any run of characters (also none); everything else literally.
bool glob_match(std::string_view pattern, std::string_view text) {
  const auto star = pattern.find('*');
  if (star == std::string_view::npos) return pattern == text;
  const std::string_view head = pattern.substr(0, star);
  if (text.substr(0, head.size()) != head) return false;
  const std::string_view rest = pattern.substr(star + 1);
  for (std::size_t i = head.size(); i <= text.size(); ++i) {
    if (glob_match(rest, text.substr(i))) return true;
  }
  return false;
}

// The bot's status block fields for a message, as web/devhost/bot.js words them.
json status_block(const core::BotStatus& status, const json& invite) {
  const json& block = invite.value(std::string(core::kInviteKey), json::object());
  json out = {{"version", 1},
              {"request_id", block.value("request_id", "")},
              {"state", std::string(core::to_string(status.kind))}};
  const std::string server = "prod.verji.app";
  switch (status.kind) {
    case core::BotStatusKind::success:
      out["user_id"] = "@" + block.value("username_hint", std::string()) + ":" + server;
      break;
    case core::BotStatusKind::email_registered: {
      const std::string email = block.value("email", "");
      std::string localpart;
      for (const char c : email.substr(0, email.find('@'))) {
        const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') || lower == '.' ||
            lower == '_' || lower == '=' || lower == '-') {
          localpart += lower;
        }
      }
      out["email"] = email;
      out["user_id"] = "@" + localpart + ":" + server;
      out["room_id"] = "!dm-" + localpart + ":" + server;
      break;
    }
    case core::BotStatusKind::username_taken: out["username"] = status.username; break;
    case core::BotStatusKind::failed: out["message"] = status.reason; break;
    case core::BotStatusKind::processing:
    case core::BotStatusKind::unknown: break;
  }
  return out;
}

}  // namespace

PreviewParse parse_preview_state(const json& object) {
  PreviewParse out;
  if (!object.is_object()) {
    out.errors.push_back("a state must be an object");
    return out;
  }
  PreviewState state;
  const std::string label = object.contains("name") && object["name"].is_string()
                                ? "state \"" + object["name"].get<std::string>() + "\""
                                : std::string("a state without a name");
  auto fail = [&](const std::string& what) { out.errors.push_back(label + ": " + what); };
  for (const auto& [key, value] : object.items()) {
    if (key != "name" && key != "title" && key != "connection" && key != "script" && key != "expect") {
      fail("unknown key \"" + key + "\"");
    }
  }
  if (!object.contains("name") || !object["name"].is_string() || !valid_name(object["name"])) {
    fail("\"name\" must be lower-case letters, digits and hyphens");
  } else {
    state.name = object["name"].get<std::string>();
  }
  const json title = object.value("title", json());
  if (!title.is_object() || !is_text(title)) {
    fail("\"title\" must be {\"nb\": ..., \"en\": ...}");
  } else {
    state.title_nb = title["nb"].get<std::string>();
    state.title_en = title["en"].get<std::string>();
  }
  if (object.contains("connection")) {
    const auto connection = connection_named(object["connection"]);
    if (connection) {
      state.connection = *connection;
    } else {
      fail("\"connection\" must be ready, send_denied or standalone");
    }
  }
  const json script = object.value("script", json::array());
  if (!script.is_array()) {
    fail("\"script\" must be an array of steps");
  } else {
    for (std::size_t i = 0; i < script.size(); ++i) {
      const std::string error = step_error(script[i]);
      if (!error.empty()) fail("script[" + std::to_string(i) + "] " + script[i].dump() + ": " + error);
    }
    state.script = script;
  }
  const json expect = object.value("expect", json());
  if (!expect.is_array() || expect.empty()) {
    fail("\"expect\" must be a non-empty array of checks");
  } else {
    for (std::size_t i = 0; i < expect.size(); ++i) {
      const std::string error = check_error(expect[i]);
      if (!error.empty()) fail("expect[" + std::to_string(i) + "] " + expect[i].dump() + ": " + error);
    }
    state.expect = expect;
  }
  if (out.errors.empty()) out.state = std::move(state);
  return out;
}

PreviewStates parse_preview_states(std::string_view json_text) {
  PreviewStates out;
  const json all = json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (all.is_discarded() || !all.is_array()) {
    out.errors.push_back("states.json must be a JSON array of states");
    return out;
  }
  std::set<std::string> names;
  for (const auto& object : all) {
    auto parsed = parse_preview_state(object);
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

Config preview_config(const PreviewState& state, core::Lang lang, Theme theme) {
  Config config;
  config.lang = lang;
  config.theme = theme;
  config.phone_region = "NO";
  config.widget.lang = lang;
  config.widget.lang_given = true;
  config.widget.dark = theme == Theme::dark;
  config.widget.theme = theme == Theme::dark ? "dark" : "light";
  if (state.connection == PreviewConnection::standalone) return config;
  config.widget.widget_id = "preview";
  config.widget.user_id = kPreviewAdmin;
  config.widget.room_id = kPreviewRoom;
  config.widget.server_name = "prod.verji.app";
  config.widget.bot_user_id = kPreviewBot;
  return config;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] PreviewHost: the simulated Matrix client
// ---------------------------------------------------------------------------------------------

void PreviewHost::deliver(const json& message) { app_.on_host_message(message.dump()); }

void PreviewHost::request(const std::string& action, json data) {
  deliver({{"api", "toWidget"},
           {"widgetId", "preview"},
           {"requestId", "preview-" + std::to_string(++next_request_)},
           {"action", action},
           {"data", std::move(data)}});
}

void PreviewHost::respond(const json& to, json response) {
  json r = to;
  r["response"] = std::move(response);
  deliver(r);
}

void PreviewHost::room_event(const std::string& sender, json content) {
  const std::string id = "$preview-" + std::to_string(++next_event_);
  if (sender == kPreviewAdmin && content.contains(std::string(core::kInviteKey))) {
    newest_invite_id_ = id;
    newest_invite_ = content;
  }
  request("send_event", {{"type", "m.room.message"},
                         {"sender", sender},
                         {"event_id", id},
                         {"room_id", kPreviewRoom},
                         {"origin_server_ts", 1700000000000 + clock_.now()},
                         {"content", std::move(content)}});
}

void PreviewHost::connect(bool send_approved) {
  app_.connect();
  pump();
  // Element with waitForIframeLoad: the host asks for capabilities, then says what it approved.
  request("capabilities", json::object());
  const std::vector<std::string> approved =
      send_approved ? core::requested_capabilities()
                    : std::vector<std::string>{std::string(core::kCapRequiresClient)};
  request("notify_capabilities", {{"requested", core::requested_capabilities()}, {"approved", approved}});
  pump();
}

void PreviewHost::pump() {
  for (int round = 0; round < 100; ++round) {  // answers may make the widget post again
    const auto outbound = app_.take_outbound();
    if (outbound.empty()) return;
    for (const auto& text : outbound) {
      const json message = json::parse(text, nullptr, false);
      if (message.is_discarded() || !message.is_object()) continue;
      // The widget's answers to our requests need nothing more.
      if (message.value("api", "") == "fromWidget" && !message.contains("response"))
        on_widget_request(message);
    }
  }
}

void PreviewHost::on_widget_request(const json& message) {
  const std::string action = message.value("action", "");
  if (action == "content_loaded" || action == "org.matrix.msc2974.request_capabilities") {
    respond(message, json::object());
  } else if (action == "supported_api_versions") {
    respond(message, {{"supported_versions", core::supported_api_versions()}});
  } else if (action == "org.matrix.msc2876.read_events") {
    respond(message, {{"events", json::array()}});
  } else if (action == "send_event") {
    on_send(message);
  } else {
    respond(message, {{"error", {{"message", "The preview host does not implement " + action}}}});
  }
}

void PreviewHost::on_send(const json& message) {
  ++sends_;
  const SendAnswer answer = std::exchange(next_answer_, SendAnswer::ok);
  switch (answer) {
    case SendAnswer::ok: {
      json content = message["data"].value("content", json::object());
      respond(message,
              {{"room_id", kPreviewRoom}, {"event_id", "$preview-" + std::to_string(next_event_ + 1)}});
      room_event(kPreviewAdmin, std::move(content));
      break;
    }
    case SendAnswer::deny:
      // matrix-widget-api's ClientWidgetApi, when the capability is not approved.
      respond(message, {{"error", {{"message", "Cannot send room events of this type"}}}});
      break;
    case SendAnswer::rate_limit:
      respond(message, {{"error",
                         {{"message", "Too Many Requests"},
                          {"matrix_api_error",
                           {{"http_status", 429},
                            {"http_headers", json::object()},
                            {"url", "https://prod.verji.app/_matrix/client/v3/rooms/send"},
                            {"response", {{"errcode", "M_LIMIT_EXCEEDED"}, {"retry_after_ms", 5000}}}}}}}});
      break;
    case SendAnswer::timeout: break;  // never answered: the widget's request times out
  }
}

void PreviewHost::bot_says(std::string_view text, bool reply_to_request) {
  json content = {{"msgtype", "m.notice"}, {"body", std::string(text)}};
  if (reply_to_request && !newest_invite_id_.empty()) {
    content["m.relates_to"] = {{"m.in_reply_to", {{"event_id", newest_invite_id_}}}};
    const core::BotStatus status = core::classify_bot_text(text);
    if (status.kind != core::BotStatusKind::unknown) {
      content["app.verji.invite.status"] = status_block(status, newest_invite_);
    }
  }
  room_event(kPreviewBot, std::move(content));
  pump();
}

void PreviewHost::advance(core::Millis ms) {
  const core::Millis target = clock_.now() + ms;
  for (int guard = 0; guard < 1000; ++guard) {
    const auto deadline = app_.next_deadline();
    if (!deadline || *deadline > target) break;
    clock_.set(std::max(clock_.now(), *deadline));
    app_.tick();
    pump();
  }
  clock_.set(target);
  app_.tick();
  pump();
}

const json* PreviewHost::newest_invite() const {
  return newest_invite_id_.empty() ? nullptr : &newest_invite_;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Scripts
// ---------------------------------------------------------------------------------------------

namespace {

std::optional<Intent> named_intent(std::string_view name, const App& app) {
  if (name == "submit") return Submit{};
  if (name == "send_invite") return SendInvite{};
  if (name == "edit_again") return EditAgain{};
  if (name == "request_permission") return RequestPermission{};
  if (name == "invite_another") return InviteAnother{};
  if (name == "copy_notice") return CopyAdvanceNotice{};
  if (name == "resend") {
    const auto* engine = app.tracker();
    if (engine == nullptr || engine->submissions().empty()) return std::nullopt;
    return Resend{engine->submissions().back().request_id};
  }
  return std::nullopt;
}

// The n-th of the core's alternative names for the newest invitation whose username was taken.
std::optional<std::string> alternative(const App& app, std::size_t n) {
  const auto* engine = app.tracker();
  if (engine == nullptr || engine->submissions().empty()) return std::nullopt;
  const core::Submission& s = engine->submissions().back();
  if (s.state != core::SubmissionState::username_taken) return std::nullopt;
  const json& block = s.content.value(std::string(core::kInviteKey), json::object());
  const auto choices = core::username_alternatives(block.value("full_name", ""), s.username,
                                                   app.config().widget.username_style);
  if (n >= choices.size()) return std::nullopt;
  return choices[n].full_name;
}

std::string apply_step(App& app, PreviewHost& host, const json& step) {
  if (step.contains("edit")) {
    std::string text;
    const std::string piece = step["text"];
    for (int i = 0; i < step.value("repeat", 1); ++i) text += piece;
    app.dispatch(EditText{*text_field_named(step["edit"].get<std::string>()), std::move(text)});
  } else if (step.contains("leave")) {
    app.dispatch(LeaveField{*text_field_named(step["leave"].get<std::string>())});
  } else if (step.contains("choose")) {
    if (step["choose"] == "verification") {
      app.dispatch(
          ChooseVerification{step["value"] == "sms" ? core::Verification::sms : core::Verification::email});
    } else {
      app.dispatch(ChooseUserType{step["value"] == "administrator" ? core::UserType::administrator
                                                                   : core::UserType::standard});
    }
  } else if (step.contains("intent")) {
    const auto intent = named_intent(step["intent"].get<std::string>(), app);
    if (!intent) return "nothing to resend yet";
    app.dispatch(*intent);
  } else if (step.contains("confirm_sensitive")) {
    app.dispatch(ConfirmSensitive{step["confirm_sensitive"].get<bool>()});
  } else if (step.contains("bot")) {
    if (host.newest_invite() == nullptr) return "the bot answers, but no invitation was posted yet";
    host.bot_says(step["bot"].get<std::string>(), step.value("reply_to_request", false));
  } else if (step.contains("wait_ms")) {
    host.advance(step["wait_ms"].get<core::Millis>());
  } else if (step.contains("host")) {
    const std::string answer = step["host"];
    host.answer_next_send(answer == "deny_send"    ? PreviewHost::SendAnswer::deny
                          : answer == "rate_limit" ? PreviewHost::SendAnswer::rate_limit
                          : answer == "timeout"    ? PreviewHost::SendAnswer::timeout
                                                   : PreviewHost::SendAnswer::ok);
  } else if (step.contains("pick")) {
    const auto name = alternative(app, step["pick"].get<std::size_t>());
    if (!name) return "the newest invitation has no alternative name number " + step["pick"].dump();
    app.dispatch(PickName{*name});
  }
  host.pump();
  return {};
}

}  // namespace

core::Millis preview_script_duration(const PreviewState& state) {
  core::Millis total = 0;
  for (const auto& step : state.script) {
    if (step.is_object() && step.contains("wait_ms") && step["wait_ms"].is_number_integer()) {
      total += step["wait_ms"].get<core::Millis>();
    }
  }
  return total;
}

std::vector<std::string> run_script(App& app, PreviewHost& host, const PreviewState& state) {
  std::vector<std::string> errors;
  app.after_present();  // phone numbers are checked at once, as after the widget's first frame
  if (state.connection != PreviewConnection::standalone) {
    host.connect(state.connection == PreviewConnection::ready);
  }
  for (std::size_t i = 0; i < state.script.size(); ++i) {
    const std::string error = apply_step(app, host, state.script[i]);
    if (!error.empty()) {
      errors.push_back("state \"" + state.name + "\": script[" + std::to_string(i) + "] " +
                       state.script[i].dump() + ": " + error);
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Checks
// ---------------------------------------------------------------------------------------------

namespace {

// Why `box` does not satisfy the check's modifiers, or empty.
std::string mismatch(const ControlBox& box, const json& check, core::Lang lang) {
  if (check.contains("label") && box.label != text_in(check["label"], lang)) {
    return "its label is \"" + box.label + "\"";
  }
  if (check.contains("contains") && box.label.find(text_in(check["contains"], lang)) == std::string::npos) {
    return "its label \"" + box.label + "\" does not contain \"" + text_in(check["contains"], lang) + "\"";
  }
  const std::array<std::pair<const char*, bool>, 3> flags = {
      {{"checked", box.checked}, {"disabled", box.disabled}, {"focused", box.focused}}};
  for (const auto& [name, value] : flags) {
    if (check.contains(name) && check[name].get<bool>() != value) {
      return std::string("it is ") + (value ? "" : "not ") + name;
    }
  }
  return {};
}

std::string check_one(const FrameLayout& layout, const json& check, core::Lang lang) {
  if (check.contains("absent")) {
    const std::string pattern = check["absent"];
    for (const auto& box : layout.controls) {
      if (glob_match(pattern, box.id)) return "\"" + box.id + "\" is drawn: \"" + box.label + "\"";
    }
    return {};
  }
  const bool status = check.contains("status");
  const std::string pattern = check[status ? "status" : "control"];
  std::vector<const ControlBox*> matches;
  for (const auto& box : layout.controls) {
    if (glob_match(pattern, box.id) && (!status || box.role == ControlRole::status)) matches.push_back(&box);
  }
  if (check.contains("count") && matches.size() != check["count"].get<std::size_t>()) {
    return std::to_string(matches.size()) + " drawn";
  }
  if (matches.empty())
    return check.contains("count") ? std::string() : std::string("nothing drawn with that id");
  std::string why;
  for (const auto* box : matches) {
    const std::string m = mismatch(*box, check, lang);
    if (m.empty()) return {};
    if (why.empty()) why = "\"" + box->id + "\": " + m;
  }
  return why;
}

}  // namespace

std::vector<std::string> check_expectations(const FrameLayout& layout, const PreviewState& state,
                                            core::Lang lang) {
  std::vector<std::string> failures;
  if (layout.controls.empty()) {
    failures.push_back("state \"" + state.name + "\": no frame drawn yet");
    return failures;
  }
  for (std::size_t i = 0; i < state.expect.size(); ++i) {
    const std::string why = check_one(layout, state.expect[i], lang);
    if (!why.empty()) {
      failures.push_back("state \"" + state.name + "\" (" + (lang == core::Lang::en ? "en" : "nb") +
                         "): expect[" + std::to_string(i) + "] " + state.expect[i].dump() + ": " + why);
    }
  }
  return failures;
}

}  // namespace verji::app
