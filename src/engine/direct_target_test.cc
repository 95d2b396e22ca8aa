#include "engine/direct_target.h"

#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "engine/dry_run_target.h"
#include "engine/fake_task.h"
#include "engine/run_graph.h"
#include "engine/run_task.h"

namespace kops::engine {
namespace {

Graph MakeGraph(FakeCloud* cloud) {
  Graph g;
  EXPECT_TRUE(
      g.Add(std::make_unique<FakeTask>("VPC", "v", Fields{{"CIDR", "10.0.0.0/16"}}, cloud)).ok());
  EXPECT_TRUE(g.Add(std::make_unique<FakeTask>(
                        "Subnet", "s",
                        Fields{{"VPC", Value::Ref("VPC/v")}, {"CIDR", "10.0.1.0/24"}}, cloud))
                  .ok());
  return g;
}

Status RunAll(const Graph& g, Target& target) {
  FakeClock clock;
  return RunGraph(g, target, clock, {});
}

TEST(DirectTargetTest, AppliesResolvingReferencesThenNothingIsLeftToChange) {
  FakeCloud cloud;
  Graph g = MakeGraph(&cloud);
  FakeDirectTarget direct(cloud);
  ASSERT_TRUE(RunAll(g, direct).ok());
  auto subnet = cloud.Get("Subnet/s");
  ASSERT_TRUE(subnet.has_value());
  EXPECT_EQ(*subnet->Find("VPC"), Value("id-v"));  // the reference, resolved

  DryRunTarget dry_run;
  ASSERT_TRUE(RunAll(g, dry_run).ok());
  EXPECT_FALSE(dry_run.HasChanges()) << dry_run.Report();
}

TEST(DirectTargetTest, DeletionWithoutApplyIsAnErrorNamingIt) {
  FakeCloud cloud;
  FakeDirectTarget direct(cloud);
  Status s = direct.Delete({"Route", "r-1", nullptr});
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
  EXPECT_NE(s.message().find("Route r-1"), std::string::npos);
  int applied = 0;
  ASSERT_TRUE(direct
                  .Delete({"Route", "r-2",
                           [&](DirectTarget&) {
                             ++applied;
                             return Status::Ok();
                           }})
                  .ok());
  EXPECT_EQ(applied, 1);
}

// Applies only on the second attempt, as a cloud with eventual consistency might.
class SlowTask : public FakeTask {
 public:
  using FakeTask::FakeTask;
  Status Apply(DirectTarget& target, const Change& change, Context& ctx) override {
    if (attempts_++ == 0) return Unavailable("instance profile not visible yet");
    return FakeTask::Apply(target, change, ctx);
  }

 private:
  int attempts_ = 0;
};

TEST(DirectTargetTest, NotReadyYetIsRetriedOnTheClock) {
  FakeCloud cloud;
  Graph g;
  ASSERT_TRUE(g.Add(std::make_unique<SlowTask>("Profile", "p", Fields{{"A", 1}}, &cloud)).ok());
  FakeDirectTarget direct(cloud);
  FakeClock clock;
  const auto start = clock.Now();
  RunGraphOptions options;
  options.executor.retry_interval = std::chrono::seconds(3);
  ASSERT_TRUE(RunGraph(g, direct, clock, options).ok());
  EXPECT_TRUE(cloud.Get("Profile/p").has_value());
  EXPECT_EQ(clock.Now() - start, std::chrono::seconds(3));
}

class FindOnlyTask : public Task {
 public:
  FindOnlyTask() : Task("Thing", "t") {}
  Fields Expected() const override { return Fields{{"A", 1}}; }
  Result<std::optional<Fields>> Find(Context&) override { return std::optional<Fields>(); }
};

TEST(DirectTargetTest, TaskWithoutApplyFailsWithItsKey) {
  FakeCloud cloud;
  FakeDirectTarget direct(cloud);
  FindOnlyTask task;
  Context ctx(direct, false);
  Status s = RunTask(task, ctx);
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
  EXPECT_NE(s.message().find("Thing/t"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace kops::engine
