#include "engine/executor.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>

#include "engine/worker_pool.h"

namespace kops::engine {

namespace {

enum class State { kPending, kRunning, kDone, kFailed };

struct Entry {
  Task* task = nullptr;
  State state = State::kPending;
  Clock::TimePoint not_before{};
  Status last_error;
  size_t unfinished_deps = 0;           // dependencies not yet done
  std::vector<std::string> dependents;  // tasks that depend on this one
};

// The state of one Run. Entries are touched only by the coordinating thread; workers
// hand results back through `results_`. Scheduling is proportional to the work done:
// a task enters `ready_` when its last dependency finishes (or its retry time comes),
// so no step rescans the whole graph.
class Scheduler {
 public:
  Scheduler(const Graph& graph, Clock& clock, const ExecutorOptions& options)
      : clock_(clock), options_(options) {
    const std::vector<std::string> keys = graph.Keys();
    for (const auto& key : keys) entries_[key].task = graph.Find(key);
    for (const auto& key : keys) {
      const auto& deps = graph.DependenciesOf(key);
      entries_.at(key).unfinished_deps = deps.size();
      for (const auto& dep : deps) entries_.at(dep).dependents.push_back(key);
    }
    for (const auto& [key, entry] : entries_)
      if (entry.unfinished_deps == 0) ready_.insert(key);
  }

  Status Run(const std::function<Status(Task&)>& step) {
    const Clock::TimePoint deadline = clock_.Now() + options_.deadline;
    WorkerPool pool(options_.max_workers);  // declared last: joined before members die
    while (true) {
      if (hard_error_.ok()) StartReady(pool, step);
      if (running_ > 0) {
        AbsorbResults();
        continue;
      }
      if (!hard_error_.ok()) return hard_error_;
      if (done_ == entries_.size()) return Status::Ok();
      const Clock::TimePoint now = clock_.Now();
      if (now >= deadline) return DeadlineError();
      std::optional<Clock::TimePoint> wake = NextRetry();
      if (!wake) return Internal("executor: no task can start and none is running");
      clock_.SleepFor(std::min(*wake, deadline) - now);
    }
  }

 private:
  // Starts ready tasks, smallest keys first, up to the worker limit.
  void StartReady(WorkerPool& pool, const std::function<Status(Task&)>& step) {
    const Clock::TimePoint now = clock_.Now();
    while (!retries_.empty() && retries_.begin()->first <= now) {
      ready_.insert(retries_.begin()->second);
      retries_.erase(retries_.begin());
    }
    while (running_ < static_cast<size_t>(options_.max_workers) && !ready_.empty()) {
      const std::string key = *ready_.begin();
      ready_.erase(ready_.begin());
      Entry& entry = entries_.at(key);
      entry.state = State::kRunning;
      ++running_;
      pool.Submit([this, &step, key = key, task = entry.task] {
        Status status = step(*task);
        {
          std::lock_guard lock(mu_);
          results_.emplace_back(key, std::move(status));
        }
        cv_.notify_one();
      });
    }
  }

  void AbsorbResults() {
    std::deque<std::pair<std::string, Status>> batch;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return !results_.empty(); });
      batch.swap(results_);
    }
    for (auto& [key, status] : batch) {
      --running_;
      Entry& entry = entries_.at(key);
      if (status.ok()) {
        entry.state = State::kDone;
        entry.last_error = Status::Ok();
        ++done_;
        for (const auto& dependent : entry.dependents)
          if (--entries_.at(dependent).unfinished_deps == 0) ready_.insert(dependent);
      } else if (status.code() == Code::kUnavailable) {
        entry.state = State::kPending;
        entry.not_before = clock_.Now() + options_.retry_interval;
        entry.last_error = std::move(status);
        retries_.emplace(entry.not_before, key);
      } else {
        entry.state = State::kFailed;
        if (hard_error_.ok()) hard_error_ = status.WithContext(key);
        entry.last_error = std::move(status);
      }
    }
  }

  // The earliest time a pending task with finished dependencies may be retried.
  std::optional<Clock::TimePoint> NextRetry() const {
    if (retries_.empty()) return std::nullopt;
    return retries_.begin()->first;
  }

  Status DeadlineError() const {
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(options_.deadline).count();
    std::string message = "tasks not done after " + std::to_string(seconds) + "s:";
    size_t blocked = 0;
    for (const auto& [key, entry] : entries_) {
      if (entry.state == State::kDone) continue;
      if (entry.last_error.ok()) {
        ++blocked;
      } else {
        message += "\n  " + key + ": " + entry.last_error.message();
      }
    }
    if (blocked) message += "\n  (" + std::to_string(blocked) + " more waiting on those)";
    return DeadlineExceeded(message);
  }

  Clock& clock_;
  const ExecutorOptions& options_;
  std::map<std::string, Entry> entries_;
  std::set<std::string> ready_;                                  // pending, dependencies done
  std::multimap<Clock::TimePoint, std::string> retries_;         // pending until their time
  size_t running_ = 0;
  size_t done_ = 0;
  Status hard_error_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::pair<std::string, Status>> results_;
};

}  // namespace

Status Executor::Run(const Graph& graph, const std::function<Status(Task&)>& step) {
  if (options_.max_workers < 1) {
    return InvalidArgument("executor max_workers is " + std::to_string(options_.max_workers) +
                           "; must be at least 1");
  }
  RETURN_IF_ERROR(graph.Validate());
  Scheduler scheduler(graph, clock_, options_);
  return scheduler.Run(step);
}

}  // namespace kops::engine
