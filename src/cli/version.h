#pragma once

namespace kops::cli {

inline constexpr const char* kVersion = "1.32.0-cpp.1";

}  // namespace kops::cli
