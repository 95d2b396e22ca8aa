#include "api/validation.h"

#include "api/validation_test_specs.h"

namespace kops::api {
namespace {

using testing::HaCluster;

TEST(ValidateClusterUpdateTest, UnchangedAndAddedMembersAreFine) {
  Cluster old_cluster = HaCluster();
  EXPECT_VALID(ValidateClusterUpdate(old_cluster, old_cluster));
  Cluster updated = old_cluster;
  updated.spec.kubernetes_version = "1.33.0";
  EXPECT_VALID(ValidateClusterUpdate(old_cluster, updated));
}

TEST(ValidateClusterUpdateTest, MemberInstanceGroupImmutable) {
  Cluster old_cluster = HaCluster();
  Cluster updated = old_cluster;
  updated.spec.etcd_clusters[1].members[0].instance_group = "control-plane-us-test-1b";
  EXPECT_ERROR(ValidateClusterUpdate(old_cluster, updated),
               "spec.etcdClusters[1].etcdMembers[0].instanceGroup: Invalid value: \"control-plane-us-test-1b\"",
               "instanceGroup cannot be changed", "runs on \"control-plane-us-test-1a\"");
}

TEST(ValidateClusterUpdateTest, MemberNameImmutable) {
  Cluster old_cluster = HaCluster();
  Cluster updated = old_cluster;
  updated.spec.etcd_clusters[0].members[0].name = "z";
  EXPECT_ERROR(ValidateClusterUpdate(old_cluster, updated),
               "spec.etcdClusters[0].etcdMembers[0].name: Invalid value: \"z\"",
               "etcd member names cannot be changed", "is \"a\"");
}

TEST(ValidateClusterUpdateTest, EtcdClustersCannotBeRemovedOrRenamed) {
  Cluster old_cluster = HaCluster();
  Cluster updated = old_cluster;
  updated.spec.etcd_clusters[1].name = "cilium";
  EXPECT_ERROR(ValidateClusterUpdate(old_cluster, updated), "spec.etcdClusters[events]: Forbidden",
               "cannot be removed or renamed");
}

TEST(ValidateClusterUpdateTest, CloudProviderAndNameImmutable) {
  Cluster old_cluster = HaCluster();
  Cluster updated = old_cluster;
  updated.spec.cloud_provider = "local";
  updated.metadata.name = "other.example.com";
  Status s = ValidateClusterUpdate(old_cluster, updated);
  EXPECT_ERROR(s, "spec.cloudProvider: Invalid value: \"local\"", "cannot be changed (was \"aws\")");
  EXPECT_ERROR(s, "metadata.name: Invalid value: \"other.example.com\"", "cannot be changed");
}

TEST(ValidateClusterUpdateTest, AlsoValidatesTheUpdatedSpec) {
  Cluster old_cluster = HaCluster();
  Cluster updated = old_cluster;
  updated.spec.etcd_clusters[0].members.pop_back();
  EXPECT_ERROR(ValidateClusterUpdate(old_cluster, updated), "spec.etcdClusters[0].etcdMembers: Invalid value: 2");
}

}  // namespace
}  // namespace kops::api
