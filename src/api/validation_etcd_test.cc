#include "api/validation.h"

#include "api/validation_test_specs.h"

namespace kops::api {
namespace {

using testing::HaCluster;

constexpr const char* kOdd =
    "Should be an odd number of control-plane-zones for quorum. Use --zones and "
    "--control-plane-zones to declare node zones and control-plane zones separately";

TEST(ValidateEtcdTest, EvenMemberCountRejectedWithKopsMessage) {
  Cluster c = HaCluster();
  c.spec.etcd_clusters[0].members.push_back({.name = "d", .instance_group = "control-plane-us-test-1a-2"});
  EXPECT_ERROR(ValidateCluster(c, false), "spec.etcdClusters[0].etcdMembers: Invalid value: 4", kOdd);
  c.spec.etcd_clusters[1].members.resize(2);
  EXPECT_ERROR(ValidateCluster(c, false), "spec.etcdClusters[1].etcdMembers: Invalid value: 2", kOdd);
}

TEST(ValidateEtcdTest, EtcdClustersRequiredWithMembers) {
  Cluster c = HaCluster();
  c.spec.etcd_clusters[1].members.clear();
  EXPECT_ERROR(ValidateCluster(c, false), "spec.etcdClusters[1].etcdMembers: Required value",
               "No members defined in etcd cluster \"events\"");
  c.spec.etcd_clusters.clear();
  EXPECT_ERROR(ValidateCluster(c, false), "spec.etcdClusters: Required value", "\"main\" and \"events\"");
}

TEST(ValidateEtcdTest, ClusterNamesKnownAndUnique) {
  Cluster c = HaCluster();
  c.spec.etcd_clusters[1].name = "main";
  EXPECT_ERROR(ValidateCluster(c, false), "spec.etcdClusters[1].name: Duplicate value: \"main\"");
  c.spec.etcd_clusters[1].name = "extra";
  EXPECT_ERROR(ValidateCluster(c, false), "spec.etcdClusters[1].name: Unsupported value: \"extra\"",
               "\"cilium\", \"main\", \"events\"");
}

TEST(ValidateEtcdTest, MemberNamesUniqueAndRequired) {
  Cluster c = HaCluster();
  c.spec.etcd_clusters[0].members[2].name = "a";
  c.spec.etcd_clusters[1].members[1].name = "";
  c.spec.etcd_clusters[1].members[2].instance_group = "";
  Status s = ValidateCluster(c, false);
  EXPECT_ERROR(s, "spec.etcdClusters[0].etcdMembers[2].name: Duplicate value: \"a\"");
  EXPECT_ERROR(s, "spec.etcdClusters[1].etcdMembers[1].name: Required value", "etcdMember did not have name");
  EXPECT_ERROR(s, "spec.etcdClusters[1].etcdMembers[2].instanceGroup: Required value",
               "etcdMember did not have instanceGroup");
}

TEST(ValidateEtcdTest, ProviderAndVersion) {
  Cluster c = HaCluster();
  c.spec.etcd_clusters[0].provider = "Legacy";
  c.spec.etcd_clusters[0].version = "2.2.1";
  c.spec.etcd_clusters[1].version = "3.5.x";
  Status s = ValidateCluster(c, false);
  EXPECT_ERROR(s, "spec.etcdClusters[0].provider: Unsupported value: \"Legacy\"", "\"Manager\"");
  EXPECT_ERROR(s, "spec.etcdClusters[0].version: Invalid value: \"2.2.1\"", "only support major version 3");
  EXPECT_ERROR(s, "spec.etcdClusters[1].version: Invalid value: \"3.5.x\"", "the storage version is invalid");
  EXPECT_ERROR(s, "spec.etcdClusters[1].version: Forbidden", "both must be the same");
}

}  // namespace
}  // namespace kops::api
