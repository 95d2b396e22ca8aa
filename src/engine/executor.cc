#include "engine/executor.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>

#include "engine/worker_pool.h"

namespace kops::engine {

namespace {

enum class State { kPending, kRunning, kDone, kFailed };

struct Entry {
  Task* task = nullptr;
  const std::vector<std::string>* deps = nullptr;
  State state = State::kPending;
  Clock::TimePoint not_before{};
  Status last_error;
};

// The state of one Run. Entries are touched only by the coordinating thread; workers
// hand results back through `results_`.
class Scheduler {
 public:
  Scheduler(const Graph& graph, Clock& clock, const ExecutorOptions& options)
      : clock_(clock), options_(options) {
    for (const auto& key : graph.Keys()) {
      Entry& entry = entries_[key];
      entry.task = graph.Find(key);
      entry.deps = &graph.DependenciesOf(key);
    }
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
  bool Startable(const Entry& e, Clock::TimePoint now) const {
    if (e.state != State::kPending || e.not_before > now) return false;
    return std::all_of(e.deps->begin(), e.deps->end(), [&](const std::string& dep) {
      return entries_.at(dep).state == State::kDone;
    });
  }

  void StartReady(WorkerPool& pool, const std::function<Status(Task&)>& step) {
    const Clock::TimePoint now = clock_.Now();
    for (auto& [key, entry] : entries_) {
      if (running_ >= static_cast<size_t>(options_.max_workers)) return;
      if (!Startable(entry, now)) continue;
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
      } else if (status.code() == Code::kUnavailable) {
        entry.state = State::kPending;
        entry.not_before = clock_.Now() + options_.retry_interval;
        entry.last_error = std::move(status);
      } else {
        entry.state = State::kFailed;
        if (hard_error_.ok()) hard_error_ = status.WithContext(key);
        entry.last_error = std::move(status);
      }
    }
  }

  // The earliest time a pending task with finished dependencies may be retried.
  std::optional<Clock::TimePoint> NextRetry() const {
    std::optional<Clock::TimePoint> wake;
    for (const auto& [key, entry] : entries_) {
      if (!Startable(entry, Clock::TimePoint::max())) continue;
      if (!wake || entry.not_before < *wake) wake = entry.not_before;
    }
    return wake;
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
