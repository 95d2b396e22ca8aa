#include "cloud/local/ids.h"

#include <random>

namespace kops::cloud::local {

std::string NewCloudId(const std::string& prefix) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  static const char kHex[] = "0123456789abcdef";
  std::string id = prefix + "-";
  for (int i = 0; i < 17; ++i) id += kHex[rng() % 16];
  return id;
}

}  // namespace kops::cloud::local
