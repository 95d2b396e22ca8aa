#include "cloud/local/zones.h"

#include <gtest/gtest.h>

#include <set>

namespace kops::cloud::local {
namespace {

Instance Inst(const std::string& id, const std::string& address) {
  Instance i;
  i.id = id;
  i.address = address;
  return i;
}

// An instance of group in zone "z" of cluster "c", launched at launched_ms.
Instance InZone(const std::string& id, const std::string& group, const std::string& address,
                int64_t launched_ms, InstanceState state) {
  Instance i = Inst(id, address);
  i.cluster_id = "c";
  i.zone = "z";
  i.group_key = group;
  i.launched_at_ms = launched_ms;
  i.state = state;
  return i;
}

TEST(ZonesTest, RangeIsDeterministicAndNeverTheHostRange) {
  CloudState a, b;
  auto ra = AllocateZoneRange(a, "file:///s1", "ha.local", "local-a");
  auto rb = AllocateZoneRange(b, "file:///s1", "ha.local", "local-a");
  ASSERT_TRUE(ra.ok()) << ra.status().ToString();
  ASSERT_TRUE(rb.ok());
  EXPECT_EQ(ra->index, rb->index);
  EXPECT_NE(ra->index, 0);
  EXPECT_NE(ra->Cidr(), "127.0.0.0/24");
  EXPECT_EQ(ra->cluster_id, ClusterId("file:///s1", "ha.local"));
}

TEST(ZonesTest, AllocationIsRecordedAndReturnedAgain) {
  CloudState s;
  auto r1 = AllocateZoneRange(s, "file:///s", "c", "z");
  auto r2 = AllocateZoneRange(s, "file:///s", "c", "z");
  ASSERT_TRUE(r1.ok() && r2.ok());
  EXPECT_EQ(r1->index, r2->index);
  EXPECT_EQ(s.zones.size(), 1u);
}

TEST(ZonesTest, DistinctPerZoneClusterAndStore) {
  CloudState s;
  std::set<int> seen;
  for (std::string store : {"file:///a", "file:///b"}) {
    for (std::string cluster : {"ha.local", "other.local"}) {
      for (std::string zone : {"local-a", "local-b", "local-c"}) {
        auto r = AllocateZoneRange(s, store, cluster, zone);
        ASSERT_TRUE(r.ok());
        EXPECT_TRUE(seen.insert(r->index).second) << store << cluster << zone;
      }
    }
  }
  EXPECT_EQ(s.zones.size(), 12u);
}

TEST(ZonesTest, CollisionProbesToTheNextFreeIndex) {
  CloudState s;
  int preferred = PreferredZoneIndex("file:///s", "c", "z");
  s.zones.push_back({"someone-else", "x", preferred, true});
  int next = preferred % kZoneIndexCount + 1;
  s.zones.push_back({"someone-else", "y", next, true});
  auto r = AllocateZoneRange(s, "file:///s", "c", "z");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->index, next % kZoneIndexCount + 1);
}

TEST(ZonesTest, ProbingWrapsAndSkipsIndexZero) {
  CloudState s;
  for (int i = 1; i <= kZoneIndexCount; ++i) {
    if (i != 1) s.zones.push_back({"x", std::to_string(i), i, true});
  }
  auto r = AllocateZoneRange(s, "file:///s", "c", "z");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->index, 1);
  EXPECT_EQ(r->Cidr(), "127.0.1.0/24");
  auto full = AllocateZoneRange(s, "file:///s", "c", "other");
  EXPECT_EQ(full.status().code(), Code::kFailedPrecondition);
}

TEST(ZonesTest, EmptyNamesAreRejected) {
  CloudState s;
  EXPECT_EQ(AllocateZoneRange(s, "file:///s", "", "z").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(AllocateZoneRange(s, "file:///s", "c", "").status().code(), Code::kInvalidArgument);
}

TEST(ZonesTest, ReleaseRemovesOnlyThatCluster) {
  CloudState s;
  ASSERT_TRUE(AllocateZoneRange(s, "s", "a", "z").ok());
  ASSERT_TRUE(AllocateZoneRange(s, "s", "b", "z").ok());
  ReleaseZoneRanges(s, ClusterId("s", "a"));
  ASSERT_EQ(s.zones.size(), 1u);
  EXPECT_EQ(s.zones[0].cluster_id, ClusterId("s", "b"));
}

TEST(ZonesTest, RangeFormatting) {
  ZoneRange r{"c", "z", (31 << 8) | 4, true};
  EXPECT_EQ(r.Cidr(), "127.31.4.0/24");
  EXPECT_EQ(r.Address(7), "127.31.4.7");
}

TEST(ZonesTest, InstanceAddressesAreDistinctAndReusedAfterTermination) {
  CloudState s;
  ZoneRange r{"c", "z", 300, true};
  auto a1 = AllocateInstanceAddress(s, r, "c/g");
  ASSERT_TRUE(a1.ok());
  EXPECT_EQ(*a1, "127.1.44.1");
  s.instances["i-1"] = Inst("i-1", *a1);
  auto a2 = AllocateInstanceAddress(s, r, "c/g");
  ASSERT_TRUE(a2.ok());
  EXPECT_EQ(*a2, "127.1.44.2");
  s.instances["i-1"].state = InstanceState::kTerminated;
  EXPECT_EQ(*AllocateInstanceAddress(s, r, "c/g"), "127.1.44.1");
}

// A zone down and up: its node and its control plane are relaunched in either order and
// each gets its group's address back (the control plane's etcd peer URLs stay valid).
TEST(ZonesTest, RelaunchedInstanceGetsItsGroupsAddressBackWhicheverLaunchesFirst) {
  ZoneRange r{"c", "z", 300, true};
  for (bool control_plane_first : {false, true}) {
    CloudState s;
    s.instances["i-n1"] = InZone("i-n1", "c/nodes", r.Address(1), 10, InstanceState::kTerminated);
    s.instances["i-c1"] = InZone("i-c1", "c/control-plane", r.Address(2), 11, InstanceState::kTerminated);
    const std::string first = control_plane_first ? "c/control-plane" : "c/nodes";
    const std::string second = control_plane_first ? "c/nodes" : "c/control-plane";
    auto a = AllocateInstanceAddress(s, r, first);
    ASSERT_TRUE(a.ok());
    s.instances["i-first"] = InZone("i-first", first, *a, 20, InstanceState::kRunning);
    auto b = AllocateInstanceAddress(s, r, second);
    ASSERT_TRUE(b.ok());
    s.instances["i-second"] = InZone("i-second", second, *b, 21, InstanceState::kRunning);
    EXPECT_EQ(s.instances["i-first"].address, control_plane_first ? r.Address(2) : r.Address(1));
    EXPECT_EQ(s.instances["i-second"].address, control_plane_first ? r.Address(1) : r.Address(2));
  }
}

TEST(ZonesTest, GroupsLastAddressIsTheNewestOfItsInstances) {
  ZoneRange r{"c", "z", 300, true};
  CloudState s;
  s.instances["i-old"] = InZone("i-old", "c/g", r.Address(1), 10, InstanceState::kTerminated);
  s.instances["i-new"] = InZone("i-new", "c/g", r.Address(3), 20, InstanceState::kTerminated);
  EXPECT_EQ(*AllocateInstanceAddress(s, r, "c/g"), r.Address(3));
}

TEST(ZonesTest, GroupsAddressInUseFallsBackToAnAddressNoOtherGroupHad) {
  ZoneRange r{"c", "z", 300, true};
  CloudState s;
  s.instances["i-g"] = InZone("i-g", "c/g", r.Address(1), 10, InstanceState::kTerminated);
  s.instances["i-x"] = InZone("i-x", "c/x", r.Address(1), 20, InstanceState::kRunning);  // took it
  s.instances["i-y"] = InZone("i-y", "c/y", r.Address(2), 15, InstanceState::kTerminated);
  EXPECT_EQ(*AllocateInstanceAddress(s, r, "c/g"), r.Address(3)) << "2 is kept for group y";
  // A new group in a full-but-for-held range takes a held address rather than failing.
  for (int h = 3; h <= 254; ++h)
    s.instances["i-" + std::to_string(h)] = InZone("i-" + std::to_string(h), "c/f", r.Address(h), 30 + h, InstanceState::kRunning);
  EXPECT_EQ(*AllocateInstanceAddress(s, r, "c/new"), r.Address(2));
}

TEST(ZonesTest, InstanceAddressesExhausted) {
  CloudState s;
  ZoneRange r{"c", "z", 300, true};
  for (int h = 1; h <= 254; ++h) {
    s.instances["i-" + std::to_string(h)] = Inst("i-" + std::to_string(h), r.Address(h));
  }
  EXPECT_EQ(AllocateInstanceAddress(s, r, "c/g").status().code(), Code::kFailedPrecondition);
}

}  // namespace
}  // namespace kops::cloud::local
