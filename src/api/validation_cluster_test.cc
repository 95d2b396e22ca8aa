#include "api/validation.h"

#include "api/validation_test_specs.h"

namespace kops::api {
namespace {

using testing::HaCluster;
using testing::Lines;

TEST(ValidateClusterTest, HaClusterIsValidStrictAndNot) {
  EXPECT_VALID(ValidateCluster(HaCluster(), false));
}

TEST(ValidateClusterTest, NameRequiredDnsAndQualified) {
  Cluster c = HaCluster();
  c.metadata.name = "";
  EXPECT_ERROR(ValidateCluster(c, false), "metadata.name: Required value", "--name=mycluster.myzone.com");
  c.metadata.name = "Bad_Name.example.com";
  EXPECT_ERROR(ValidateCluster(c, false), "metadata.name: Invalid value: \"Bad_Name.example.com\"",
               "valid DNS name");
  c.metadata.name = "nodots";
  EXPECT_ERROR(ValidateCluster(c, false), "metadata.name: Invalid value: \"nodots\"", "fully-qualified");
}

TEST(ValidateClusterTest, CloudProviderRequiredKnownAndImplemented) {
  Cluster c = HaCluster();
  c.spec.cloud_provider = "";
  EXPECT_ERROR(ValidateCluster(c, false), "spec.cloudProvider: Required value", "\"aws\", \"local\"");
  c.spec.cloud_provider = "vmware";
  EXPECT_ERROR(ValidateCluster(c, false), "spec.cloudProvider: Unsupported value: \"vmware\"",
               "\"aws\", \"local\", \"gce\"", "\"hetzner\"", "\"scaleway\"");
  c.spec.cloud_provider = "gce";
  c.spec.network_cidr = "";
  for (auto& s : c.spec.subnets) s.cidr = "";
  c.spec.api->load_balancer->class_ = "";
  EXPECT_VALID(ValidateCluster(c, false));  // known by name
  EXPECT_ERROR(ValidateCluster(c, true), "spec.cloudProvider: Invalid value: \"gce\"",
               "implements only \"aws\", \"local\"");
  for (const char* known : {"azure", "openstack", "digitalocean", "hetzner", "scaleway"}) {
    c.spec.cloud_provider = known;
    EXPECT_THAT(ValidateCluster(c, false).message(), ::testing::Not(::testing::HasSubstr("spec.cloudProvider")))
        << known;
  }
}

TEST(ValidateClusterTest, LocalCloudIsImplemented) {
  Cluster c = HaCluster();
  c.spec.cloud_provider = "local";
  EXPECT_VALID(ValidateCluster(c, false));
}

TEST(ValidateClusterTest, KubernetesVersionRequiredAndParseable) {
  Cluster c = HaCluster();
  c.spec.kubernetes_version = "";
  EXPECT_ERROR(ValidateCluster(c, false), "spec.kubernetesVersion: Required value", "\"1.32.0\"");
  c.spec.kubernetes_version = "1.32";
  EXPECT_ERROR(ValidateCluster(c, false), "spec.kubernetesVersion: Invalid value: \"1.32\"",
               "unable to determine kubernetes version", "\"v1.32.0\"");
  for (const char* ok : {"1.32.0", "v1.33.0-beta.1", "https://example.com/release/v1.32.1"}) {
    c.spec.kubernetes_version = ok;
    EXPECT_VALID(ValidateCluster(c, false));
  }
}

TEST(ValidateClusterTest, AccessEntriesAreCidrsOrAwsPrefixLists) {
  Cluster c = HaCluster();
  c.spec.ssh_access = {"10.0.0.1", "pl-12345"};
  c.spec.kubernetes_api_access = {"10.0.0.1/8", "2001:db8::1"};
  c.spec.node_port_access = {"nonsense"};
  Status s = ValidateCluster(c, false);
  EXPECT_ERROR(s, "spec.sshAccess[0]: Invalid value: \"10.0.0.1\"", "did you mean \"10.0.0.1/32\"");
  EXPECT_ERROR(s, "spec.kubernetesApiAccess[0]: Invalid value: \"10.0.0.1/8\"",
               "Network contains bits outside prefix (did you mean \"10.0.0.0/8\")");
  EXPECT_ERROR(s, "spec.kubernetesApiAccess[1]", "did you mean \"2001:db8::1/64\"");
  EXPECT_ERROR(s, "spec.nodePortAccess[0]: Invalid value: \"nonsense\"", "Could not be parsed as a CIDR");
  EXPECT_EQ(Lines(s).size(), 4u) << s.message();  // pl- is fine on AWS

  c = HaCluster();
  c.spec.cloud_provider = "local";
  c.spec.ssh_access = {"pl-12345"};
  EXPECT_ERROR(ValidateCluster(c, false), "spec.sshAccess[0]: Invalid value: \"pl-12345\"",
               "Prefix List ID only supported for AWS");
}

TEST(ValidateClusterTest, UpdatePolicy) {
  Cluster c = HaCluster();
  c.spec.update_policy = "sometimes";
  EXPECT_ERROR(ValidateCluster(c, false), "spec.updatePolicy: Unsupported value: \"sometimes\"",
               "\"automatic\", \"external\"");
}

TEST(ValidateClusterTest, ReportsEveryErrorEachOnItsOwnLine) {
  Cluster c = HaCluster();
  c.metadata.name = "nodots";
  c.spec.kubernetes_version = "x";
  c.spec.etcd_clusters[0].members.pop_back();
  c.spec.subnets[1].cidr = "10.9.0.0/16";
  Status s = ValidateCluster(c, false);
  ASSERT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_EQ(Lines(s).size(), 4u) << s.message();
}

}  // namespace
}  // namespace kops::api
