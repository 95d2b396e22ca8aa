#include "api/validation.h"

#include "api/validation_test_specs.h"

namespace kops::api {
namespace {

using testing::HaCluster;

TEST(ValidateNetworkTest, NetworkCidrRequiredOnAwsAndParsed) {
  Cluster c = HaCluster();
  c.spec.network_cidr = "";
  EXPECT_ERROR(ValidateCluster(c, false), "spec.networkCIDR: Required value", "172.20.0.0/16");
  c.spec.network_cidr = "172.20.0.0/33";
  EXPECT_ERROR(ValidateCluster(c, false), "spec.networkCIDR: Invalid value: \"172.20.0.0/33\"",
               "Could not be parsed as a CIDR");
  c.spec.network_cidr = "172.20.1.0/16";
  EXPECT_ERROR(ValidateCluster(c, false), "spec.networkCIDR", "did you mean \"172.20.0.0/16\"");
}

TEST(ValidateNetworkTest, SubnetsRequired) {
  Cluster c = HaCluster();
  c.spec.subnets.clear();
  EXPECT_ERROR(ValidateCluster(c, false), "spec.subnets: Required value", "use --zones");
}

TEST(ValidateNetworkTest, SubnetNamesUnique) {
  Cluster c = HaCluster();
  c.spec.subnets[2].name = "us-test-1a";
  EXPECT_ERROR(ValidateCluster(c, false), "spec.subnets[2].name: Duplicate value: \"us-test-1a\"");
  c.spec.subnets[2].name = "";
  EXPECT_ERROR(ValidateCluster(c, false), "spec.subnets[2].name: Required value");
}

TEST(ValidateNetworkTest, SubnetTypeAndZone) {
  Cluster c = HaCluster();
  c.spec.subnets[1].type = "Secret";
  c.spec.subnets[2].type = "";
  c.spec.subnets[0].zone = "";
  Status s = ValidateCluster(c, false);
  EXPECT_ERROR(s, "spec.subnets[1].type: Unsupported value: \"Secret\"",
               "\"Public\", \"Private\", \"DualStack\", \"Utility\"");
  EXPECT_ERROR(s, "spec.subnets[2].type: Required value", "\"Public\", \"Private\", \"Utility\", \"DualStack\"");
  EXPECT_ERROR(s, "spec.subnets[0].zone: Required value", "\"us-test-1a\"");
}

TEST(ValidateNetworkTest, DualStackOnlyInIPv6Clusters) {
  Cluster c = HaCluster();
  c.spec.subnets[0].type = "DualStack";
  EXPECT_ERROR(ValidateCluster(c, false), "spec.subnets[0].type: Forbidden", "IPv6 clusters");
}

TEST(ValidateNetworkTest, SubnetCidrParsedAndInsideNetwork) {
  Cluster c = HaCluster();
  c.spec.subnets[0].cidr = "172.20.32.1/19";
  c.spec.subnets[1].cidr = "10.0.0.0/24";
  Status s = ValidateCluster(c, false);
  EXPECT_ERROR(s, "spec.subnets[0].cidr: Invalid value: \"172.20.32.1/19\"", "did you mean \"172.20.32.0/19\"");
  EXPECT_ERROR(s, "spec.subnets[1].cidr: Forbidden",
               "subnet \"us-test-1b\" cidr \"10.0.0.0/24\" is not a subnet of the networkCIDR \"172.20.0.0/16\"");
}

TEST(ValidateNetworkTest, SubnetInsideAnAdditionalNetworkCidr) {
  Cluster c = HaCluster();
  c.spec.additional_network_cidrs = {"10.1.0.0/16"};
  c.spec.subnets[1].cidr = "10.1.0.0/24";
  EXPECT_VALID(ValidateCluster(c, false));
  c.spec.subnets[1].cidr = "10.2.0.0/24";
  EXPECT_ERROR(ValidateCluster(c, false), "spec.subnets[1].cidr: Forbidden", "or an additionalNetworkCIDR");
  c.spec.additional_network_cidrs = {"10.1.0.0/33"};
  EXPECT_ERROR(ValidateCluster(c, false), "spec.additionalNetworkCIDRs[0]: Invalid value: \"10.1.0.0/33\"");
}

TEST(ValidateNetworkTest, SubnetsMustNotOverlap) {
  Cluster c = HaCluster();
  c.spec.subnets[2].cidr = "172.20.64.0/20";
  EXPECT_ERROR(ValidateCluster(c, false), "spec.subnets[2].cidr: Forbidden",
               "subnet \"us-test-1c\" cidr \"172.20.64.0/20\" overlaps subnet \"us-test-1b\" cidr \"172.20.64.0/19\"");
}

TEST(ValidateNetworkTest, SubnetCidrRequiredWhenStrict) {
  Cluster c = HaCluster();
  c.spec.subnets[0].cidr = "";
  c.spec.service_cluster_ip_range = "100.64.0.0/13";
  c.spec.pod_cidr = "100.96.0.0/11";
  EXPECT_VALID(ValidateCluster(c, false));
  EXPECT_ERROR(ValidateCluster(c, true), "spec.subnets[0].cidr: Required value", "does not have a cidr set");
}

TEST(ValidateNetworkTest, ServiceAndPodRanges) {
  Cluster c = HaCluster();
  Status strict = ValidateCluster(c, true);
  EXPECT_ERROR(strict, "spec.serviceClusterIPRange: Required value");
  EXPECT_ERROR(strict, "spec.podCIDR: Required value");
  c.spec.service_cluster_ip_range = "10.0.0.0/24";
  c.spec.pod_cidr = "100.96.0.0/11";
  EXPECT_ERROR(ValidateCluster(c, true), "spec.serviceClusterIPRange: Forbidden",
               "must be a subnet of nonMasqueradeCIDR \"100.64.0.0/10\"");
  c.spec.service_cluster_ip_range = "100.64.0.0/13";
  EXPECT_VALID(ValidateCluster(c, true));
  c.spec.subnets[0].cidr = "172.20.0.0/19";
  c.spec.pod_cidr = "172.20.0.0/16";
  EXPECT_ERROR(ValidateCluster(c, true), "spec.podCIDR: Forbidden", "must be a subnet of nonMasqueradeCIDR");
  EXPECT_ERROR(ValidateCluster(c, true), "spec.subnets[0].cidr: Forbidden", "must not overlap podCIDR");
}

TEST(ValidateNetworkTest, NonMasqueradeCidr) {
  Cluster c = HaCluster();
  c.spec.non_masquerade_cidr = "";
  EXPECT_ERROR(ValidateCluster(c, false), "spec.nonMasqueradeCIDR: Required value", "100.64.0.0/10");
  c.spec.non_masquerade_cidr = "172.16.0.0/12";
  EXPECT_ERROR(ValidateCluster(c, false), "spec.nonMasqueradeCIDR: Forbidden",
               "nonMasqueradeCIDR \"172.16.0.0/12\" cannot overlap with networkCIDR \"172.20.0.0/16\"");
}

TEST(ValidateNetworkTest, EgressAndSharedIds) {
  Cluster c = HaCluster();
  c.spec.subnets[0].egress = "igw-123";
  c.spec.subnets[1].id = "subnet-1";
  Status s = ValidateCluster(c, false);
  EXPECT_ERROR(s, "spec.subnets[0].egress: Invalid value: \"igw-123\"", "NAT Gateway");
  EXPECT_ERROR(s, "spec.subnets[0].egress: Forbidden", "private");
  EXPECT_ERROR(s, "spec.subnets[1].id: Forbidden", "cannot mix subnets");
}

}  // namespace
}  // namespace kops::api
