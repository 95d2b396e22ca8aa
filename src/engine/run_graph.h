// RunGraph: the whole of applying a model to a target, as `kops update cluster` does:
// every task of the graph through RunTask on an Executor, then target.Finish().
#pragma once

#include "base/clock.h"
#include "base/status.h"
#include "engine/executor.h"
#include "engine/graph.h"
#include "engine/target.h"

namespace kops::engine {

struct RunGraphOptions {
  // No cloud state is read: every task is a create, no deletions (see Context).
  bool offline = false;
  ExecutorOptions executor;
};

// Runs the graph; calls target.Finish() only when every task succeeded. Returns the
// executor's error (invalid graph, hard error, deadline) or Finish's.
Status RunGraph(const Graph& graph, Target& target, Clock& clock, const RunGraphOptions& options);

}  // namespace kops::engine
