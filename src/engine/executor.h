// Executor: runs a step for every task of a graph, in parallel, as dependencies allow.
//
// - A task is started once every dependency's step succeeded; at most max_workers
//   steps run at once; among tasks ready together, smaller keys start first.
// - A step returning Code::kUnavailable ("not ready yet") is retried no sooner than
//   retry_interval later; other tasks keep going meanwhile.
// - Any other error is hard: no new task starts, the running ones are waited for, and
//   the first hard error is returned (prefixed with the task key).
// - When nothing is running or startable before the deadline (measured on the injected
//   Clock from the start of Run), Run returns DeadlineExceeded listing every task still
//   failing with its last error. While waiting for a retry, Run calls Clock::SleepFor,
//   so a FakeClock makes retries instant in tests.
#pragma once

#include <chrono>
#include <functional>

#include "base/clock.h"
#include "base/status.h"
#include "engine/graph.h"

namespace kops::engine {

struct ExecutorOptions {
  int max_workers = 10;
  Clock::Duration deadline = std::chrono::minutes(10);
  Clock::Duration retry_interval = std::chrono::seconds(10);
};

class Executor {
 public:
  // The clock must outlive the executor.
  explicit Executor(Clock& clock, ExecutorOptions options = {})
      : clock_(clock), options_(options) {}

  // Validates the graph, then runs step(task) for each task. `step` is called from
  // worker threads, concurrently for different tasks.
  Status Run(const Graph& graph, const std::function<Status(Task&)>& step);

 private:
  Clock& clock_;
  ExecutorOptions options_;
};

}  // namespace kops::engine
