#include "engine/graph.h"

#include <algorithm>
#include <functional>
#include <set>

#include "base/strings.h"

namespace kops::engine {

Status Graph::Add(std::unique_ptr<Task> task) {
  if (!task) return InvalidArgument("cannot add a null task");
  const std::string key = task->key();
  if (nodes_.count(key)) return AlreadyExists("duplicate task " + key);
  std::set<std::string> deps(task->explicit_dependencies().begin(),
                             task->explicit_dependencies().end());
  for (const Reference& ref : task->Expected().References()) deps.insert(ref.task);
  if (deps.count(key)) return InvalidArgument("task " + key + " depends on itself");
  nodes_[key] = Node{std::move(task), std::vector<std::string>(deps.begin(), deps.end())};
  return Status::Ok();
}

Task* Graph::Find(const std::string& key) const {
  auto it = nodes_.find(key);
  return it == nodes_.end() ? nullptr : it->second.task.get();
}

std::vector<std::string> Graph::Keys() const {
  std::vector<std::string> keys;
  keys.reserve(nodes_.size());
  for (const auto& [key, node] : nodes_) keys.push_back(key);
  return keys;
}

const std::vector<std::string>& Graph::DependenciesOf(const std::string& key) const {
  return nodes_.at(key).deps;
}

Status Graph::Validate() const {
  for (const auto& [key, node] : nodes_) {
    for (const auto& dep : node.deps) {
      if (!nodes_.count(dep)) return NotFound("task " + key + " depends on unknown task " + dep);
    }
  }
  return FindCycle();
}

// Depth-first search in key order; a dependency found on the current path closes a
// cycle, which is reported from its smallest key so the message is deterministic.
Status Graph::FindCycle() const {
  enum class Mark { kNew, kOnPath, kDone };
  std::map<std::string, Mark> marks;
  std::vector<std::string> path;
  std::vector<std::string> cycle;

  std::function<bool(const std::string&)> visit = [&](const std::string& key) {
    marks[key] = Mark::kOnPath;
    path.push_back(key);
    for (const auto& dep : nodes_.at(key).deps) {
      Mark mark = marks.count(dep) ? marks[dep] : Mark::kNew;
      if (mark == Mark::kOnPath) {
        cycle.assign(std::find(path.begin(), path.end(), dep), path.end());
        return true;
      }
      if (mark == Mark::kNew && visit(dep)) return true;
    }
    path.pop_back();
    marks[key] = Mark::kDone;
    return false;
  };

  for (const auto& [key, node] : nodes_) {
    if (marks.count(key) || !visit(key)) continue;
    std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
    cycle.push_back(cycle.front());
    return FailedPrecondition("dependency cycle: " + Join(cycle, " -> "));
  }
  return Status::Ok();
}

}  // namespace kops::engine
