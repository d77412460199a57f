// The user-type rule (validate_user_type.cpp): Standard by default; an Administrator costs money
// by the customer's agreement, which a notice says.
#include "verji/core/validation.h"

#include "findings.h"

#include <catch2/catch.hpp>

using verji::core::Field;
using verji::core::InviteForm;
using verji::core::Severity;
using verji::core::UserType;
using verji::core::validate;
using verji::core::Validation;
using verji::core::ValidationOptions;
using verji::test::good_form;

TEST_CASE("user type: Standard by default, Administrator carries a cost notice", "[validation]") {
  InviteForm form = good_form();
  CHECK(form.user_type == UserType::standard);
  CHECK(validate(form, ValidationOptions{}).findings.empty());
  form.user_type = UserType::administrator;
  const Validation v = validate(form, ValidationOptions{});
  REQUIRE(v.findings.size() == 1);
  CHECK(v.findings.front().code == "user_type.administrator_cost");
  CHECK(v.findings.front().severity == Severity::notice);
  CHECK(v.findings.front().field == Field::user_type);
  CHECK(v.sendable());
}
