#include "cloud/local/volumes.h"

#include <gtest/gtest.h>

namespace kops::cloud::local {
namespace {

class VolumesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AddInstance("i-a", "local-a");
    AddInstance("i-a2", "local-a");
    AddInstance("i-b", "local-b");
    AddVolume("vol-a", "local-a", "a");
    AddVolume("vol-b", "local-b", "b");
  }
  void AddInstance(const std::string& id, const std::string& zone) {
    Instance i;
    i.id = id;
    i.cluster_id = "c";
    i.zone = zone;
    s_.instances[id] = i;
  }
  void AddVolume(const std::string& id, const std::string& zone, const std::string& member) {
    Volume v;
    v.id = id;
    v.cluster_id = "c";
    v.zone = zone;
    v.tags = EtcdVolumeTags("ha.local", "main", member, {"a", "b", "c"});
    s_.volumes[id] = v;
  }
  CloudState s_;
};

TEST_F(VolumesTest, EtcdTagsAreKops) {
  auto tags = EtcdVolumeTags("ha.local", "events", "b", {"a", "b", "c"});
  EXPECT_EQ(tags.at("k8s.io/etcd/events"), "b/a,b,c");
  EXPECT_EQ(tags.at("k8s.io/role/control-plane"), "1");
  EXPECT_EQ(tags.at("k8s.io/role/master"), "1");
  EXPECT_EQ(tags.at("kubernetes.io/cluster/ha.local"), "owned");
  EXPECT_EQ(tags.size(), 4u);
}

TEST_F(VolumesTest, AttachOnlyInOwnZoneAndOnlyOnce) {
  EXPECT_TRUE(AttachVolume(s_, "vol-a", "i-a").ok());
  EXPECT_TRUE(AttachVolume(s_, "vol-a", "i-a").ok());  // idempotent
  Status other = AttachVolume(s_, "vol-a", "i-a2");
  EXPECT_EQ(other.code(), Code::kFailedPrecondition);
  EXPECT_NE(other.message().find("attached to instance i-a"), std::string::npos);
  Status zone = AttachVolume(s_, "vol-b", "i-a");
  EXPECT_EQ(zone.code(), Code::kFailedPrecondition);
  EXPECT_NE(zone.message().find("zone local-b"), std::string::npos);
  EXPECT_EQ(AttachVolume(s_, "vol-x", "i-a").code(), Code::kNotFound);
  EXPECT_EQ(AttachVolume(s_, "vol-b", "i-x").code(), Code::kNotFound);
}

TEST_F(VolumesTest, AttachRequiresRunningInstanceAndLiveVolume) {
  s_.instances["i-a"].state = InstanceState::kTerminated;
  EXPECT_EQ(AttachVolume(s_, "vol-a", "i-a").code(), Code::kFailedPrecondition);
  ASSERT_TRUE(LoseVolume(s_, "vol-a").ok());
  EXPECT_EQ(AttachVolume(s_, "vol-a", "i-a2").code(), Code::kFailedPrecondition);
}

TEST_F(VolumesTest, ClaimFindsByTagInOwnZone) {
  auto claimed = ClaimVolume(s_, "i-b", {{"k8s.io/etcd/main", ""}});
  ASSERT_TRUE(claimed.ok());
  EXPECT_EQ(*claimed, "vol-b");
  EXPECT_EQ(s_.volumes["vol-b"].attached_to, "i-b");
  EXPECT_EQ(*ClaimVolume(s_, "i-b", {{"k8s.io/etcd/main", ""}}), "vol-b");  // again: same
  ASSERT_TRUE(ClaimVolume(s_, "i-a", {{"k8s.io/etcd/main", "a/a,b,c"}}).ok());
  EXPECT_EQ(ClaimVolume(s_, "i-a2", {{"k8s.io/etcd/main", ""}}).status().code(), Code::kNotFound);
  EXPECT_EQ(ClaimVolume(s_, "i-a2", {{"k8s.io/etcd/events", ""}}).status().code(), Code::kNotFound);
}

TEST_F(VolumesTest, DetachFreesForAnotherInstance) {
  ASSERT_TRUE(AttachVolume(s_, "vol-a", "i-a").ok());
  ASSERT_TRUE(DetachVolume(s_, "vol-a").ok());
  EXPECT_TRUE(AttachVolume(s_, "vol-a", "i-a2").ok());
  EXPECT_EQ(DetachVolume(s_, "vol-x").code(), Code::kNotFound);
}

TEST_F(VolumesTest, FindFiltersByClusterZoneAndTags) {
  EXPECT_EQ(FindVolumes(s_, "c", {}).size(), 2u);
  EXPECT_EQ(FindVolumes(s_, "other", {}).size(), 0u);
  EXPECT_EQ(FindVolumes(s_, "c", {}, "local-a").size(), 1u);
  EXPECT_EQ(FindVolumes(s_, "c", {{"kubernetes.io/cluster/ha.local", "owned"}}).size(), 2u);
  EXPECT_EQ(FindVolumes(s_, "c", {{"k8s.io/etcd/main", "b/a,b,c"}}).size(), 1u);
}

}  // namespace
}  // namespace kops::cloud::local
