// Exception-free JSON member access (see json_fields.h).
#include "verji/core/json_fields.h"

namespace verji::core {

using json = nlohmann::json;

const std::string* string_member(const json& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(name);
  if (it == object.end() || !it->is_string()) return nullptr;
  return &it->get_ref<const std::string&>();
}

const json* object_member(const json& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(name);
  if (it == object.end() || !it->is_object()) return nullptr;
  return &*it;
}

std::vector<std::string> string_array(const json& object, std::string_view name) {
  std::vector<std::string> out;
  if (!object.is_object()) return out;
  const auto it = object.find(name);
  if (it == object.end() || !it->is_array()) return out;
  for (const auto& item : *it) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

std::string dump_safe(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace verji::core
