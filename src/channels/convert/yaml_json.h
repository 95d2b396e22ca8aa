// YAML text -> nlohmann::json, for reading data files (the channel). The only place in
// src/channels that includes yaml-cpp; library exceptions become an InvalidArgument
// naming the source and line. Scalars stay strings (no type guessing): callers read
// the fields they know as strings.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "base/status.h"

namespace kops::channels {

Result<nlohmann::json> YamlToJson(std::string_view text, const std::string& source);

}  // namespace kops::channels
