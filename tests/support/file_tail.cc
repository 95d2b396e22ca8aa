#include "support/file_tail.h"

#include <deque>
#include <fstream>

namespace kops::testing {

std::vector<std::string> LastLines(const std::string& path, size_t count) {
  std::ifstream in(path);
  std::deque<std::string> kept;
  for (std::string line; std::getline(in, line);) {
    kept.push_back(std::move(line));
    if (kept.size() > count) kept.pop_front();
  }
  return {kept.begin(), kept.end()};
}

}  // namespace kops::testing
