#include "engine/run_graph.h"

#include "engine/context.h"
#include "engine/run_task.h"

namespace kops::engine {

Status RunGraph(const Graph& graph, Target& target, Clock& clock, const RunGraphOptions& options) {
  Context ctx(target, options.offline);
  Executor executor(clock, options.executor);
  RETURN_IF_ERROR(executor.Run(graph, [&ctx](Task& task) { return RunTask(task, ctx); }));
  return target.Finish();
}

}  // namespace kops::engine
