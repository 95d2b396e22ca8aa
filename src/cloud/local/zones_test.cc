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
  auto a1 = AllocateInstanceAddress(s, r);
  ASSERT_TRUE(a1.ok());
  EXPECT_EQ(*a1, "127.1.44.1");
  s.instances["i-1"] = Inst("i-1", *a1);
  auto a2 = AllocateInstanceAddress(s, r);
  ASSERT_TRUE(a2.ok());
  EXPECT_EQ(*a2, "127.1.44.2");
  s.instances["i-1"].state = InstanceState::kTerminated;
  EXPECT_EQ(*AllocateInstanceAddress(s, r), "127.1.44.1");
}

TEST(ZonesTest, InstanceAddressesExhausted) {
  CloudState s;
  ZoneRange r{"c", "z", 300, true};
  for (int h = 1; h <= 254; ++h) {
    s.instances["i-" + std::to_string(h)] = Inst("i-" + std::to_string(h), r.Address(h));
  }
  EXPECT_EQ(AllocateInstanceAddress(s, r).status().code(), Code::kFailedPrecondition);
}

}  // namespace
}  // namespace kops::cloud::local
