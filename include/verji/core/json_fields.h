// Reading members of untrusted JSON without exceptions.
//
// nlohmann's at() and value() throw on a missing member or another type, and the release wasm
// cannot catch (docs/architecture.md: the core is exception-free). These return nullptr or an
// empty result instead, so a message from the host or the room can never abort the widget.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace verji::core {

// The member `name` of `object` when `object` is an object and the member a string; else nullptr.
const std::string* string_member(const nlohmann::json& object, std::string_view name);

// The member `name` of `object` when `object` is an object and the member an object; else nullptr.
const nlohmann::json* object_member(const nlohmann::json& object, std::string_view name);

// The strings of the array member `name` (other items skipped); empty when there is no such array.
std::vector<std::string> string_array(const nlohmann::json& object, std::string_view name);

// Compact JSON text that never throws: invalid UTF-8 (only possible in text we built from our own
// strings) becomes U+FFFD.
std::string dump_safe(const nlohmann::json& value);

}  // namespace verji::core
