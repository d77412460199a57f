// The preview's checks against a frame's layout (see verji/preview/checks.h).
#include "verji/preview/checks.h"

#include <initializer_list>
#include <optional>

namespace verji::preview {
namespace {

// Why `box` does not satisfy the check's modifiers, or empty.
std::string mismatch(const app::ControlBox& box, const Check& check, core::Lang lang) {
  if (check.label && box.label != check.label->in(lang)) return "its label is \"" + box.label + "\"";
  if (check.contains && box.label.find(check.contains->in(lang)) == std::string::npos) {
    return "its label \"" + box.label + "\" does not contain \"" + check.contains->in(lang) + "\"";
  }
  struct Flag {
    const char* name;
    const std::optional<bool>& wanted;
    bool drawn;
  };
  for (const Flag& flag :
       {Flag{"checked", check.checked, box.checked}, Flag{"disabled", check.disabled, box.disabled},
        Flag{"focused", check.focused, box.focused}}) {
    if (flag.wanted && *flag.wanted != flag.drawn)
      return std::string("it is ") + (flag.drawn ? "" : "not ") + flag.name;
  }
  return {};
}

std::string check_one(const app::FrameLayout& layout, const Check& check, core::Lang lang) {
  if (check.selects == Check::Selects::absent) {
    for (const auto& box : layout.controls) {
      if (glob_match(check.id, box.id)) return "\"" + box.id + "\" is drawn: \"" + box.label + "\"";
    }
    return {};
  }
  const bool status = check.selects == Check::Selects::status;
  std::vector<const app::ControlBox*> matches;
  for (const auto& box : layout.controls) {
    if (glob_match(check.id, box.id) && (!status || box.role == app::ControlRole::status))
      matches.push_back(&box);
  }
  if (check.count && matches.size() != *check.count) return std::to_string(matches.size()) + " drawn";
  if (matches.empty()) return check.count ? std::string() : std::string("nothing drawn with that id");
  std::string why;
  for (const auto* box : matches) {
    const std::string m = mismatch(*box, check, lang);
    if (m.empty()) return {};
    if (why.empty()) why = "\"" + box->id + "\": " + m;
  }
  return why;
}

}  // namespace

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

std::vector<std::string> check(const app::FrameLayout& layout, const State& state, core::Lang lang) {
  std::vector<std::string> failures;
  if (layout.controls.empty()) {
    failures.push_back("state \"" + state.name + "\": no frame drawn yet");
    return failures;
  }
  for (std::size_t i = 0; i < state.expect.size(); ++i) {
    const std::string why = check_one(layout, state.expect[i], lang);
    if (!why.empty()) {
      failures.push_back("state \"" + state.name + "\" (" + (lang == core::Lang::en ? "en" : "nb") +
                         "): expect[" + std::to_string(i) + "] " + state.expect[i].source + ": " + why);
    }
  }
  return failures;
}

}  // namespace verji::preview
