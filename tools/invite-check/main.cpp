// invite-check: validates invite records (JSON Lines) with the widget's own rules, for admins who
// want to check a list before inviting and for anyone testing the rules from outside.
//
// Input, one JSON object per line (blank lines skipped; missing fields are empty or default):
//   {"email", "full_name", "phone", "verification": "sms"|"email",
//    "user_type": "standard"|"administrator", "welcome_message"}
// Output, one JSON object per record:
//   {"valid", "findings": [{"field", "severity", "code", "message"}], "normalized": {...}}
// Exit status: 0 all records valid, 1 some record is not, 2 unreadable input or bad usage.
#include "verji/core/i18n.h"
#include "verji/core/invite_form.h"
#include "verji/core/invite_request.h"
#include "verji/core/unicode.h"
#include "verji/core/validation.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace core = verji::core;
using nlohmann::json;
using Out = nlohmann::ordered_json;  // output keys in the documented order

namespace {

constexpr int kAllValid = 0;
constexpr int kSomeInvalid = 1;
constexpr int kUnreadable = 2;

constexpr std::string_view kUsage =
    R"(Usage: invite-check [options] [FILE]

Checks invite records with the Verji invite widget's rules. Reads JSON Lines from FILE, or from
standard input when FILE is missing or "-". Each line is one record:

  {"email": "...", "full_name": "...", "phone": "...", "verification": "sms"|"email",
   "user_type": "standard"|"administrator", "welcome_message": "..."}

Missing fields are empty (text) or the form's default (verification: SMS with a valid mobile
number, otherwise e-mail; user_type: standard). Blank lines are skipped.

Writes one JSON object per record, in order:

  {"valid": true|false,
   "findings": [{"field": "email", "severity": "error"|"warning", "code": "...", "message": "..."}],
   "normalized": {"email", "full_name", "phone_e164", "username", "verification", "user_type"}}

Options:
  --region CC            default region for national phone numbers (ISO 3166, default NO)
  --lang nb|en           language of the messages (default nb)
  --username-style joined|dotted
                         how the likely username joins the name's parts (default joined)
  -h, --help             this text

Exit status: 0 when every record is valid, 1 when some record is not, 2 when the input cannot be
read (the message names the line) or the options are wrong.
)";

struct Options {
  core::ValidationOptions validation;
  core::Lang lang = core::Lang::nb;
  std::string input = "-";
  bool help = false;
};

struct UsageError {
  std::string message;
};

bool is_region(const std::string& text) {
  return text.size() == 2 && std::isalpha(static_cast<unsigned char>(text[0])) &&
         std::isalpha(static_cast<unsigned char>(text[1]));
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// Applies one option with its value; an error message when the value is wrong.
std::optional<UsageError> apply(Options& options, std::string_view name, const std::string& value) {
  if (name == "--region") {
    if (!is_region(value))
      return UsageError{"--region wants a two-letter region such as NO, got '" + value + "'"};
    options.validation.phone_region = upper(value);
  } else if (name == "--lang") {
    if (value != "nb" && value != "en") return UsageError{"--lang wants nb or en, got '" + value + "'"};
    options.lang = core::lang_from_tag(value);
  } else if (name == "--username-style") {
    if (value == "joined") {
      options.validation.username_style = core::UsernameStyle::joined;
    } else if (value == "dotted") {
      options.validation.username_style = core::UsernameStyle::dotted;
    } else {
      return UsageError{"--username-style wants joined or dotted, got '" + value + "'"};
    }
  } else {
    return UsageError{"unknown option '" + std::string(name) + "'"};
  }
  return std::nullopt;
}

std::variant<Options, UsageError> parse_arguments(int argc, char** argv) {
  Options options;
  bool have_input = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      options.help = true;
      continue;
    }
    if (arg.size() > 2 && arg.compare(0, 2, "--") == 0) {
      const auto equals = arg.find('=');
      std::string name = arg.substr(0, equals);
      if (name != "--region" && name != "--lang" && name != "--username-style") {
        return UsageError{"unknown option '" + name + "'"};
      }
      std::string value;
      if (equals != std::string::npos) {
        value = arg.substr(equals + 1);
      } else if (i + 1 < argc) {
        value = argv[++i];
      } else {
        return UsageError{name + " needs a value"};
      }
      if (auto error = apply(options, name, value)) return *error;
      continue;
    }
    if (have_input) return UsageError{"only one input file, got '" + options.input + "' and '" + arg + "'"};
    options.input = arg;
    have_input = true;
  }
  return options;
}

// --- records -------------------------------------------------------------------------------------

struct Record {
  std::size_t line = 0;
  json object;
};

core::Finding record_finding(core::Field field, std::string code, core::Msg message, core::MsgArgs args) {
  core::Finding f;
  f.field = field;
  f.severity = core::Severity::error;
  f.code = std::move(code);
  f.message = message;
  f.args = std::move(args);
  return f;
}

// Fills `form` from the record; what the form cannot hold becomes an error finding.
void read_record(const json& object, core::InviteForm& form, std::vector<core::Finding>& problems) {
  for (const core::Field field :
       {core::Field::email, core::Field::full_name, core::Field::phone, core::Field::welcome_message}) {
    const std::string name(core::field_name(field));
    const auto it = object.find(name);
    if (it == object.end() || it->is_null()) continue;
    if (!it->is_string()) {
      problems.push_back(
          record_finding(field, "record.not_text", core::Msg::check_not_text, {{"field", name}}));
      continue;
    }
    core::set_text(form, field, it->get<std::string>());
  }

  const auto verification = object.find("verification");
  if (verification != object.end() && !verification->is_null()) {
    const auto value = verification->is_string()
                           ? core::verification_from_string(verification->get<std::string>())
                           : std::nullopt;
    if (value) {
      form.verification = *value;
      form.verification_chosen = true;
    } else {
      problems.push_back(record_finding(
          core::Field::verification, "record.unknown_value", core::Msg::check_unknown_value,
          {{"value", verification->dump()}, {"field", "verification"}, {"allowed", "\"sms\", \"email\""}}));
    }
  }

  const auto user_type = object.find("user_type");
  if (user_type != object.end() && !user_type->is_null()) {
    const auto value =
        user_type->is_string() ? core::user_type_from_string(user_type->get<std::string>()) : std::nullopt;
    if (value) {
      form.user_type = *value;
    } else {
      problems.push_back(record_finding(core::Field::user_type, "record.unknown_value",
                                        core::Msg::check_unknown_value,
                                        {{"value", user_type->dump()},
                                         {"field", "user_type"},
                                         {"allowed", "\"standard\", \"administrator\""}}));
    }
  }
}

Out finding_json(const core::Finding& f, core::Lang lang) {
  // Tools know errors and warnings; a notice ("sent unencrypted") is reported as a warning.
  const std::string_view severity = f.severity == core::Severity::error ? "error" : "warning";
  return Out{{"field", std::string(core::field_name(f.field))},
             {"severity", std::string(severity)},
             {"code", f.code},
             {"message", core::format(lang, f.message, f.args)}};
}

// The result for one record, and whether it is valid.
Out check(const json& object, const Options& options, bool& valid) {
  core::InviteForm form;
  std::vector<core::Finding> problems;
  read_record(object, form, problems);
  const core::Validation validation = core::validate(form, options.validation);

  Out findings = Out::array();
  for (const auto& f : problems) findings.push_back(finding_json(f, options.lang));
  for (const auto& f : validation.findings) findings.push_back(finding_json(f, options.lang));
  valid = problems.empty() && validation.sendable();

  const core::Normalized& n = validation.normalized;
  return Out{{"valid", valid},
             {"findings", std::move(findings)},
             {"normalized", Out{{"email", n.email},
                                {"full_name", n.full_name},
                                {"phone_e164", n.phone_e164},
                                {"username", n.username},
                                {"verification", std::string(core::to_string(n.verification))},
                                {"user_type", std::string(core::to_string(form.user_type))}}}};
}

// --- input ---------------------------------------------------------------------------------------

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

// A key the form does not know is probably a typo ("fullname"): say so, and carry on.
void warn_unknown_keys(const json& object, const std::string& source, std::size_t line) {
  constexpr std::string_view kKnown[] = {"email",        "full_name", "phone",
                                         "verification", "user_type", "welcome_message"};
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (std::find(std::begin(kKnown), std::end(kKnown), it.key()) != std::end(kKnown)) continue;
    std::cerr << "invite-check: " << source << ": line " << line << ": unknown key '" << it.key()
              << "' ignored\n";
  }
}

// Reads every record, or names the first line that cannot be read (on stderr) and returns nullopt.
std::optional<std::vector<Record>> read_records(std::istream& in, const std::string& source) {
  std::vector<Record> records;
  std::string line;
  std::size_t number = 0;
  auto fail = [&](const std::string& why) {
    std::cerr << "invite-check: " << source << ": line " << number << ": " << why << '\n';
    return std::nullopt;
  };
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);  // a BOM
    if (is_blank(line)) continue;
    if (!core::unicode::is_valid_utf8(line)) {
      const auto at = core::unicode::decode(line).first_invalid;
      return fail("not UTF-8 (byte " + std::to_string(at + 1) + ")");
    }
    json value;
    try {
      value = json::parse(line);
    } catch (const json::parse_error& e) {
      return fail("not valid JSON (byte " + std::to_string(e.byte) + ")");
    }
    if (!value.is_object()) return fail("expected a JSON object, got " + std::string(value.type_name()));
    warn_unknown_keys(value, source, number);
    records.push_back({number, std::move(value)});
  }
  if (in.bad()) return fail("read error");
  return records;
}

int run(const Options& options) {
  std::ifstream file;
  std::istream* in = &std::cin;
  std::string source = "<stdin>";
  if (options.input != "-") {
    file.open(options.input, std::ios::binary);
    if (!file) {
      std::cerr << "invite-check: cannot open '" << options.input << "': " << std::strerror(errno) << '\n';
      return kUnreadable;
    }
    in = &file;
    source = options.input;
  }
  const auto records = read_records(*in, source);
  if (!records) return kUnreadable;

  bool all_valid = true;
  for (const auto& record : *records) {
    bool valid = false;
    const Out result = check(record.object, options, valid);
    all_valid = all_valid && valid;
    std::cout << result.dump() << '\n';
  }
  std::cout.flush();
  return all_valid ? kAllValid : kSomeInvalid;
}

}  // namespace

int main(int argc, char** argv) {
  const auto parsed = parse_arguments(argc, argv);
  if (const auto* error = std::get_if<UsageError>(&parsed)) {
    std::cerr << "invite-check: " << error->message << "\nTry 'invite-check --help'.\n";
    return kUnreadable;
  }
  const auto& options = std::get<Options>(parsed);
  if (options.help) {
    std::cout << kUsage;
    return kAllValid;
  }
  return run(options);
}
