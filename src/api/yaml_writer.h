// Writes JSON values as YAML the way kops (Go's yaml.v2 behind sigs.k8s.io/yaml) does:
// two-space indent, sequences inside mappings not indented, keys in yaml.v2's order,
// `{}` and `[]` for empty collections, strings quoted only when needed.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kops::api {

std::string ToYamlText(const nlohmann::json& value);
// Several documents, separated as kops separates them ("\n---\n\n").
std::string ToYamlDocuments(const std::vector<nlohmann::json>& docs);
// yaml.v2's key order: letters by code point, runs of digits numerically, other
// characters before letters.
bool YamlKeyLess(const std::string& a, const std::string& b);

}  // namespace kops::api
