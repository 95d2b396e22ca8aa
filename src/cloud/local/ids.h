// Cloud object ids: "<prefix>-" + 17 random lowercase hex digits, as EC2 makes them
// ("i-0123456789abcdef0", "vol-…").
#pragma once

#include <string>

namespace kops::cloud::local {

std::string NewCloudId(const std::string& prefix);

}  // namespace kops::cloud::local
