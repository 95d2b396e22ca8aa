#include "engine/executor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>

#include "base/fake_clock.h"
#include "engine/fake_task.h"

namespace kops::engine {
namespace {

using std::chrono::seconds;

void AddTask(Graph& g, const std::string& name, std::vector<std::string> deps = {}) {
  auto task = std::make_unique<FakeTask>("T", name, Fields{});
  for (auto& d : deps) task->DependOn("T/" + d);
  ASSERT_TRUE(g.Add(std::move(task)).ok());
}

// Each task's step returns its scripted outcomes in turn, then OK forever (or
// `forever[name]` when set). Records every attempt in order.
class Script {
 public:
  void Then(const std::string& name, Status s) { outcomes_[name].push_back(std::move(s)); }
  void Always(const std::string& name, Status s) { forever_[name] = std::move(s); }

  Status Step(Task& t) {
    std::lock_guard lock(mu_);
    attempts_.push_back(t.name());
    auto& queue = outcomes_[t.name()];
    if (!queue.empty()) {
      Status s = queue.front();
      queue.pop_front();
      return s;
    }
    auto it = forever_.find(t.name());
    return it == forever_.end() ? Status::Ok() : it->second;
  }
  std::function<Status(Task&)> Fn() {
    return [this](Task& t) { return Step(t); };
  }
  const std::vector<std::string>& attempts() const { return attempts_; }
  int Count(const std::string& name) const {
    return static_cast<int>(std::count(attempts_.begin(), attempts_.end(), name));
  }
  size_t Index(const std::string& name) const {
    return std::find(attempts_.begin(), attempts_.end(), name) - attempts_.begin();
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::deque<Status>> outcomes_;
  std::map<std::string, Status> forever_;
  std::vector<std::string> attempts_;
};

TEST(ExecutorTest, RunsEveryTaskAfterItsDependencies) {
  Graph g;
  AddTask(g, "vpc");
  AddTask(g, "subnet-a", {"vpc"});
  AddTask(g, "subnet-b", {"vpc"});
  AddTask(g, "asg", {"subnet-a", "subnet-b"});
  AddTask(g, "dns");
  FakeClock clock;
  Script script;
  ASSERT_TRUE(Executor(clock, {.max_workers = 3}).Run(g, script.Fn()).ok());
  ASSERT_EQ(script.attempts().size(), 5u);
  EXPECT_LT(script.Index("vpc"), script.Index("subnet-a"));
  EXPECT_LT(script.Index("vpc"), script.Index("subnet-b"));
  EXPECT_LT(script.Index("subnet-a"), script.Index("asg"));
  EXPECT_LT(script.Index("subnet-b"), script.Index("asg"));
}

TEST(ExecutorTest, RetriesUnavailableLater) {
  Graph g;
  AddTask(g, "a");
  AddTask(g, "b", {"a"});
  FakeClock clock;
  const auto start = clock.Now();
  Script script;
  script.Then("a", Unavailable("vpc not ready"));
  script.Then("a", Unavailable("vpc not ready"));
  Status s = Executor(clock, {.max_workers = 2, .retry_interval = seconds(5)}).Run(g, script.Fn());
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(script.attempts(), (std::vector<std::string>{"a", "a", "a", "b"}));
  EXPECT_EQ(clock.Now() - start, seconds(10));
}

TEST(ExecutorTest, GivesUpAtDeadlineWithEachFailingTasksLastError) {
  Graph g;
  AddTask(g, "a");
  AddTask(g, "b", {"a"});
  AddTask(g, "c");
  AddTask(g, "d");
  FakeClock clock;
  const auto start = clock.Now();
  Script script;
  script.Then("a", Unavailable("first error"));
  script.Always("a", Unavailable("volume vol-1 not attached"));
  script.Always("d", Unavailable("etcd not answering"));
  ExecutorOptions options{.max_workers = 2, .deadline = seconds(60), .retry_interval = seconds(10)};
  Status s = Executor(clock, options).Run(g, script.Fn());
  EXPECT_EQ(s.code(), Code::kDeadlineExceeded);
  EXPECT_EQ(s.message(),
            "tasks not done after 60s:\n"
            "  T/a: volume vol-1 not attached\n"
            "  T/d: etcd not answering\n"
            "  (1 more waiting on those)");
  EXPECT_EQ(clock.Now() - start, seconds(60));
  EXPECT_EQ(script.Count("a"), 7);  // at 0s, 10s, ... 60s
  EXPECT_EQ(script.Count("b"), 0);
  EXPECT_EQ(script.Count("c"), 1);
}

TEST(ExecutorTest, HardErrorStopsSchedulingAndIsReported) {
  Graph g;
  AddTask(g, "a");
  AddTask(g, "b", {"a"});
  AddTask(g, "c");
  FakeClock clock;
  Script script;
  script.Then("a", PermissionDenied("no credentials"));
  Status s = Executor(clock, {.max_workers = 1}).Run(g, script.Fn());
  EXPECT_EQ(s.code(), Code::kPermissionDenied);
  EXPECT_EQ(s.message(), "T/a: no credentials");
  EXPECT_EQ(script.attempts(), (std::vector<std::string>{"a"}));
}

TEST(ExecutorTest, HardErrorAfterRetriesWins) {
  Graph g;
  AddTask(g, "a");
  FakeClock clock;
  Script script;
  script.Then("a", Unavailable("later"));
  script.Then("a", Internal("broken"));
  Status s = Executor(clock).Run(g, script.Fn());
  EXPECT_EQ(s.code(), Code::kInternal);
  EXPECT_EQ(script.Count("a"), 2);
}

// Tasks hold their worker until `want` of them run at once, proving they run in
// parallel; the executor must never exceed its bound. (The wait has a long timeout
// only so a broken executor fails instead of hanging.)
class Gate {
 public:
  explicit Gate(int want) : want_(want) {}
  Status Step(Task&) {
    std::unique_lock lock(mu_);
    max_seen_ = std::max(max_seen_, ++in_flight_);
    cv_.notify_all();
    cv_.wait_for(lock, seconds(30), [this] { return max_seen_ >= want_; });
    --in_flight_;
    return Status::Ok();
  }
  int max_seen() const { return max_seen_; }

 private:
  const int want_;
  std::mutex mu_;
  std::condition_variable cv_;
  int in_flight_ = 0;
  int max_seen_ = 0;
};

TEST(ExecutorTest, RunsReadyTasksInParallelWithinTheBound) {
  Graph g;
  for (auto n : {"a", "b", "c", "d", "e", "f"}) AddTask(g, n);
  FakeClock clock;
  Gate gate(3);
  Status s = Executor(clock, {.max_workers = 3}).Run(g, [&](Task& t) { return gate.Step(t); });
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(gate.max_seen(), 3);
}

TEST(ExecutorTest, RejectsInvalidGraphAndOptions) {
  Graph g;
  AddTask(g, "a", {"missing"});
  FakeClock clock;
  Script script;
  EXPECT_EQ(Executor(clock).Run(g, script.Fn()).code(), Code::kNotFound);
  Graph ok;
  AddTask(ok, "a");
  EXPECT_EQ(Executor(clock, {.max_workers = 0}).Run(ok, script.Fn()).code(),
            Code::kInvalidArgument);
  EXPECT_TRUE(script.attempts().empty());
}

}  // namespace
}  // namespace kops::engine
