#include "engine/plan.h"

#include <gtest/gtest.h>

#include "engine/fake_task.h"

namespace kops::engine {
namespace {

void AddTask(Graph& g, const std::string& name, std::vector<std::string> deps = {}) {
  auto task = std::make_unique<FakeTask>("T", name, Fields{});
  for (auto& d : deps) task->DependOn("T/" + d);
  ASSERT_TRUE(g.Add(std::move(task)).ok());
}

std::vector<std::string> Names(const Plan& plan) {
  std::vector<std::string> names;
  for (Task* t : plan.order()) names.push_back(t->name());
  return names;
}

TEST(PlanTest, DependenciesFirstTiesByKey) {
  Graph g;
  AddTask(g, "z");
  AddTask(g, "m", {"z"});
  AddTask(g, "b", {"m"});
  AddTask(g, "a", {"z"});
  AddTask(g, "c");
  auto plan = Plan::Build(g);
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_EQ(Names(*plan), (std::vector<std::string>{"c", "z", "a", "m", "b"}));
}

TEST(PlanTest, SameOrderWhateverTheInsertionOrder) {
  Graph g1, g2;
  for (auto n : {"d", "c", "b", "a"}) AddTask(g1, n);
  for (auto n : {"a", "b", "c", "d"}) AddTask(g2, n);
  EXPECT_EQ(Names(*Plan::Build(g1)), Names(*Plan::Build(g2)));
}

TEST(PlanTest, InvalidGraphFails) {
  Graph g;
  AddTask(g, "a", {"b"});
  AddTask(g, "b", {"a"});
  auto plan = Plan::Build(g);
  EXPECT_EQ(plan.status().code(), Code::kFailedPrecondition);
}

TEST(PlanTest, RunStopsAtFirstErrorNamingTheTask) {
  Graph g;
  AddTask(g, "a");
  AddTask(g, "b", {"a"});
  AddTask(g, "c", {"b"});
  auto plan = Plan::Build(g);
  ASSERT_TRUE(plan.ok());
  std::vector<std::string> ran;
  Status s = plan->Run([&](Task& t) {
    ran.push_back(t.name());
    return t.name() == "b" ? Internal("boom") : Status::Ok();
  });
  EXPECT_EQ(s.message(), "T/b: boom");
  EXPECT_EQ(ran, (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace kops::engine
