#include "api/validation.h"

#include "api/validation_test_specs.h"

namespace kops::api {
namespace {

using testing::HaCluster;
using testing::MakePrivate;

TEST(ValidateNetworkingTest, KubenetRejectedWithPrivateTopology) {
  Cluster c = HaCluster();
  c.spec.networking = NetworkingSpec{};
  c.spec.networking->kubenet.emplace();
  EXPECT_VALID(ValidateCluster(c, false));
  MakePrivate(c);
  EXPECT_ERROR(ValidateCluster(c, false), "spec.networking.kubenet: Forbidden",
               "invalid networking option kubenet. Kubenet does not support private topology");
  Cluster legacy = HaCluster();
  legacy.spec.networking = NetworkingSpec{};
  legacy.spec.networking->kubenet.emplace();
  legacy.spec.topology->masters = "private";
  EXPECT_ERROR(ValidateCluster(legacy, false), "spec.networking.kubenet: Forbidden", "private topology");
}

TEST(ValidateNetworkingTest, OnlyOneProvider) {
  Cluster c = HaCluster();
  c.spec.networking->calico.emplace();
  EXPECT_ERROR(ValidateCluster(c, false), "spec.networking.calico: Forbidden", "only one networking option permitted");
}

TEST(ValidateNetworkingTest, RemovedAndCloudBoundProviders) {
  Cluster c = HaCluster();
  c.spec.networking = NetworkingSpec{};
  c.spec.networking->flannel.emplace();
  EXPECT_ERROR(ValidateCluster(c, false), "spec.networking.flannel: Forbidden", "Kubernetes >= 1.28");
  c.spec.networking = NetworkingSpec{};
  c.spec.networking->amazonvpc.emplace();
  c.spec.cloud_provider = "local";
  EXPECT_ERROR(ValidateCluster(c, false), "spec.networking.amazonVPC: Forbidden", "supported only in AWS");
  c.spec.networking = NetworkingSpec{};
  c.spec.networking->classic.emplace();
  EXPECT_ERROR(ValidateCluster(c, false), "spec.networking: Invalid value: \"classic\"", "not supported");
}

TEST(ValidateNetworkingTest, TopologyValues) {
  Cluster c = HaCluster();
  c.spec.topology->dns->type = "Gossip";
  c.spec.topology->masters = "hidden";
  Status s = ValidateCluster(c, false);
  EXPECT_ERROR(s, "spec.topology.dns.type: Unsupported value: \"Gossip\"", "\"Public\", \"Private\", \"None\"");
  EXPECT_ERROR(s, "spec.topology.masters: Unsupported value: \"hidden\"", "\"public\", \"private\"");
}

TEST(ValidateNetworkingTest, BastionSpecNeedsPrivateTopology) {
  Cluster c = HaCluster();
  c.spec.topology->bastion.emplace();
  EXPECT_ERROR(ValidateCluster(c, false), "spec.topology.bastion: Forbidden", "private topology");
  MakePrivate(c);
  EXPECT_VALID(ValidateCluster(c, false));
  c.spec.topology->bastion->idle_timeout_seconds = 7200;
  EXPECT_ERROR(ValidateCluster(c, false), "spec.topology.bastion.idleTimeoutSeconds: Invalid value: 7200",
               "cannot be greater than one hour");
}

TEST(ValidateNetworkingTest, LoadBalancerTypeAndClass) {
  Cluster c = HaCluster();
  c.spec.api->load_balancer->type = "External";
  c.spec.api->load_balancer->class_ = "Application";
  Status s = ValidateCluster(c, false);
  EXPECT_ERROR(s, "spec.api.loadBalancer.type: Unsupported value: \"External\"", "\"Public\", \"Internal\"");
  EXPECT_ERROR(s, "spec.api.loadBalancer.class: Unsupported value: \"Application\"", "\"Classic\", \"Network\"");
}

TEST(ValidateNetworkingTest, InternalLoadBalancerNeedsPrivateSubnet) {
  Cluster c = HaCluster();
  c.spec.api->load_balancer->type = "Internal";
  EXPECT_ERROR(ValidateCluster(c, false), "spec.api.loadBalancer.type: Forbidden", "at least one subnet of type Private");
  MakePrivate(c);
  EXPECT_VALID(ValidateCluster(c, false));
}

TEST(ValidateNetworkingTest, PrivateSubnetNeedsUtilityInItsZoneOnAws) {
  Cluster c = HaCluster();
  MakePrivate(c);
  c.spec.subnets.pop_back();  // utility-us-test-1c
  EXPECT_ERROR(ValidateCluster(c, false), "spec.subnets[2].zone: Forbidden",
               "Private subnet \"us-test-1c\" in zone \"us-test-1c\" needs a Utility subnet");
  c.spec.subnets[2].egress = "nat-123";
  EXPECT_VALID(ValidateCluster(c, false));
}

}  // namespace
}  // namespace kops::api
