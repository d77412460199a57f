// Exception-free member access for untrusted JSON (json_fields.h).
#include "verji/core/json_fields.h"

#include <catch2/catch.hpp>

using json = nlohmann::json;
using verji::core::dump_safe;
using verji::core::object_member;
using verji::core::string_array;
using verji::core::string_member;

TEST_CASE("a string member is there only when the object has one", "[json_fields]") {
  const json object = {{"name", "Ola"}, {"age", 41}, {"empty", ""}};
  REQUIRE(string_member(object, "name") != nullptr);
  CHECK(*string_member(object, "name") == "Ola");
  CHECK(string_member(object, "name") == &object["name"].get_ref<const std::string&>());  // no copy
  REQUIRE(string_member(object, "empty") != nullptr);
  CHECK(string_member(object, "empty")->empty());
  CHECK(string_member(object, "age") == nullptr);
  CHECK(string_member(object, "missing") == nullptr);
  for (const json& other : {json(nullptr), json("name"), json::array({"name"}), json(3)}) {
    CHECK_NOTHROW(string_member(other, "name"));
    CHECK(string_member(other, "name") == nullptr);
  }
}

TEST_CASE("an object member is there only when it is an object", "[json_fields]") {
  const json object = {{"data", {{"a", 1}}}, {"list", json::array()}, {"text", "{}"}};
  REQUIRE(object_member(object, "data") != nullptr);
  CHECK(*object_member(object, "data") == json({{"a", 1}}));
  CHECK(object_member(object, "list") == nullptr);
  CHECK(object_member(object, "text") == nullptr);
  CHECK(object_member(json::array(), "data") == nullptr);
  CHECK(object_member(json(nullptr), "data") == nullptr);
}

TEST_CASE("a string array keeps its strings and skips everything else", "[json_fields]") {
  CHECK(string_array({{"v", {"a", 1, "b", nullptr, json::array({"c"})}}}, "v") ==
        std::vector<std::string>{"a", "b"});
  CHECK(string_array({{"v", "a"}}, "v").empty());
  CHECK(string_array({{"w", {"a"}}}, "v").empty());
  CHECK(string_array(json::array({"a"}), "v").empty());
}

TEST_CASE("dumping never throws: invalid UTF-8 becomes U+FFFD", "[json_fields]") {
  CHECK(dump_safe({{"a", 1}}) == "{\"a\":1}");
  const json bad = std::string("x\xFFy");
  CHECK_THROWS(bad.dump());  // what the plain call would do
  CHECK(dump_safe(bad) == "\"x\xEF\xBF\xBDy\"");
}
