#include "api/yaml_decoder.h"

#include "api/yaml_scalars.h"

namespace kops::api::codec {

std::string DescribeNode(const YAML::Node& node) {
  if (node.IsMap()) return "an object";
  if (node.IsSequence()) return "a list";
  if (node.IsNull()) return "null";
  return "\"" + node.Scalar() + "\"";
}

bool IsPlainScalar(const YAML::Node& node) { return node.IsScalar() && node.Tag() == "?"; }

std::optional<bool> ParseBool(const YAML::Node& node) {
  if (!IsPlainScalar(node)) return std::nullopt;
  const std::string& s = node.Scalar();
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

bool LooksNonString(const std::string& s) { return api::LooksNonString(s); }

}  // namespace kops::api::codec
