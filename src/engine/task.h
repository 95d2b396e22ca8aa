// Task: one resource the model wants (a VPC, a subnet, a launch template...).
//
// Identity: kind() ("VPC") and name() ("ha.example.com"); key() is "Kind/name" and is
// unique in a Graph. Dependencies are the explicit ones plus every task referenced by
// a Reference inside Expected().
//
// Steps (driven by RunTask, see run_task.h):
//   Expected()  the wanted state as generic Fields;
//   Find()      the actual state, or nullopt when the resource does not exist;
//   Compare()   the field-level diff (default: DiffFields, references resolved via ctx);
//   Apply()     make it so on a direct target (dry-run and terraform never call it);
//   FindDeletions()  resources to remove (default: none).
// Steps of different tasks run concurrently on executor threads; a task's own steps
// run on one thread at a time. A step that cannot proceed yet because something it
// needs is not ready returns Code::kUnavailable and is retried later.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "engine/change.h"
#include "engine/value.h"

namespace kops::engine {

class Context;
class DirectTarget;

class Task {
 public:
  Task(std::string kind, std::string name);
  virtual ~Task() = default;
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;

  const std::string& kind() const { return kind_; }
  const std::string& name() const { return name_; }
  const std::string& key() const { return key_; }

  // Adds an explicit dependency on the task with key `task_key` (checked by Graph).
  void DependOn(std::string task_key);
  const std::vector<std::string>& explicit_dependencies() const { return explicit_deps_; }

  virtual Fields Expected() const = 0;
  // Only called when ctx is online. May Publish outputs (e.g. the found id) to ctx.
  virtual Result<std::optional<Fields>> Find(Context& ctx) = 0;
  virtual std::vector<FieldChange> Compare(const Fields& expected, const Fields& actual,
                                           const Context& ctx) const;
  // Default: FailedPrecondition naming the task. Should Publish the outputs others
  // reference (at least "id") once the resource exists.
  virtual Status Apply(DirectTarget& target, const Change& change, Context& ctx);
  virtual Result<std::vector<Deletion>> FindDeletions(Context& ctx);

 private:
  std::string kind_;
  std::string name_;
  std::string key_;
  std::vector<std::string> explicit_deps_;
};

}  // namespace kops::engine
