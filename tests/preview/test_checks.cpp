// The preview's checks (src/preview/checks.cpp) against hand-made layouts: each selector and
// modifier, the glob, and what a failure says.
#include "preview_fixtures.h"
#include "verji/preview/checks.h"
#include "verji/preview/state.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using json = nlohmann::json;
using verji::app::ControlBox;
using verji::app::ControlRole;
using verji::app::FrameLayout;
using verji::core::Lang;
using verji::test::parse_one;

namespace {

verji::preview::State state_expecting(json expect) {
  return parse_one({{"name", "s"}, {"title", {{"nb", "T"}, {"en", "T"}}}, {"expect", std::move(expect)}});
}

ControlBox box(std::string id, ControlRole role, std::string label, bool checked = false) {
  ControlBox b;
  b.id = std::move(id);
  b.role = role;
  b.label = std::move(label);
  b.checked = checked;
  return b;
}

FrameLayout drawn() {
  FrameLayout layout;
  layout.controls = {box("email", ControlRole::text_field, "E-postadresse"),
                     box("email.note0", ControlRole::status, "Mangler @"),
                     box("user_type=standard", ControlRole::radio, "Standard (klient)", true),
                     box("user_type=administrator", ControlRole::radio, "Administrator (medarbeider)"),
                     box("create", ControlRole::button, "Opprett")};
  layout.controls.back().disabled = true;
  return layout;
}

}  // namespace

TEST_CASE("before any frame there is nothing to check", "[preview]") {
  const auto state = state_expecting({{{"control", "email"}}});
  CHECK(verji::preview::check(FrameLayout{}, state, Lang::nb) ==
        std::vector<std::string>{"state \"s\": no frame drawn yet"});
}

TEST_CASE("checks hold when the layout has what they name", "[preview]") {
  const auto state = state_expecting({{{"control", "email"}, {"label", "E-postadresse"}},
                                      {{"status", "email.note*"}, {"contains", {{"nb", "@"}, {"en", "x"}}}},
                                      {{"control", "user_type=*"}, {"count", 2}},
                                      {{"control", "user_type=*"}, {"checked", true}},
                                      {{"control", "create"}, {"disabled", true}, {"focused", false}},
                                      {{"absent", "confirm.*"}},
                                      {{"control", "pick=*"}, {"count", 0}}});
  const auto failures = verji::preview::check(drawn(), state, Lang::nb);
  INFO(json(failures).dump(2));
  CHECK(failures.empty());
}

TEST_CASE("a failed check names itself, in the language played, and says why", "[preview]") {
  const auto state =
      state_expecting({{{"control", "email"}, {"label", "E-mail address"}},
                       {{"status", "email"}},
                       {{"status", "email.note0"}, {"contains", {{"nb", "@"}, {"en", "at sign"}}}},
                       {{"control", "user_type=administrator"}, {"checked", true}},
                       {{"absent", "create"}},
                       {{"control", "user_type=*"}, {"count", 3}}});
  const auto failures = verji::preview::check(drawn(), state, Lang::en);
  INFO(json(failures).dump(2));
  REQUIRE(failures.size() == 6);
  CHECK(failures[0] ==
        "state \"s\" (en): expect[0] {\"control\":\"email\",\"label\":\"E-mail address\"}: "
        "\"email\": its label is \"E-postadresse\"");
  CHECK(failures[1].find("nothing drawn with that id") != std::string::npos);  // a text field is no status
  CHECK(failures[2].find("does not contain \"at sign\"") != std::string::npos);
  CHECK(failures[3].find("\"user_type=administrator\": it is not checked") != std::string::npos);
  CHECK(failures[4].find("\"create\" is drawn: \"Opprett\"") != std::string::npos);
  CHECK(failures[5].find("2 drawn") != std::string::npos);
}

TEST_CASE("a star matches any run of characters, also none", "[preview]") {
  CHECK(verji::preview::glob_match("submission=*", "submission=abc"));
  CHECK(verji::preview::glob_match("submission=*", "submission="));
  CHECK(verji::preview::glob_match("*.note*", "email.note0"));
  CHECK(verji::preview::glob_match("pick=*/1", "pick=r/1"));
  CHECK_FALSE(verji::preview::glob_match("pick=*/1", "pick=r/0"));
  CHECK_FALSE(verji::preview::glob_match("email", "email.note0"));
  CHECK(verji::preview::glob_match("email", "email"));
}
