// FakeVolumeClaimer: volumes are directories under a root, one per (zone, tags) claim;
// tests can swap a volume's directory (to simulate a lost volume) with Replace.
#pragma once

#include <filesystem>
#include <map>
#include <mutex>
#include <string>

#include "instance/volume_claimer.h"

namespace kops::instance {

class FakeVolumeClaimer : public VolumeClaimer {
 public:
  explicit FakeVolumeClaimer(std::string root) : root_(std::move(root)) {}

  Result<ClaimedVolume> Claim(const std::string& zone,
                              const std::map<std::string, std::string>& tag_filters) override {
    std::lock_guard lock(mu_);
    std::string key = zone;
    for (const auto& [k, v] : tag_filters) key += "|" + k + "=" + v;
    auto it = volumes_.find(key);
    if (it == volumes_.end()) {
      ClaimedVolume v{"vol-" + std::to_string(volumes_.size() + 1),
                      root_ + "/vol-" + std::to_string(volumes_.size() + 1)};
      std::filesystem::create_directories(v.data_dir);
      it = volumes_.emplace(key, v).first;
    }
    ++claims_;
    return it->second;
  }
  int claims() const { return claims_; }

 private:
  std::string root_;
  std::mutex mu_;
  std::map<std::string, ClaimedVolume> volumes_;
  int claims_ = 0;
};

}  // namespace kops::instance
