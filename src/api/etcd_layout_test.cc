#include "api/etcd_layout.h"

#include "api/validation_test_specs.h"

namespace kops::api {
namespace {

using testing::Group;
using testing::HaCluster;
using testing::HaGroups;

TEST(EtcdLayoutTest, ThreeZonesSurviveAnyZoneLoss) {
  EtcdLayout layout = ComputeEtcdLayout(HaCluster(), HaGroups());
  ASSERT_EQ(layout.clusters.size(), 2u);
  const EtcdClusterLayout& main = layout.clusters[0];
  EXPECT_EQ(main.name, "main");
  EXPECT_EQ(main.member_count, 3);
  EXPECT_EQ(main.quorum, 2);
  EXPECT_EQ(main.tolerated_failures, 1);
  ASSERT_EQ(main.zones.size(), 3u);
  EXPECT_EQ(main.zones[1].zone, "us-test-1b");
  EXPECT_EQ(main.zones[1].members, std::vector<std::string>{"b"});
  EXPECT_TRUE(layout.SurvivesAnyZoneLoss());
  EXPECT_EQ(main.Verdict(),
            "main: 3 members in 3 zones (us-test-1a: a; us-test-1b: b; us-test-1c: c), quorum 2: "
            "survives the loss of any one zone");
}

TEST(EtcdLayoutTest, ThreeMembersOverTwoZones) {
  Cluster c = HaCluster();
  auto groups = HaGroups();
  groups[2].spec.subnets = {"us-test-1a"};  // member c moves to zone a
  EtcdClusterLayout main = ComputeEtcdLayout(c, groups).clusters[0];
  EXPECT_EQ(main.zones_breaking_quorum, std::vector<std::string>{"us-test-1a"});
  EXPECT_FALSE(main.SurvivesAnyZoneLoss());
  EXPECT_EQ(main.Verdict(),
            "main: 3 members in 2 zones (us-test-1a: a, c; us-test-1b: b), quorum 2: losing zone "
            "us-test-1a (2 members) breaks quorum");
}

TEST(EtcdLayoutTest, SingleMemberAndFiveOverTwoZones) {
  Cluster c = HaCluster();
  c.spec.etcd_clusters[0].members.resize(1);
  EtcdClusterLayout one = ComputeEtcdLayout(c, HaGroups()).clusters[0];
  EXPECT_EQ(one.quorum, 1);
  EXPECT_EQ(one.tolerated_failures, 0);
  EXPECT_EQ(one.zones_breaking_quorum, std::vector<std::string>{"us-test-1a"});

  std::vector<InstanceGroup> groups;
  EtcdClusterSpec five;
  five.name = "main";
  for (int i = 0; i < 5; ++i) {
    std::string zone = i % 2 ? "us-test-1b" : "us-test-1a";
    std::string name = "cp-" + std::to_string(i);
    groups.push_back(Group(name, "Master", {zone}));
    five.members.push_back({.name = "m" + std::to_string(i), .instance_group = name});
  }
  EtcdClusterLayout layout = ComputeEtcdClusterLayout(five, c, groups);
  EXPECT_EQ(layout.quorum, 3);
  EXPECT_EQ(layout.zones_breaking_quorum, std::vector<std::string>{"us-test-1a"});  // 3 of 5 there
}

TEST(EtcdLayoutTest, UnknownGroupsAreInTheUnknownZone) {
  Cluster c = HaCluster();
  c.spec.etcd_clusters[0].members[0].instance_group = "missing";
  EtcdClusterLayout main = ComputeEtcdLayout(c, HaGroups()).clusters[0];
  EXPECT_EQ(main.zones[0].zone, "");
  EXPECT_EQ(main.zones[0].members, std::vector<std::string>{"a"});
  EXPECT_THAT(main.Verdict(), ::testing::HasSubstr("(unknown zone): a"));
}

TEST(EtcdLayoutTest, GroupZonesFromSubnetsOrZones) {
  Cluster c = HaCluster();
  InstanceGroup g = Group("nodes", "Node", {"us-test-1c", "us-test-1a"});
  EXPECT_EQ(InstanceGroupZones(g, c), (std::vector<std::string>{"us-test-1a", "us-test-1c"}));
  g.spec.zones = {"z1"};
  EXPECT_EQ(InstanceGroupZones(g, c), std::vector<std::string>{"z1"});
}

TEST(EtcdLayoutTest, NoMembersNoQuorum) {
  EtcdClusterSpec empty;
  empty.name = "events";
  EtcdClusterLayout layout = ComputeEtcdClusterLayout(empty, HaCluster(), {});
  EXPECT_FALSE(layout.SurvivesAnyZoneLoss());
  EXPECT_EQ(layout.Verdict(), "events: 0 members: no quorum possible");
}

}  // namespace
}  // namespace kops::api
