#include "api/validation.h"

#include "api/validation_test_specs.h"

namespace kops::api {
namespace {

using testing::Group;
using testing::HaCluster;
using testing::HaGroups;
using testing::MakePrivate;

TEST(ValidateClusterWithGroupsTest, HaIsValid) {
  EXPECT_VALID(ValidateAll(HaCluster(), HaGroups(), false));
}

TEST(ValidateClusterWithGroupsTest, NeedsGroupsOfBothKinds) {
  Cluster c = HaCluster();
  EXPECT_ERROR(ValidateClusterWithGroups(c, {}), "instanceGroups: Required value", "at least one InstanceGroup");
  auto groups = HaGroups();
  groups.pop_back();
  EXPECT_ERROR(ValidateClusterWithGroups(c, groups), "at least one Node InstanceGroup");
  groups = {Group("nodes", "Node", {"us-test-1a"}, 1, 1)};
  EXPECT_ERROR(ValidateClusterWithGroups(c, groups), "at least one ControlPlane InstanceGroup");
}

TEST(ValidateClusterWithGroupsTest, EveryControlPlaneGroupInEveryEtcdCluster) {
  Cluster c = HaCluster();
  auto groups = HaGroups();
  groups.push_back(Group("control-plane-us-test-1a-2", "Master", {"us-test-1a"}));
  Status s = ValidateClusterWithGroups(c, groups);
  EXPECT_ERROR(s, "spec.etcdClusters[0].etcdMembers: Forbidden",
               "InstanceGroup \"control-plane-us-test-1a-2\" with role ControlPlane must have a member in etcd cluster \"main\"");
  EXPECT_ERROR(s, "spec.etcdClusters[1].etcdMembers: Forbidden", "etcd cluster \"events\"");
}

TEST(ValidateClusterWithGroupsTest, EveryMemberNamesAnExistingControlPlaneGroup) {
  Cluster c = HaCluster();
  c.spec.etcd_clusters[0].members[2].instance_group = "control-plane-us-test-1z";
  c.spec.etcd_clusters[1].members[2].instance_group = "nodes";
  Status s = ValidateClusterWithGroups(c, HaGroups());
  EXPECT_ERROR(s, "spec.etcdClusters[0].etcdMembers[2].instanceGroup: Not found: \"control-plane-us-test-1z\"",
               "control-plane InstanceGroups: \"control-plane-us-test-1a\"");
  EXPECT_ERROR(s, "spec.etcdClusters[1].etcdMembers[2].instanceGroup: Invalid value: \"nodes\"", "has role Node");
}

TEST(ValidateClusterWithGroupsTest, OneMemberPerGroupPerEtcdCluster) {
  Cluster c = HaCluster();
  c.spec.etcd_clusters[0].members[1].instance_group = "control-plane-us-test-1a";
  EXPECT_ERROR(ValidateClusterWithGroups(c, HaGroups()),
               "spec.etcdClusters[0].etcdMembers[1].instanceGroup: Invalid value: \"control-plane-us-test-1a\"",
               "already runs member \"a\"");
}

TEST(ValidateClusterWithGroupsTest, GroupErrorsNameTheGroup) {
  Cluster c = HaCluster();
  auto groups = HaGroups();
  groups[3].spec.subnets.push_back("elsewhere");
  groups[0].spec.max_size = 2;
  groups.push_back(groups[3]);
  Status s = ValidateClusterWithGroups(c, groups);
  EXPECT_ERROR(s, "InstanceGroup \"nodes\": spec.subnets[3]: Not found: \"elsewhere\"");
  EXPECT_ERROR(s, "InstanceGroup \"control-plane-us-test-1a\": spec.maxSize: Invalid value: 2");
  EXPECT_ERROR(s, "instanceGroups[4].metadata.name: Duplicate value: \"nodes\"");
}

TEST(ValidateClusterWithGroupsTest, BastionOnlyWithPrivateTopology) {
  Cluster c = HaCluster();
  auto groups = HaGroups();
  groups.push_back(Group("bastions", "Bastion", {"us-test-1a"}));
  EXPECT_ERROR(ValidateClusterWithGroups(c, groups), "InstanceGroup \"bastions\": spec.role: Forbidden",
               "requires a private topology", "--topology='private'");
  MakePrivate(c);
  EXPECT_VALID(ValidateAll(c, groups, false));
  // Without utility subnets (egress named instead) a bastion has no public subnet for its LB.
  c.spec.subnets.resize(3);
  for (auto& s : c.spec.subnets) s.egress = "nat-1";
  EXPECT_ERROR(ValidateClusterWithGroups(c, groups), "InstanceGroup \"bastions\": spec.role: Forbidden",
               "needs a Utility subnet");
}

}  // namespace
}  // namespace kops::api
