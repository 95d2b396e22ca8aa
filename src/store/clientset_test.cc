#include "store/clientset.h"

#include <gtest/gtest.h>

#include "store/mem_vfs.h"

namespace kops::store {
namespace {

api::Cluster MakeCluster(const std::string& name) {
  api::Cluster c;
  c.metadata.name = name;
  c.spec.kubernetes_version = "v1.32.0";
  return c;
}

api::InstanceGroup MakeGroup(const std::string& name, const std::string& role) {
  api::InstanceGroup ig;
  ig.metadata.name = name;
  ig.spec.role = role;
  ig.spec.min_size = 1;
  ig.spec.max_size = 1;
  return ig;
}

class ClientsetTest : public ::testing::Test {
 protected:
  std::string url_ = "memfs://clientset-" +
                     std::string(::testing::UnitTest::GetInstance()->current_test_info()->name());
  Clientset cs_{NewMemVfs(url_)};
};

TEST_F(ClientsetTest, CreateWritesKopsLayout) {
  ASSERT_TRUE(cs_.CreateClusterWithGroups(MakeCluster("a.example.com"),
                                          {MakeGroup("control-plane-a", "Master"), MakeGroup("nodes", "Node")})
                  .ok());
  EXPECT_EQ(*cs_.vfs().List(""), (std::vector<std::string>{"a.example.com/config",
                                                           "a.example.com/instancegroup/control-plane-a",
                                                           "a.example.com/instancegroup/nodes"}));
  EXPECT_EQ(*cs_.ListClusterNames(), std::vector<std::string>{"a.example.com"});
  auto groups = cs_.ListInstanceGroups("a.example.com");
  ASSERT_TRUE(groups.ok());
  ASSERT_EQ(groups->size(), 2u);
  EXPECT_EQ((*groups)[0].object.spec.role, "Master");
  EXPECT_EQ(cs_.ConfigBaseFor("a.example.com"), url_ + "/a.example.com");
}

TEST_F(ClientsetTest, CreatingAnExistingClusterChangesNothing) {
  ASSERT_TRUE(cs_.CreateClusterWithGroups(MakeCluster("a.example.com"), {MakeGroup("nodes", "Node")}).ok());
  auto before = *cs_.vfs().List("");
  auto st = cs_.CreateClusterWithGroups(MakeCluster("a.example.com"), {MakeGroup("other", "Node")});
  EXPECT_EQ(st.code(), Code::kAlreadyExists);
  EXPECT_EQ(*cs_.vfs().List(""), before);
}

TEST_F(ClientsetTest, PartialCreateIsRolledBack) {
  // A group left over from an earlier interrupted run makes the create fail part-way.
  ASSERT_TRUE(cs_.vfs().Write("b.example.com/instancegroup/nodes", "x").ok());
  auto st = cs_.CreateClusterWithGroups(MakeCluster("b.example.com"),
                                        {MakeGroup("control-plane-a", "Master"), MakeGroup("nodes", "Node")});
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(*cs_.vfs().List(""), std::vector<std::string>{"b.example.com/instancegroup/nodes"});
}

TEST_F(ClientsetTest, StaleUpdateIsAConflict) {
  ASSERT_TRUE(cs_.CreateClusterWithGroups(MakeCluster("a.example.com"), {}).ok());
  auto mine = cs_.GetCluster("a.example.com");
  auto theirs = cs_.GetCluster("a.example.com");
  theirs->object.spec.kubernetes_version = "v1.33.0";
  ASSERT_TRUE(cs_.UpdateCluster(theirs->object, theirs->version).ok());
  mine->object.spec.kubernetes_version = "v1.31.0";
  EXPECT_EQ(cs_.UpdateCluster(mine->object, mine->version).code(), Code::kConflict);
  EXPECT_EQ(cs_.GetCluster("a.example.com")->object.spec.kubernetes_version, "v1.33.0");
}

TEST_F(ClientsetTest, MissingObjectsAreNotFoundWithNames) {
  auto c = cs_.GetCluster("nope.example.com");
  EXPECT_EQ(c.status().code(), Code::kNotFound);
  EXPECT_NE(c.status().message().find("nope.example.com"), std::string::npos);
  EXPECT_EQ(cs_.DeleteInstanceGroup("nope.example.com", "nodes").code(), Code::kNotFound);
}

TEST_F(ClientsetTest, DeleteClusterStateRemovesEverything) {
  ASSERT_TRUE(cs_.CreateClusterWithGroups(MakeCluster("a.example.com"), {MakeGroup("nodes", "Node")}).ok());
  ASSERT_TRUE(cs_.vfs().Write("a.example.com/pki/private/ca/keyset.yaml", "k").ok());
  ASSERT_TRUE(cs_.vfs().Write("other.example.com/config", "x").ok());
  ASSERT_TRUE(cs_.DeleteClusterState("a.example.com").ok());
  EXPECT_EQ(*cs_.vfs().List(""), std::vector<std::string>{"other.example.com/config"});
}

}  // namespace
}  // namespace kops::store
