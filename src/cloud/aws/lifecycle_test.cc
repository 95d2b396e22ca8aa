// --lifecycle-overrides: parsing, and what each lifecycle does to a run, with fake tasks
// against a fake cloud (dry run) and through the Terraform target.
#include "cloud/aws/lifecycle.h"

#include <gtest/gtest.h>

#include <sstream>

#include "base/fake_clock.h"
#include "cloud/aws/resource_task.h"
#include "engine/dry_run_target.h"
#include "engine/fake_task.h"
#include "engine/run_graph.h"
#include "terraform/terraform_target.h"

namespace kops::cloud::aws {
namespace {

using engine::Fields;
using engine::Value;

TEST(LifecycleOverrides, ParsesCommaSeparatedAndRepeatedFlags) {
  auto o = ParseLifecycleOverrides({"SecurityGroup=ExistsAndWarnIfChanges,IAMRole=Ignore",
                                    "IAMRolePolicy=ExistsAndValidates"});
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->size(), 3u);
  EXPECT_EQ(o->at("SecurityGroup"), Lifecycle::kExistsAndWarnIfChanges);
  EXPECT_EQ(o->at("IAMRole"), Lifecycle::kIgnore);
  EXPECT_EQ(o->at("IAMRolePolicy"), Lifecycle::kExistsAndValidates);
}

TEST(LifecycleOverrides, RejectsBadSyntaxAndUnknownLifecycles) {
  auto bad = ParseLifecycleOverrides({"SecurityGroup"});
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("TaskName=Lifecycle"), std::string::npos);
  auto unknown = ParseLifecycleOverrides({"SecurityGroup=Skip"});
  EXPECT_EQ(unknown.status().code(), Code::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("ExistsAndWarnIfChanges"), std::string::npos)
      << unknown.status().message();
}

TEST(LifecycleOverrides, UnknownTaskKindsAreReported) {
  engine::Graph g;
  ASSERT_TRUE(g.Add(std::make_unique<engine::FakeTask>("VPC", "v", Fields{{"CIDR", "10.0.0.0/16"}})).ok());
  auto unknown = UnknownTaskKinds({{"VPC", Lifecycle::kIgnore}, {"Nope", Lifecycle::kIgnore}}, g);
  EXPECT_EQ(unknown, (std::set<std::string>{"Nope"}));
}

// A VPC and a security group that exist in the fake cloud, the group with an old
// description, and a subnet that does not exist yet.
engine::Graph Model(engine::FakeCloud* cloud) {
  engine::Graph g;
  EXPECT_TRUE(g.Add(std::make_unique<engine::FakeTask>("VPC", "c", Fields{{"CIDR", "10.0.0.0/16"}}, cloud)).ok());
  EXPECT_TRUE(g.Add(std::make_unique<engine::FakeTask>("SecurityGroup", "nodes",
                                                       Fields{{"Description", "new"}}, cloud))
                  .ok());
  EXPECT_TRUE(g.Add(std::make_unique<engine::FakeTask>("Subnet", "a", Fields{{"CIDR", "10.0.1.0/24"}}, cloud)).ok());
  cloud->Put("VPC/c", Fields{{"CIDR", "10.0.0.0/16"}});
  cloud->Put("SecurityGroup/nodes", Fields{{"Description", "old"}});
  return g;
}

Status DryRun(const LifecycleOverrides& o, bool offline, std::string* report, std::string* warnings) {
  engine::FakeCloud cloud;
  engine::Graph g = Model(&cloud);
  engine::DryRunTarget dry_run;
  std::ostringstream warn;
  LifecycleTarget target(dry_run, o, warn);
  FakeClock clock;
  Status s = engine::RunGraph(g, target, clock, {.offline = offline, .executor = {}});
  *report = dry_run.Report();
  *warnings = warn.str();
  return s;
}

TEST(LifecycleTarget, SyncIsTheDefault) {
  std::string report, warnings;
  ASSERT_TRUE(DryRun({}, false, &report, &warnings).ok());
  EXPECT_NE(report.find("Subnet/a"), std::string::npos) << report;
  EXPECT_NE(report.find("old -> new"), std::string::npos) << report;
  EXPECT_EQ(warnings, "");
}

TEST(LifecycleTarget, IgnoreDropsTheTask) {
  std::string report, warnings;
  ASSERT_TRUE(DryRun({{"SecurityGroup", Lifecycle::kIgnore}}, false, &report, &warnings).ok());
  EXPECT_EQ(report.find("SecurityGroup"), std::string::npos) << report;
  EXPECT_NE(report.find("Subnet/a"), std::string::npos) << report;
  EXPECT_EQ(warnings, "");
}

TEST(LifecycleTarget, ExistsAndWarnIfChangesWarnsAboutDifferencesAndAppliesNone) {
  std::string report, warnings;
  ASSERT_TRUE(DryRun({{"SecurityGroup", Lifecycle::kExistsAndWarnIfChanges}}, false, &report, &warnings).ok());
  EXPECT_EQ(report.find("SecurityGroup"), std::string::npos) << report;
  EXPECT_NE(warnings.find("SecurityGroup/nodes"), std::string::npos) << warnings;
  EXPECT_NE(warnings.find("old -> new"), std::string::npos) << warnings;
}

TEST(LifecycleTarget, ExistsAndWarnIfChangesWarnsAboutMissingObjects) {
  std::string report, warnings;
  ASSERT_TRUE(DryRun({{"Subnet", Lifecycle::kExistsAndWarnIfChanges}}, false, &report, &warnings).ok());
  EXPECT_EQ(report.find("Subnet/a"), std::string::npos) << report;
  EXPECT_NE(warnings.find("Subnet/a: lifecycle set to ExistsAndWarnIfChanges and object was not found"),
            std::string::npos)
      << warnings;
}

TEST(LifecycleTarget, ExistsAndValidatesFailsOnMissingOrDifferentObjects) {
  std::string report, warnings;
  Status missing = DryRun({{"Subnet", Lifecycle::kExistsAndValidates}}, false, &report, &warnings);
  EXPECT_NE(missing.message().find("Subnet/a: lifecycle set to ExistsAndValidates, but object was not found"),
            std::string::npos)
      << missing.message();
  Status differs = DryRun({{"SecurityGroup", Lifecycle::kExistsAndValidates}}, false, &report, &warnings);
  EXPECT_NE(differs.message().find("did not match"), std::string::npos) << differs.message();
  EXPECT_TRUE(DryRun({{"VPC", Lifecycle::kExistsAndValidates}}, false, &report, &warnings).ok());
}

TEST(LifecycleTarget, TerraformKeepsReferencesToSkippedResources) {
  engine::Graph g;
  ASSERT_TRUE(g.Add(std::make_unique<ResourceTask>("SecurityGroup", "nodes", "aws_security_group",
                                                   Fields{{"name", "nodes"}}))
                  .ok());
  ASSERT_TRUE(g.Add(std::make_unique<ResourceTask>(
                        "SecurityGroupRule", "ssh", "aws_security_group_rule",
                        Fields{{"security_group_id", Value::Ref("SecurityGroup/nodes")}}))
                  .ok());
  terraform::TerraformTarget tf("");
  std::ostringstream warn;
  LifecycleTarget target(tf, {{"SecurityGroup", Lifecycle::kIgnore}}, warn, &tf);
  FakeClock clock;
  ASSERT_TRUE(engine::RunGraph(g, target, clock, {.offline = true, .executor = {}}).ok());
  auto out = tf.Build();
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->kubernetes_tf.find("resource \"aws_security_group\""), std::string::npos)
      << out->kubernetes_tf;
  EXPECT_NE(out->kubernetes_tf.find("aws_security_group.nodes.id"), std::string::npos)
      << out->kubernetes_tf;
}

}  // namespace
}  // namespace kops::cloud::aws
