// Plan: the tasks of a graph in one deterministic dependency order, for running them
// one at a time (tests, debugging, `--parallel=false`-like runs). Every task comes
// after all its dependencies; among tasks that are ready together, smaller keys first.
#pragma once

#include <functional>
#include <vector>

#include "base/status.h"
#include "engine/graph.h"

namespace kops::engine {

class Plan {
 public:
  // Validates the graph (unknown dependencies, cycles) and orders it. The plan points
  // into the graph, which must outlive it.
  static Result<Plan> Build(const Graph& graph);

  const std::vector<Task*>& order() const { return order_; }

  // Runs `step` on every task in order on the calling thread; stops at and returns the
  // first error, prefixed with the task key.
  Status Run(const std::function<Status(Task&)>& step) const;

 private:
  std::vector<Task*> order_;
};

}  // namespace kops::engine
