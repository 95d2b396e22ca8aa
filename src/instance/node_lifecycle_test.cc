#include "instance/node_lifecycle.h"

#include <gtest/gtest.h>

#include "instance/fake_object_store.h"

namespace kops::instance {
namespace {

const std::string kLive = "i-0123456789abcdef0";
const std::string kGone = "i-fedcba98765432100";

TEST(NodeLifecycle, InstanceIdsAreRecognised) {
  EXPECT_TRUE(LooksLikeLocalInstanceId(kLive));
  EXPECT_FALSE(LooksLikeLocalInstanceId("i-0123456789abcdef"));     // 16 digits
  EXPECT_FALSE(LooksLikeLocalInstanceId("i-0123456789ABCDEF0"));    // upper case
  EXPECT_FALSE(LooksLikeLocalInstanceId("node-1"));
  EXPECT_FALSE(LooksLikeLocalInstanceId("ip-10-0-0-1.ec2.internal"));
}

TEST(NodeLifecycle, DeletesOnlyNodesOfInstancesTheCloudNoLongerRuns) {
  FakeObjectStore store;
  for (const std::string& name : {kLive, kGone, std::string("node-by-hand")})
    ASSERT_TRUE(store.Create("/registry/minions/" + name, "{}").ok());
  ASSERT_TRUE(store.Create("/registry/configmaps/default/" + kGone, "{}").ok());
  Result<std::vector<std::string>> deleted = DeleteNodesOfGoneInstances(store, {kLive});
  ASSERT_TRUE(deleted.ok()) << deleted.status().message();
  EXPECT_EQ(*deleted, std::vector<std::string>{kGone});
  EXPECT_TRUE(store.Get("/registry/minions/" + kLive).ok());
  EXPECT_TRUE(store.Get("/registry/minions/node-by-hand").ok()) << "a Node not named after an instance stays";
  EXPECT_EQ(store.Get("/registry/minions/" + kGone).status().code(), Code::kNotFound);
  EXPECT_TRUE(store.Get("/registry/configmaps/default/" + kGone).ok()) << "only Nodes are touched";
  // A second pass has nothing left to do.
  deleted = DeleteNodesOfGoneInstances(store, {kLive});
  ASSERT_TRUE(deleted.ok());
  EXPECT_TRUE(deleted->empty());
}

TEST(NodeLifecycle, AStoreWithoutQuorumIsAnErrorAndDeletesNothing) {
  FakeObjectStore store;
  ASSERT_TRUE(store.Create("/registry/minions/" + kGone, "{}").ok());
  store.unavailable = true;
  EXPECT_FALSE(DeleteNodesOfGoneInstances(store, {}).ok());
  store.unavailable = false;
  EXPECT_TRUE(store.Get("/registry/minions/" + kGone).ok());
}

}  // namespace
}  // namespace kops::instance
