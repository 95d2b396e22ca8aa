// The last lines of a log file, for tests that print what a failed run logged.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace kops::testing {

// The last `count` lines of the file at path (fewer when it has fewer; none when it cannot
// be read), without their line ends.
std::vector<std::string> LastLines(const std::string& path, size_t count);

}  // namespace kops::testing
