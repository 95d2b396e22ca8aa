#include "engine/graph.h"

#include <gtest/gtest.h>

#include "engine/fake_task.h"

namespace kops::engine {
namespace {

std::unique_ptr<FakeTask> MakeTask(const std::string& kind, const std::string& name,
                                   std::vector<std::string> deps = {}, Fields fields = {}) {
  auto task = std::make_unique<FakeTask>(kind, name, std::move(fields));
  for (auto& d : deps) task->DependOn(d);
  return task;
}

TEST(GraphTest, RejectsDuplicateKeysNamingTheTask) {
  Graph g;
  ASSERT_TRUE(g.Add(MakeTask("VPC", "a")).ok());
  ASSERT_TRUE(g.Add(MakeTask("Subnet", "a")).ok());  // same name, other kind: fine
  Status s = g.Add(MakeTask("VPC", "a"));
  EXPECT_EQ(s.code(), Code::kAlreadyExists);
  EXPECT_NE(s.message().find("VPC/a"), std::string::npos) << s.message();
  EXPECT_EQ(g.size(), 2u);
}

TEST(GraphTest, UnknownDependencyIsAnError) {
  Graph g;
  ASSERT_TRUE(g.Add(MakeTask("Subnet", "a", {"VPC/missing"})).ok());
  Status s = g.Validate();
  EXPECT_EQ(s.code(), Code::kNotFound);
  EXPECT_EQ(s.message(), "task Subnet/a depends on unknown task VPC/missing");
}

TEST(GraphTest, ReportsCycleInOrder) {
  Graph g;
  ASSERT_TRUE(g.Add(MakeTask("T", "root", {"T/c"})).ok());
  ASSERT_TRUE(g.Add(MakeTask("T", "c", {"T/d"})).ok());
  ASSERT_TRUE(g.Add(MakeTask("T", "d", {"T/e"})).ok());
  ASSERT_TRUE(g.Add(MakeTask("T", "e", {"T/c"})).ok());
  Status s = g.Validate();
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
  EXPECT_EQ(s.message(), "dependency cycle: T/c -> T/d -> T/e -> T/c");
}

TEST(GraphTest, SelfDependencyRejectedOnAdd) {
  Graph g;
  EXPECT_EQ(g.Add(MakeTask("T", "a", {"T/a"})).code(), Code::kInvalidArgument);
}

TEST(GraphTest, ReferencesInFieldsAreDependencies) {
  Graph g;
  ASSERT_TRUE(g.Add(MakeTask("VPC", "v")).ok());
  ASSERT_TRUE(g.Add(MakeTask("Subnet", "s", {"VPC/v"}, Fields{{"VPC", Value::Ref("VPC/v")}})).ok());
  ASSERT_TRUE(g.Add(MakeTask("Instance", "i", {},
                             Fields{{"Subnets", Value::List{Value::Ref("Subnet/s")}},
                                    {"Network", Value::Ref("VPC/v", "cidr")}}))
                  .ok());
  EXPECT_EQ(g.DependenciesOf("Subnet/s"), (std::vector<std::string>{"VPC/v"}));
  EXPECT_EQ(g.DependenciesOf("Instance/i"), (std::vector<std::string>{"Subnet/s", "VPC/v"}));
  EXPECT_TRUE(g.Validate().ok());
  EXPECT_EQ(g.Keys(), (std::vector<std::string>{"Instance/i", "Subnet/s", "VPC/v"}));
  EXPECT_EQ(g.Find("VPC/v")->name(), "v");
  EXPECT_EQ(g.Find("VPC/none"), nullptr);
}

}  // namespace
}  // namespace kops::engine
