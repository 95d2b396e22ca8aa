// The small YAML subset that kops' keyset.yaml files use, read and written without
// yaml-cpp (which only src/api includes): block mappings, block sequences (also at the
// parent key's indentation, as Go's yaml emitter writes them), plain / double-quoted /
// single-quoted scalars, null, empty flow collections ([] and {}), full-line comments and
// a leading "---". Anchors, tags, multi-line scalars and flow content are not supported
// and give InvalidArgument naming the line.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace kops::store {

struct YamlNode {
  enum class Kind { kNull, kScalar, kMap, kSeq };
  Kind kind = Kind::kNull;
  std::string scalar;
  std::vector<std::pair<std::string, YamlNode>> map;  // in document order
  std::vector<YamlNode> seq;

  // The value of key in a mapping; null when absent or when this is not a mapping.
  const YamlNode* Find(std::string_view key) const;
};

Result<YamlNode> ParseYamlSubset(std::string_view text);

// A scalar as Go's YAML emitter writes it: plain when that reads back as the same string,
// double-quoted otherwise (numbers, booleans, null, timestamps, special characters).
std::string YamlScalar(std::string_view value);

}  // namespace kops::store
