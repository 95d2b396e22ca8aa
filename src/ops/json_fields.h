// Tolerant field access on Kubernetes JSON objects: a missing or mistyped field reads as
// empty, so one odd object never stops an observation.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace kops::ops {

// obj[key] as a string when obj is an object holding a string there, "" otherwise.
inline std::string StringAt(const nlohmann::json& obj, const char* key) {
  if (!obj.is_object()) return "";
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : "";
}

// obj[key] when obj is an object holding an object there, an empty object otherwise.
inline const nlohmann::json& ObjectAt(const nlohmann::json& obj, const char* key) {
  static const nlohmann::json kEmpty = nlohmann::json::object();
  if (!obj.is_object()) return kEmpty;
  auto it = obj.find(key);
  return it != obj.end() && it->is_object() ? *it : kEmpty;
}

}  // namespace kops::ops
