// Test doubles: FakeCloud (resources by task key) and FakeTask (fixed expected fields,
// actual state read from and applied to a FakeCloud), plus FakeDirectTarget.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "engine/context.h"
#include "engine/direct_target.h"
#include "engine/task.h"

namespace kops::engine {

// Resources keyed by task key; a resource's "ID" field is its cloud id. Thread-safe.
class FakeCloud {
 public:
  void Put(const std::string& key, Fields fields) {
    std::lock_guard lock(mu_);
    resources_[key] = std::move(fields);
  }
  std::optional<Fields> Get(const std::string& key) const {
    std::lock_guard lock(mu_);
    auto it = resources_.find(key);
    if (it == resources_.end()) return std::nullopt;
    return it->second;
  }
  size_t size() const {
    std::lock_guard lock(mu_);
    return resources_.size();
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, Fields> resources_;
};

class FakeDirectTarget : public DirectTarget {
 public:
  explicit FakeDirectTarget(FakeCloud& cloud) : cloud_(cloud) {}
  std::string cloud() const override { return "fake"; }
  FakeCloud& fake_cloud() { return cloud_; }

 private:
  FakeCloud& cloud_;
};

class FakeTask : public Task {
 public:
  FakeTask(std::string kind, std::string name, Fields expected, FakeCloud* cloud = nullptr)
      : Task(std::move(kind), std::move(name)), expected_(std::move(expected)), cloud_(cloud) {}

  void AddDeletion(Deletion d) { deletions_.push_back(std::move(d)); }

  Fields Expected() const override { return expected_; }

  Result<std::optional<Fields>> Find(Context& ctx) override {
    std::optional<Fields> actual = cloud_ ? cloud_->Get(key()) : std::nullopt;
    if (actual) PublishId(*actual, ctx);
    return actual;
  }

  // Stores the expected fields with references resolved and an "ID" assigned.
  Status Apply(DirectTarget& target, const Change& change, Context& ctx) override {
    auto* fake = dynamic_cast<FakeDirectTarget*>(&target);
    if (!fake) return Internal("FakeTask needs a FakeDirectTarget");
    Fields stored = change.actual ? *change.actual : Fields{{"ID", "id-" + name()}};
    for (const auto& [field, value] : change.expected) {
      if (value.is_null()) continue;
      if (const auto* ref = value.get_if<Reference>()) {
        ASSIGN_OR_RETURN(std::string resolved, ctx.Resolve(*ref));
        stored.Set(field, resolved);
      } else {
        stored.Set(field, value);
      }
    }
    fake->fake_cloud().Put(key(), stored);
    PublishId(stored, ctx);
    return Status::Ok();
  }

  Result<std::vector<Deletion>> FindDeletions(Context&) override { return deletions_; }

 private:
  void PublishId(const Fields& actual, Context& ctx) {
    const Value* id = actual.Find("ID");
    if (id && id->get_if<std::string>()) ctx.Publish(key(), "id", *id->get_if<std::string>());
  }

  Fields expected_;
  FakeCloud* cloud_;
  std::vector<Deletion> deletions_;
};

}  // namespace kops::engine
