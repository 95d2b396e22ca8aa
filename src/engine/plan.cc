#include "engine/plan.h"

#include <map>
#include <set>

namespace kops::engine {

Result<Plan> Plan::Build(const Graph& graph) {
  RETURN_IF_ERROR(graph.Validate());
  std::map<std::string, size_t> waiting_on;               // key -> unfinished deps
  std::map<std::string, std::vector<std::string>> users;  // key -> tasks depending on it
  std::set<std::string> ready;
  for (const auto& key : graph.Keys()) {
    const auto& deps = graph.DependenciesOf(key);
    waiting_on[key] = deps.size();
    for (const auto& dep : deps) users[dep].push_back(key);
    if (deps.empty()) ready.insert(key);
  }
  Plan plan;
  while (!ready.empty()) {
    std::string key = *ready.begin();
    ready.erase(ready.begin());
    plan.order_.push_back(graph.Find(key));
    for (const auto& user : users[key]) {
      if (--waiting_on[user] == 0) ready.insert(user);
    }
  }
  if (plan.order_.size() != graph.size()) return Internal("plan missed tasks of a valid graph");
  return plan;
}

Status Plan::Run(const std::function<Status(Task&)>& step) const {
  for (Task* task : order_) RETURN_IF_ERROR(step(*task).WithContext(task->key()));
  return Status::Ok();
}

}  // namespace kops::engine
