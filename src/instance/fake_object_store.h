// FakeObjectStore: an in-memory ObjectStore with a global revision counter; set
// `unavailable` to simulate lost quorum.
#pragma once

#include <map>
#include <mutex>

#include "instance/object_store.h"

namespace kops::instance {

class FakeObjectStore : public ObjectStore {
 public:
  bool unavailable = false;

  Result<StoredObject> Get(const std::string& key) override {
    std::lock_guard lock(mu_);
    if (unavailable) return Lost();
    auto it = data_.find(key);
    if (it == data_.end()) return NotFound(key + " not found");
    return it->second;
  }
  Result<ObjectList> List(const std::string& prefix) override {
    std::lock_guard lock(mu_);
    if (unavailable) return Lost();
    ObjectList out;
    out.revision = rev_;
    for (const auto& [k, v] : data_)
      if (k.rfind(prefix, 0) == 0) out.items.push_back(v);
    return out;
  }
  Result<int64_t> Create(const std::string& key, const std::string& value) override {
    std::lock_guard lock(mu_);
    if (unavailable) return Lost();
    if (data_.count(key)) return AlreadyExists(key + " exists");
    data_[key] = {key, value, ++rev_};
    return rev_;
  }
  Result<int64_t> Update(const std::string& key, const std::string& value, int64_t expected) override {
    std::lock_guard lock(mu_);
    if (unavailable) return Lost();
    auto it = data_.find(key);
    if (it == data_.end()) return NotFound(key + " not found");
    if (expected != 0 && it->second.revision != expected) return Conflict(key + " changed");
    it->second = {key, value, ++rev_};
    return rev_;
  }
  Status Delete(const std::string& key) override {
    std::lock_guard lock(mu_);
    if (unavailable) return Lost();
    if (!data_.erase(key)) return NotFound(key + " not found");
    ++rev_;
    return Status::Ok();
  }
  Status Ready() override { return unavailable ? Lost() : Status::Ok(); }

 private:
  static Status Lost() { return Unavailable("etcd main has lost quorum"); }
  std::mutex mu_;
  std::map<std::string, StoredObject> data_;
  int64_t rev_ = 1;
};

}  // namespace kops::instance
