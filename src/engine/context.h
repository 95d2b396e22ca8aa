// Context: what the steps of a run share: the target, whether cloud state can be read,
// and the outputs tasks publish (cloud ids and the like) so later tasks can resolve
// References. Thread-safe; outlives the run.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "engine/field_diff.h"
#include "engine/value.h"

namespace kops::engine {

class Target;

class Context {
 public:
  // offline: there is no cloud to ask (e.g. a dry-run or terraform without
  // credentials); Find is not called and every task shows as a create.
  Context(Target& target, bool offline) : target_(target), offline_(offline) {}

  Target& target() { return target_; }
  bool offline() const { return offline_; }

  // Records output `attribute` of task `task_key`; a later Publish replaces it.
  void Publish(std::string_view task_key, std::string_view attribute, std::string value);

  // The published value of ref; Unavailable (retryable) when not published yet.
  Result<std::string> Resolve(const Reference& ref) const;

  // Resolve as a ReferenceResolver for DiffFields; valid while this Context lives.
  ReferenceResolver Resolver() const;

 private:
  Target& target_;
  const bool offline_;
  mutable std::mutex mu_;
  std::map<std::pair<std::string, std::string>, std::string> outputs_;
};

}  // namespace kops::engine
