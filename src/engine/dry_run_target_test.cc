#include "engine/dry_run_target.h"

#include <gtest/gtest.h>

#include <sstream>

#include "base/fake_clock.h"
#include "engine/fake_task.h"
#include "engine/run_graph.h"

namespace kops::engine {
namespace {

const char kVpc[] = "VPC/ha.example.com";

Fields VpcFields(bool dns_hostnames) {
  return Fields{
      {"Name", "ha.example.com"},
      {"CIDR", "172.20.0.0/16"},
      {"EnableDNSHostnames", dns_hostnames},
      {"Lifecycle", "Sync"},
      {"Tags", Value::Map{{"Name", "ha.example.com"}, {"KubernetesCluster", "ha.example.com"}}}};
}

Fields SubnetFields() {
  return Fields{{"Name", "us-east-1a.ha.example.com"},
                {"VPC", Value::Ref(kVpc)},
                {"AvailabilityZone", "us-east-1a"},
                {"CIDR", "172.20.32.0/19"},
                {"Shared", Value()}};
}

Fields TemplateFields(const std::string& user_data) {
  return Fields{{"ImageID", "ami-1"}, {"UserData", Value::File(user_data)}};
}

// The model of a tiny cluster: a VPC, a subnet in it, a launch template with user-data.
Graph MakeGraph(FakeCloud* cloud, bool dns_hostnames, const std::string& user_data) {
  Graph g;
  EXPECT_TRUE(
      g.Add(std::make_unique<FakeTask>("VPC", "ha.example.com", VpcFields(dns_hostnames), cloud))
          .ok());
  EXPECT_TRUE(g.Add(std::make_unique<FakeTask>("Subnet", "us-east-1a.ha.example.com",
                                               SubnetFields(), cloud))
                  .ok());
  EXPECT_TRUE(g.Add(std::make_unique<FakeTask>("LaunchTemplate", "nodes.ha.example.com",
                                               TemplateFields(user_data), cloud))
                  .ok());
  return g;
}

Status RunAll(const Graph& g, Target& target, bool offline) {
  FakeClock clock;
  return RunGraph(g, target, clock, {.offline = offline, .executor = {}});
}

TEST(DryRunTargetTest, OfflineEverythingIsACreate) {
  FakeCloud cloud;
  cloud.Put(kVpc, VpcFields(true));  // ignored: offline never asks the cloud
  Graph g = MakeGraph(&cloud, true, "#!/bin/bash\n");
  std::ostringstream out;
  DryRunTarget target(&out);
  ASSERT_TRUE(RunAll(g, target, /*offline=*/true).ok());
  EXPECT_EQ(out.str(),
            "Will create resources:\n"
            "  LaunchTemplate/nodes.ha.example.com\n"
            "  \tImageID             \tami-1\n"
            "\n"
            "  Subnet/us-east-1a.ha.example.com\n"
            "  \tVPC                 \tname:ha.example.com\n"
            "  \tAvailabilityZone    \tus-east-1a\n"
            "  \tCIDR                \t172.20.32.0/19\n"
            "\n"
            "  VPC/ha.example.com\n"
            "  \tCIDR                \t172.20.0.0/16\n"
            "  \tEnableDNSHostnames  \ttrue\n"
            "  \tTags                \t{KubernetesCluster: ha.example.com, Name: ha.example.com}\n"
            "\n");
  EXPECT_TRUE(target.HasChanges());
  EXPECT_EQ(target.CreatedKeys().size(), 3u);
}

// The fake cloud as a real one would describe it: ids assigned, references as ids.
void PopulateCloud(FakeCloud& cloud, const std::string& user_data) {
  Fields vpc = VpcFields(false);
  vpc.Set("ID", "vpc-1");
  cloud.Put(kVpc, vpc);
  Fields subnet = SubnetFields();
  subnet.Set("VPC", "vpc-1").Set("ID", "subnet-1");
  cloud.Put("Subnet/us-east-1a.ha.example.com", subnet);
  cloud.Put("LaunchTemplate/nodes.ha.example.com", TemplateFields(user_data));
}

TEST(DryRunTargetTest, ModifyShowsOnlyChangedFieldsOldToNew) {
  FakeCloud cloud;
  PopulateCloud(cloud, "#!/bin/bash\nset -e\nold-step\n");
  Graph g = MakeGraph(&cloud, true, "#!/bin/bash\nset -e\nnew-step\n");
  DryRunTarget target;
  ASSERT_TRUE(RunAll(g, target, /*offline=*/false).ok());
  EXPECT_EQ(target.Report(),
            "Will modify resources:\n"
            "  LaunchTemplate/nodes.ha.example.com\n"
            "  \tUserData            \n"
            "  \t                    \t  #!/bin/bash\n"
            "  \t                    \t  set -e\n"
            "  \t                    \t- old-step\n"
            "  \t                    \t+ new-step\n"
            "\n"
            "  VPC/ha.example.com\n"
            "  \tEnableDNSHostnames  \t false -> true\n"
            "\n");
  EXPECT_EQ(target.ModifiedKeys(),
            (std::vector<std::string>{"LaunchTemplate/nodes.ha.example.com", kVpc}));
  EXPECT_TRUE(target.CreatedKeys().empty());
}

TEST(DryRunTargetTest, NothingToChangeGivesEmptyReport) {
  FakeCloud cloud;
  PopulateCloud(cloud, "x\n");
  Graph g = MakeGraph(&cloud, false, "x\n");
  DryRunTarget target;
  ASSERT_TRUE(RunAll(g, target, /*offline=*/false).ok());
  EXPECT_FALSE(target.HasChanges());
  EXPECT_EQ(target.Report(), "");
}

TEST(DryRunTargetTest, DeletionsComeLast) {
  FakeCloud cloud;
  PopulateCloud(cloud, "x\n");
  Graph g;
  auto vpc = std::make_unique<FakeTask>("VPC", "ha.example.com", VpcFields(true), &cloud);
  vpc->AddDeletion({"SecurityGroupRule", "nodes-ssh-from-0.0.0.0/0", nullptr});
  vpc->AddDeletion({"Route", "0.0.0.0/0 via igw-old", nullptr});
  ASSERT_TRUE(g.Add(std::move(vpc)).ok());
  ASSERT_TRUE(g.Add(std::make_unique<FakeTask>("Subnet", "new.ha.example.com",
                                               Fields{{"CIDR", "172.20.64.0/19"}}, &cloud))
                  .ok());
  DryRunTarget target;
  ASSERT_TRUE(RunAll(g, target, /*offline=*/false).ok());
  EXPECT_EQ(target.Report(),
            "Will create resources:\n"
            "  Subnet/new.ha.example.com\n"
            "  \tCIDR                \t172.20.64.0/19\n"
            "\n"
            "Will modify resources:\n"
            "  VPC/ha.example.com\n"
            "  \tEnableDNSHostnames  \t false -> true\n"
            "\n"
            "Will delete items:\n"
            "  Route                0.0.0.0/0 via igw-old\n"
            "  SecurityGroupRule    nodes-ssh-from-0.0.0.0/0\n");
  EXPECT_EQ(target.DeletedItems().size(), 2u);
}

TEST(DryRunTargetTest, OfflineShowsNoDeletions) {
  Graph g;
  auto vpc = std::make_unique<FakeTask>("VPC", "v", Fields{{"CIDR", "10.0.0.0/16"}});
  vpc->AddDeletion({"Route", "r", nullptr});
  ASSERT_TRUE(g.Add(std::move(vpc)).ok());
  DryRunTarget target;
  ASSERT_TRUE(RunAll(g, target, /*offline=*/true).ok());
  EXPECT_TRUE(target.DeletedItems().empty());
}

class BrokenTask : public FakeTask {
 public:
  BrokenTask() : FakeTask("VPC", "broken", Fields{}) {}
  Result<std::optional<Fields>> Find(Context&) override { return PermissionDenied("no creds"); }
};

TEST(DryRunTargetTest, FailedRunPrintsNoReport) {
  Graph g;
  ASSERT_TRUE(g.Add(std::make_unique<BrokenTask>()).ok());
  std::ostringstream out;
  DryRunTarget target(&out);
  Status s = RunAll(g, target, /*offline=*/false);
  EXPECT_EQ(s.message(), "VPC/broken: no creds");
  EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace kops::engine
