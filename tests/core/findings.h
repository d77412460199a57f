// Helpers for tests of the validation rules and their findings.
#pragma once

#include "verji/core/validation.h"

#include <catch2/catch.hpp>

#include <string>

namespace verji::test {

// A form with nothing wrong in it: an address and a name, nothing else.
inline core::InviteForm good_form() {
  core::InviteForm form;
  form.email = "ola.nordmann@example.no";
  form.full_name = "Ola Nordmann";
  return form;
}

// The findings' codes in order, comma-separated: "email.syntax,email.typo".
inline std::string codes(const core::Validation& v) {
  std::string out;
  for (const auto& f : v.findings) out += (out.empty() ? "" : ",") + f.code;
  return out;
}

// The value of the finding's argument `name`, or "<none>".
inline std::string arg(const core::Finding& f, const std::string& name) {
  for (const auto& a : f.args) {
    if (a.name == name) return a.value;
  }
  return "<none>";
}

// The first finding with `code`, or null.
inline const core::Finding* find_code(const core::Validation& v, const std::string& code) {
  for (const auto& f : v.findings) {
    if (f.code == code) return &f;
  }
  return nullptr;
}

// The one finding of `v` (the test stops when there are none or several).
inline const core::Finding& only_finding(const core::Validation& v) {
  REQUIRE(v.findings.size() == 1);
  return v.findings.front();
}

// `f` is an error of `field` with `code`, `message` and `span`.
inline void check_error(const core::Finding& f, core::Field field, const std::string& code, core::Msg message,
                        core::Span span) {
  CHECK(f.code == code);
  CHECK(f.message == message);
  CHECK(f.severity == core::Severity::error);
  CHECK(f.field == field);
  CHECK(f.span == span);
}

}  // namespace verji::test
