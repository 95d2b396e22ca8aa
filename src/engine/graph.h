// Graph: the tasks of one run and their dependencies. Owns the tasks.
// A task's dependencies are its explicit ones plus the tasks its Expected() fields
// reference, captured when it is added (so a task must be complete before Add).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "engine/task.h"

namespace kops::engine {

class Graph {
 public:
  // Takes ownership. AlreadyExists naming the key when a task with that key exists;
  // InvalidArgument when the task depends on itself.
  Status Add(std::unique_ptr<Task> task);

  // The task with `key`, or nullptr.
  Task* Find(const std::string& key) const;

  // All task keys, sorted.
  std::vector<std::string> Keys() const;
  size_t size() const { return nodes_.size(); }

  // Sorted, unique dependency keys of the task with `key` (which must exist).
  const std::vector<std::string>& DependenciesOf(const std::string& key) const;

  // OK when every dependency names a task in the graph and there is no cycle.
  // NotFound "task A depends on unknown task B"; FailedPrecondition
  // "dependency cycle: A -> B -> C -> A" where "X -> Y" reads "X depends on Y" (the
  // cycle is listed from its smallest key).
  Status Validate() const;

 private:
  struct Node {
    std::unique_ptr<Task> task;
    std::vector<std::string> deps;
  };
  Status FindCycle() const;

  std::map<std::string, Node> nodes_;
};

}  // namespace kops::engine
