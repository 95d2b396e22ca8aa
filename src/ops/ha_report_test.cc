// The HA report's analysis: kops' HA doc examples (3 zones with one control plane each; 3
// control planes in 2 zones; 1 control plane), 5 over 3 zones, even member counts, node
// capacity with mixed machine types, and create cluster's one-line verdict.
#include "ops/ha_report.h"

#include <gtest/gtest.h>

#include "ops/ha_test_specs.h"

namespace kops::ops {
namespace {

using Strings = std::vector<std::string>;
using testing::HaSpec;

const ZoneLoss& Zone(const HaReport& r, const std::string& zone) {
  for (const auto& z : r.zone_losses)
    if (z.zone == zone) return z;
  ADD_FAILURE() << "no zone " << zone;
  static ZoneLoss none;
  return none;
}

Strings Kinds(const HaReport& r) {
  Strings out;
  for (const auto& f : r.findings) out.push_back(f.kind + (f.etcd_cluster.empty() ? "" : ":" + f.etcd_cluster) +
                                                 (f.zone.empty() ? "" : "@" + f.zone));
  return out;
}

TEST(HaReportTest, KopsDocsThreeZonesOneControlPlaneEachSurvivesAnyZoneLoss) {
  HaSpec s({"us-west-2a", "us-west-2b", "us-west-2c"});
  s.ControlPlane("control-plane-us-west-2a", "us-west-2a", "a")
      .ControlPlane("control-plane-us-west-2b", "us-west-2b", "b")
      .ControlPlane("control-plane-us-west-2c", "us-west-2c", "c");
  for (const char* z : {"us-west-2a", "us-west-2b", "us-west-2c"}) s.Nodes(std::string("nodes-") + z, {z}, 1, "t3.medium");
  HaReport r = AnalyzeHa(s.cluster, s.groups);
  EXPECT_EQ(r.zones, (Strings{"us-west-2a", "us-west-2b", "us-west-2c"}));
  EXPECT_EQ(r.control_planes, 3);
  EXPECT_TRUE(r.ZonesBreakingQuorum().empty());
  ASSERT_EQ(r.zone_losses.size(), 3u);
  for (const auto& z : r.zone_losses) {
    EXPECT_EQ(z.control_planes, 1);
    ASSERT_EQ(z.effect.etcd.size(), 2u);
    EXPECT_EQ(z.effect.etcd[0].cluster, "main");
    EXPECT_EQ(z.effect.etcd[1].cluster, "events");
    for (const auto& e : z.effect.etcd) {
      EXPECT_EQ(e.lost, 1);
      EXPECT_EQ(e.left, 2);
      EXPECT_EQ(e.quorum, 2);
      EXPECT_TRUE(e.quorum_kept);
    }
    EXPECT_EQ(z.effect.control_planes_left, 2);
    EXPECT_TRUE(z.effect.api_reachable);
    EXPECT_EQ(z.nodes.vcpus_total, 6);
    EXPECT_EQ(z.nodes.vcpus_left, 4);
  }
  EXPECT_EQ(Zone(r, "us-west-2b").effect.etcd[0].lost_members, Strings{"b"});
  ASSERT_EQ(r.instance_losses.size(), 3u);
  EXPECT_EQ(r.instance_losses[0].instance, "control-plane-us-west-2a");
  EXPECT_EQ(r.instance_losses[0].zone, "us-west-2a");
  EXPECT_TRUE(r.instance_losses[0].effect.AllQuorumsKept());
  EXPECT_EQ(Kinds(r), Strings{});
  EXPECT_TRUE(r.suggestions.empty());
  EXPECT_EQ(QuorumVerdictLine(r), "");
}

TEST(HaReportTest, KopsDocsThreeControlPlanesInTwoZonesLosesQuorumWithTheZoneHoldingTwo) {
  HaSpec s({"cn-north-1a", "cn-north-1b"});
  s.ControlPlane("control-plane-cn-north-1a-1", "cn-north-1a", "a-1")
      .ControlPlane("control-plane-cn-north-1b-1", "cn-north-1b", "b-1")
      .ControlPlane("control-plane-cn-north-1a-2", "cn-north-1a", "a-2");
  HaReport r = AnalyzeHa(s.cluster, s.groups);
  EXPECT_EQ(r.ZonesBreakingQuorum(), Strings{"cn-north-1a"});
  const ZoneLoss& a = Zone(r, "cn-north-1a");
  EXPECT_EQ(a.control_planes, 2);
  EXPECT_EQ(a.effect.etcd[0].lost_members, (Strings{"a-1", "a-2"}));
  EXPECT_EQ(a.effect.etcd[0].left, 1);
  EXPECT_FALSE(a.effect.etcd[0].quorum_kept);
  EXPECT_EQ(a.effect.control_planes_left, 1);
  EXPECT_FALSE(a.effect.api_reachable);  // a control plane is left, but etcd main has no quorum
  const ZoneLoss& b = Zone(r, "cn-north-1b");
  EXPECT_TRUE(b.effect.AllQuorumsKept());
  EXPECT_TRUE(b.effect.api_reachable);
  // No node groups: nothing to share.
  EXPECT_FALSE(b.nodes.ShareLeft().has_value());
  for (const auto& i : r.instance_losses) {
    EXPECT_TRUE(i.effect.AllQuorumsKept()) << i.instance;
    EXPECT_TRUE(i.effect.api_reachable) << i.instance;
  }
  EXPECT_EQ(Kinds(r), (Strings{"ZoneMajority:main@cn-north-1a", "ZoneMajority:events@cn-north-1a"}));
  EXPECT_EQ(r.findings[0].message,
            "zone cn-north-1a holds 2 of 3 members of etcd cluster main (a-1, a-2), a majority: losing it "
            "leaves 1, below quorum 2");
  // Two zones can never do: a third is named, and one control plane moves there.
  ASSERT_EQ(r.suggestions.size(), 1u);
  EXPECT_EQ(r.suggestions[0].etcd_clusters, (Strings{"main", "events"}));
  EXPECT_EQ(r.suggestions[0].message,
            "main, events: the cluster's subnets offer only cn-north-1a, cn-north-1b: a third zone is needed, e.g. "
            "cn-north-1c (add a subnet there); move etcd member a-2 (instance group control-plane-cn-north-1a-2) "
            "from zone cn-north-1a to zone cn-north-1c");
  EXPECT_EQ(QuorumVerdictLine(r), "etcd quorum: losing zone cn-north-1a (2 of 3 members) would break quorum");
}

TEST(HaReportTest, KopsDocsSingleControlPlaneIsNoHa) {
  HaSpec s({"us-test-1a", "us-test-1b", "us-test-1c"});
  s.ControlPlane("control-plane-us-test-1a", "us-test-1a", "a");
  HaReport r = AnalyzeHa(s.cluster, s.groups);
  EXPECT_EQ(r.ZonesBreakingQuorum(), Strings{"us-test-1a"});
  EXPECT_FALSE(Zone(r, "us-test-1a").effect.api_reachable);
  EXPECT_TRUE(Zone(r, "us-test-1b").effect.api_reachable);
  ASSERT_EQ(r.instance_losses.size(), 1u);
  EXPECT_FALSE(r.instance_losses[0].effect.AllQuorumsKept());
  EXPECT_EQ(r.instance_losses[0].effect.control_planes_left, 0);
  EXPECT_FALSE(r.instance_losses[0].effect.api_reachable);
  EXPECT_EQ(Kinds(r), (Strings{"SingleControlPlane@us-test-1a", "ZoneMajority:main@us-test-1a",
                               "ZoneMajority:events@us-test-1a"}));
  ASSERT_EQ(r.suggestions.size(), 1u);
  EXPECT_EQ(r.suggestions[0].message,
            "main, events: add a control plane in zone us-test-1b; add a control plane in zone us-test-1c");
  EXPECT_EQ(QuorumVerdictLine(r), "etcd quorum: losing zone us-test-1a (1 of 1 members) would break quorum");
}

TEST(HaReportTest, SingleZoneNeedsTwoMoreZones) {
  HaSpec s({"us-test-1a"});
  s.ControlPlane("control-plane-us-test-1a-1", "us-test-1a", "a-1")
      .ControlPlane("control-plane-us-test-1a-2", "us-test-1a", "a-2")
      .ControlPlane("control-plane-us-test-1a-3", "us-test-1a", "a-3");
  HaReport r = AnalyzeHa(s.cluster, s.groups);
  ASSERT_EQ(r.suggestions.size(), 1u);
  EXPECT_EQ(r.suggestions[0].message,
            "main, events: the cluster's subnets offer only us-test-1a: 2 more zones are needed, e.g. us-test-1b, "
            "us-test-1c (add a subnet there); move etcd member a-2 (instance group control-plane-us-test-1a-2) from "
            "zone us-test-1a to zone us-test-1b; move etcd member a-3 (instance group control-plane-us-test-1a-3) "
            "from zone us-test-1a to zone us-test-1c");
}

TEST(HaReportTest, FiveOverThreeZonesSurvivesAnyZoneLossButNotThreeInOne) {
  HaSpec s({"a", "b", "c"});
  s.ControlPlane("cp-a-1", "a", "a-1").ControlPlane("cp-b-1", "b", "b-1").ControlPlane("cp-c-1", "c", "c-1");
  s.ControlPlane("cp-a-2", "a", "a-2").ControlPlane("cp-b-2", "b", "b-2");
  HaReport r = AnalyzeHa(s.cluster, s.groups);
  EXPECT_TRUE(r.ZonesBreakingQuorum().empty());
  EXPECT_EQ(Zone(r, "a").effect.etcd[0].left, 3);
  EXPECT_EQ(Zone(r, "a").effect.etcd[0].quorum, 3);
  EXPECT_TRUE(r.findings.empty());

  HaSpec t({"a", "b", "c"});
  t.ControlPlane("cp-a-1", "a", "a-1").ControlPlane("cp-b-1", "b", "b-1").ControlPlane("cp-c-1", "c", "c-1");
  t.ControlPlane("cp-a-2", "a", "a-2").ControlPlane("cp-a-3", "a", "a-3");
  r = AnalyzeHa(t.cluster, t.groups);
  EXPECT_EQ(r.ZonesBreakingQuorum(), Strings{"a"});
  EXPECT_EQ(Kinds(r), (Strings{"ZoneMajority:main@a", "ZoneMajority:events@a"}));
  ASSERT_EQ(r.suggestions.size(), 1u);
  EXPECT_EQ(r.suggestions[0].message,
            "main, events: move etcd member a-3 (instance group cp-a-3) from zone a to zone b");
  EXPECT_EQ(QuorumVerdictLine(r), "etcd quorum: losing zone a (3 of 5 members) would break quorum");
}

TEST(HaReportTest, EvenMemberCountsAreFlagged) {
  HaSpec two({"a", "b"});
  two.ControlPlane("cp-a", "a", "a").ControlPlane("cp-b", "b", "b");
  HaReport r = AnalyzeHa(two.cluster, two.groups);
  EXPECT_EQ(r.ZonesBreakingQuorum(), (Strings{"a", "b"}));
  EXPECT_EQ(Kinds(r), (Strings{"EvenMembers:main", "ZoneHalf:main@a", "ZoneHalf:main@b", "EvenMembers:events",
                               "ZoneHalf:events@a", "ZoneHalf:events@b"}));
  EXPECT_EQ(QuorumVerdictLine(r),
            "etcd quorum: losing zone a (1 of 2 members) or zone b (1 of 2 members) would break quorum");

  // 4 over 3 zones (2+1+1): one more member, not a move, fixes it.
  HaSpec four({"a", "b", "c"});
  four.ControlPlane("cp-a-1", "a", "a-1").ControlPlane("cp-b", "b", "b").ControlPlane("cp-c", "c", "c");
  four.ControlPlane("cp-a-2", "a", "a-2");
  r = AnalyzeHa(four.cluster, four.groups);
  EXPECT_EQ(r.ZonesBreakingQuorum(), Strings{"a"});
  ASSERT_EQ(r.suggestions.size(), 1u);
  EXPECT_EQ(r.suggestions[0].message, "main, events: add a control plane in zone b");

  // 4 over 4 zones: any one zone's loss keeps quorum; the even count is still flagged.
  HaSpec spread({"a", "b", "c", "d"});
  for (const char* z : {"a", "b", "c", "d"}) spread.ControlPlane(std::string("cp-") + z, z, z);
  r = AnalyzeHa(spread.cluster, spread.groups);
  EXPECT_TRUE(r.ZonesBreakingQuorum().empty());
  EXPECT_EQ(Kinds(r), (Strings{"EvenMembers:main", "EvenMembers:events"}));
  EXPECT_EQ(r.findings[0].message,
            "etcd cluster main has 4 members, an even number: quorum is 3, so it tolerates 1 failure(s), no more "
            "than 3 members would; kops: use an odd number of control-plane zones for quorum");
  EXPECT_TRUE(r.suggestions.empty());
}

TEST(HaReportTest, NodeCapacityWithMixedMachineTypesAndMultiZoneGroups) {
  HaSpec s({"a", "b", "c"});
  s.ControlPlane("cp-a", "a", "a").ControlPlane("cp-b", "b", "b").ControlPlane("cp-c", "c", "c");
  s.Nodes("small-a", {"a"}, 2, "m5.large");       // 2 × 2 vCPUs in a
  s.Nodes("big-bc", {"b", "c"}, 3, "m5.xlarge");  // 3 × 4 vCPUs: 2 in b, 1 in c
  HaReport r = AnalyzeHa(s.cluster, s.groups);
  EXPECT_EQ(Zone(r, "a").nodes.vcpus_total, 16);
  EXPECT_EQ(Zone(r, "a").nodes.vcpus_left, 12);
  EXPECT_EQ(Zone(r, "b").nodes.vcpus_left, 8);
  EXPECT_EQ(Zone(r, "c").nodes.vcpus_left, 12);
  EXPECT_DOUBLE_EQ(*Zone(r, "b").nodes.ShareLeft(), 0.5);
  EXPECT_DOUBLE_EQ(*Zone(r, "a").nodes.ShareLeft(), 0.75);

  // A machine type the catalogue does not know: the share is unknown, the type named.
  s.Nodes("odd", {"a"}, 1, "x9.enormous");
  r = AnalyzeHa(s.cluster, s.groups);
  EXPECT_EQ(Zone(r, "b").nodes.unknown_machine_types, Strings{"x9.enormous"});
  EXPECT_FALSE(Zone(r, "b").nodes.ShareLeft().has_value());
}

TEST(HaReportTest, NodeGroupWithoutSizeOrSubnetsGetsKopsDefaults) {
  HaSpec s({"a", "b"});
  s.ControlPlane("cp-a", "a", "a");
  api::InstanceGroup g;
  g.metadata.name = "nodes";
  g.spec.role = api::kRoleNode;
  g.spec.machine_type = "m5.large";
  s.groups.push_back(g);  // kops: minSize 2, every non-utility subnet → one in a, one in b
  HaReport r = AnalyzeHa(s.cluster, s.groups);
  EXPECT_EQ(Zone(r, "a").nodes.vcpus_total, 4);
  EXPECT_EQ(Zone(r, "a").nodes.vcpus_left, 2);
}

TEST(HaReportTest, ControlPlaneGroupWithSeveralInstancesSpreadsItsMembers) {
  HaSpec s({"a", "b", "c"}, {"main"});
  s.ControlPlane("cp-a", "a", "a-1", /*size=*/2).ControlPlane("cp-b", "b", "b");
  api::EtcdMemberSpec extra;
  extra.name = "a-2";
  extra.instance_group = "cp-a";
  s.cluster.spec.etcd_clusters[0].members.push_back(extra);
  HaReport r = AnalyzeHa(s.cluster, s.groups);
  ASSERT_EQ(r.instance_losses.size(), 3u);
  EXPECT_EQ(r.instance_losses[0].instance, "cp-a/1");
  EXPECT_EQ(r.instance_losses[0].effect.etcd[0].lost_members, Strings{"a-1"});
  EXPECT_EQ(r.instance_losses[1].instance, "cp-a/2");
  EXPECT_EQ(r.instance_losses[1].effect.etcd[0].lost_members, Strings{"a-2"});
  EXPECT_EQ(r.instance_losses[1].effect.control_planes_left, 2);
  EXPECT_EQ(Zone(r, "a").control_planes, 2);
}

TEST(HaReportTest, VerdictNamesEachEtcdClusterWhenTheyDiffer) {
  HaSpec s({"a", "b", "c"});
  s.ControlPlane("cp-a", "a", "a").ControlPlane("cp-b", "b", "b").ControlPlane("cp-c", "c", "c");
  s.cluster.spec.etcd_clusters[1].members.resize(1);  // events only on cp-a
  HaReport r = AnalyzeHa(s.cluster, s.groups);
  EXPECT_EQ(r.ZonesBreakingQuorum(), Strings{"a"});
  EXPECT_EQ(QuorumVerdictLine(r), "etcd quorum: events: losing zone a (1 of 1 members) would break quorum");
  ASSERT_EQ(r.suggestions.size(), 1u);
  EXPECT_EQ(r.suggestions[0].etcd_clusters, Strings{"events"});
}

}  // namespace
}  // namespace kops::ops
