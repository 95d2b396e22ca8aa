// Control-plane placement, etcd member names, quorum risk and subnet CIDR allocation.
#include <gtest/gtest.h>

#include "create/control_plane.h"
#include "create/subnets.h"

namespace kops::create {
namespace {

using Strings = std::vector<std::string>;

Strings GroupNames(const Strings& zones, const Strings& cp_zones, int count) {
  auto slots = PlaceControlPlanes(zones, cp_zones, count);
  EXPECT_TRUE(slots.ok()) << slots.status().message();
  Strings out;
  for (const auto& s : *slots) out.push_back(s.group_name);
  return out;
}

Strings Members(const Strings& zones, int count) {
  return EtcdMemberNames(GroupNames(zones, {}, count));
}

TEST(ControlPlaneTest, PlacementAndNames) {
  const Strings abc = {"us-east-1a", "us-east-1b", "us-east-1c"};
  EXPECT_EQ(GroupNames(abc, {}, 0), (Strings{"control-plane-us-east-1a"}));
  EXPECT_EQ(GroupNames({"z"}, abc, 0), (Strings{"control-plane-us-east-1a", "control-plane-us-east-1b",
                                                 "control-plane-us-east-1c"}));
  EXPECT_EQ(GroupNames(abc, {}, 5),
            (Strings{"control-plane-us-east-1a-1", "control-plane-us-east-1b-1",
                     "control-plane-us-east-1c-1", "control-plane-us-east-1a-2",
                     "control-plane-us-east-1b-2"}));
  auto below = PlaceControlPlanes(abc, abc, 2);
  ASSERT_FALSE(below.ok());
  EXPECT_NE(below.status().message().find("specified 3 control-plane zones, but also requested 2"),
            std::string::npos);
  EXPECT_FALSE(PlaceControlPlanes({}, {}, 1).ok());
  EXPECT_FALSE(PlaceControlPlanes(abc, {}, -1).ok());
}

TEST(ControlPlaneTest, EtcdMemberNamesForOneToFiveOverOneToThreeZones) {
  const Strings a = {"us-east-1a"}, ab = {"us-east-1a", "us-east-1b"},
                abc = {"us-east-1a", "us-east-1b", "us-east-1c"};
  EXPECT_EQ(Members(a, 1), (Strings{"a"}));
  EXPECT_EQ(Members(a, 2), (Strings{"etcd-1", "etcd-2"}));
  EXPECT_EQ(Members(a, 3), (Strings{"etcd-1", "etcd-2", "etcd-3"}));
  EXPECT_EQ(Members(a, 5), (Strings{"etcd-1", "etcd-2", "etcd-3", "etcd-4", "etcd-5"}));
  EXPECT_EQ(Members(ab, 1), (Strings{"a"}));
  EXPECT_EQ(Members(ab, 3), (Strings{"a-1", "b-1", "a-2"}));
  EXPECT_EQ(Members(ab, 5), (Strings{"a-1", "b-1", "a-2", "b-2", "a-3"}));
  EXPECT_EQ(Members(abc, 3), (Strings{"a", "b", "c"}));
  EXPECT_EQ(Members(abc, 4), (Strings{"a-1", "b-1", "c-1", "a-2"}));
  EXPECT_EQ(Members(abc, 5), (Strings{"a-1", "b-1", "c-1", "a-2", "b-2"}));
  EXPECT_EQ(EtcdMemberNames({"master-us-east-1a", "master-us-east-1b"}), (Strings{"a", "b"}));
  EXPECT_EQ(EtcdMemberNames({"control-plane-x"}), (Strings{"x"}));
}

TEST(ControlPlaneTest, EtcdCluster) {
  auto main = BuildEtcdCluster("main", {"control-plane-a"}, true, "gp3");
  EXPECT_EQ(main.cpu_request, "200m");
  EXPECT_EQ(main.memory_request, "100Mi");
  EXPECT_EQ(main.manager->backup_retention_days, 90);
  EXPECT_EQ(main.members[0].encrypted_volume, true);
  EXPECT_EQ(main.members[0].volume_type, "gp3");
  auto events = BuildEtcdCluster("events", {"control-plane-a"}, false, "");
  EXPECT_EQ(events.cpu_request, "100m");
  EXPECT_FALSE(events.members[0].encrypted_volume.has_value());
}

Strings Cidrs(int zones, bool priv, Status* status = nullptr) {
  api::ClusterSpec spec;
  spec.network_cidr = "172.20.0.0/16";
  for (int i = 0; i < zones; ++i) {
    api::ClusterSubnetSpec s;
    s.name = s.zone = std::string("z") + char('a' + i);
    s.type = priv ? "Private" : "Public";
    spec.subnets.push_back(s);
  }
  if (priv)
    for (int i = 0; i < zones; ++i) {
      api::ClusterSubnetSpec u;
      u.zone = std::string("z") + char('a' + i);
      u.name = "utility-" + u.zone;
      u.type = "Utility";
      spec.subnets.push_back(u);
    }
  Status st = AssignSubnetCidrs(spec);
  if (status) *status = st;
  Strings out;
  for (const auto& s : spec.subnets) out.push_back(s.cidr);
  return out;
}

TEST(SubnetsTest, PublicCidrs) {
  EXPECT_EQ(Cidrs(1, false), (Strings{"172.20.0.0/16"}));
  EXPECT_EQ(Cidrs(2, false), (Strings{"172.20.0.0/17", "172.20.128.0/17"}));
  EXPECT_EQ(Cidrs(3, false), (Strings{"172.20.0.0/18", "172.20.64.0/18", "172.20.128.0/18"}));
  EXPECT_EQ(Cidrs(5, false), (Strings{"172.20.0.0/19", "172.20.32.0/19", "172.20.64.0/19",
                                      "172.20.96.0/19", "172.20.128.0/19"}));
  Strings eight = Cidrs(8, false);
  EXPECT_EQ(eight.front(), "172.20.0.0/19");
  EXPECT_EQ(eight.back(), "172.20.224.0/19");
}

TEST(SubnetsTest, PrivateCidrsWithUtility) {
  EXPECT_EQ(Cidrs(1, true), (Strings{"172.20.128.0/17", "172.20.0.0/20"}));
  EXPECT_EQ(Cidrs(2, true), (Strings{"172.20.64.0/18", "172.20.128.0/18", "172.20.0.0/21",
                                     "172.20.8.0/21"}));
  EXPECT_EQ(Cidrs(3, true), (Strings{"172.20.64.0/18", "172.20.128.0/18", "172.20.192.0/18",
                                     "172.20.0.0/21", "172.20.8.0/21", "172.20.16.0/21"}));
  Strings five = Cidrs(5, true);
  EXPECT_EQ(five[0], "172.20.32.0/19");
  EXPECT_EQ(five[4], "172.20.160.0/19");
  EXPECT_EQ(five[5], "172.20.0.0/22");
  EXPECT_EQ(five[9], "172.20.16.0/22");
}

TEST(SubnetsTest, InsufficientCidrs) {
  Status st;
  Cidrs(8, true, &st);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("insufficient CIDRs"), std::string::npos);
  EXPECT_NE(st.message().find("\"zh\""), std::string::npos);
  Cidrs(9, false, &st);
  EXPECT_FALSE(st.ok());
  Cidrs(7, true, &st);
  EXPECT_TRUE(st.ok()) << st.message();
}

TEST(SubnetsTest, SkipsPartsOverlappingPresetCidrs) {
  api::ClusterSpec spec;
  spec.network_cidr = "10.0.0.0/16";
  Strings zones = {"a", "b", "c"};
  auto by_zone =
      AddZoneSubnets(spec, zones, zones, {"10.0.0.0/16", "10.0.0.0/18", "10.9.0.0/16"}, "");
  for (auto& s : spec.subnets) s.type = "Public";
  ASSERT_TRUE(AssignSubnetCidrs(spec).ok());
  // Three subnets need 4 parts; 10.0.0.0/18 is taken by the preset subnet a-1.
  EXPECT_EQ(spec.subnets[0].cidr, "10.0.64.0/18");
  EXPECT_EQ(spec.subnets[1].cidr, "10.0.128.0/18");
  EXPECT_EQ(spec.subnets[2].cidr, "10.0.192.0/18");
  EXPECT_EQ(spec.subnets[3].name, "a-1");
  EXPECT_EQ(spec.subnets[4].name, "b-2");
  EXPECT_EQ(spec.subnets[4].cidr, "10.9.0.0/16");
  EXPECT_EQ(by_zone["a"], (Strings{"a", "a-1"}));
  EXPECT_EQ(by_zone["c"], (Strings{"c"}));

  // Two subnets need 2 parts (/17); the first overlaps the preset: insufficient.
  api::ClusterSpec two;
  two.network_cidr = "10.0.0.0/16";
  AddZoneSubnets(two, {"a", "b"}, {"a", "b"}, {"10.0.0.0/16", "10.0.0.0/18"}, "");
  for (auto& s : two.subnets) s.type = "Public";
  Status st = AssignSubnetCidrs(two);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("\"b\""), std::string::npos);
}

TEST(SubnetsTest, BadNetworkCidr) {
  api::ClusterSpec spec;
  spec.network_cidr = "10.0.0.0";
  spec.subnets.push_back({.name = "a", .zone = "a", .type = "Public"});
  Status st = AssignSubnetCidrs(spec);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("networkCIDR"), std::string::npos);
}

}  // namespace
}  // namespace kops::create
