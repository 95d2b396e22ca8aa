// ProbeWorkers: where the probe's scheduled writes run. The probe's scheduler hands each
// write (a step) to Submit at its tick; a step gets the ApiClient of the worker that runs
// it (each worker keeps its own connection). Submit waits while every worker is busy, so
// the scheduler never has more writes in flight than workers and never bursts: a late
// tick is skipped by the scheduler (probe.h).
//   - InlineProbeWorkers: runs the step at once on the caller's thread (one worker); with
//     a FakeClock this keeps unit tests deterministic.
//   - ThreadProbeWorkers: one thread per ApiClient given (the caller owns the clients).
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "ops/api_client.h"

namespace kops::ops {

using ProbeStep = std::function<void(ApiClient&)>;

class ProbeWorkers {
 public:
  virtual ~ProbeWorkers() = default;
  // Runs step on a free worker, waiting for one while all are busy.
  virtual void Submit(ProbeStep step) = 0;
  // Waits until every submitted step has finished.
  virtual void Drain() = 0;
  virtual int size() const = 0;
};

class InlineProbeWorkers : public ProbeWorkers {
 public:
  explicit InlineProbeWorkers(ApiClient& api) : api_(api) {}
  void Submit(ProbeStep step) override { step(api_); }
  void Drain() override {}
  int size() const override { return 1; }

 private:
  ApiClient& api_;
};

class ThreadProbeWorkers : public ProbeWorkers {
 public:
  // apis: one per worker, not empty; they must outlive this object.
  explicit ThreadProbeWorkers(std::vector<ApiClient*> apis);
  ~ThreadProbeWorkers() override;  // drains, then stops the threads
  ThreadProbeWorkers(const ThreadProbeWorkers&) = delete;
  ThreadProbeWorkers& operator=(const ThreadProbeWorkers&) = delete;

  void Submit(ProbeStep step) override;
  void Drain() override;
  int size() const override { return static_cast<int>(threads_.size()); }

 private:
  void Loop(ApiClient& api);

  std::mutex mu_;
  std::condition_variable changed_;
  std::optional<ProbeStep> pending_;
  int busy_ = 0;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

// The pool size for `rate` writes per second when a write (with its read-back) takes
// about `latency`: enough workers to keep the schedule, at least 1, at most 16.
int ProbeWorkerCount(double rate, std::chrono::milliseconds latency);

}  // namespace kops::ops
