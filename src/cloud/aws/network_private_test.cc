// Private network and load balancer variants the goldens do not cover: shared subnets,
// egress overrides, additional routes, missing utility subnets, target groups for ASGs.
#include "cloud/aws/network_private.h"

#include <gtest/gtest.h>

#include "cloud/aws/load_balancer.h"
#include "cloud/aws/network_builder.h"

namespace kops::cloud::aws {
namespace {

ModelInput PrivateCluster() {
  ModelInput in;
  in.cluster.metadata.name = "p.example.com";
  in.cluster.spec.network_cidr = "172.20.0.0/16";
  in.cluster.spec.subnets = {
      {.name = "us-test-1a", .cidr = "172.20.32.0/19", .zone = "us-test-1a", .type = "Private"},
      {.name = "utility-us-test-1a", .cidr = "172.20.4.0/22", .zone = "us-test-1a", .type = "Utility"}};
  return in;
}

const engine::Value* Field(const engine::Graph& g, const std::string& key, const std::string& f) {
  engine::Task* task = g.Find(key);
  if (!task) return nullptr;
  static engine::Fields fields;
  fields = task->Expected();
  return fields.Find(f);
}

TEST(PrivateNetwork, DefaultEgressIsANatGatewayWithAnElasticIp) {
  ModelInput in = PrivateCluster();
  ModelContext m(in);
  engine::Graph g;
  ASSERT_TRUE(BuildNetwork(m, g).ok());
  EXPECT_NE(g.Find("ElasticIP/us-test-1a.p.example.com"), nullptr);
  EXPECT_NE(g.Find("NatGateway/us-test-1a.p.example.com"), nullptr);
  EXPECT_NE(g.Find("RouteTableAssociation/private-us-test-1a.p.example.com"), nullptr);
  const engine::Value* nat = Field(g, "Route/route-private-us-test-1a-0.0.0.0/0", "nat_gateway_id");
  ASSERT_NE(nat, nullptr);
  EXPECT_EQ(*nat, engine::Value::Ref("NatGateway/us-test-1a.p.example.com"));
}

TEST(PrivateNetwork, ExistingNatGatewayIsReferencedById) {
  ModelInput in = PrivateCluster();
  in.cluster.spec.subnets[0].egress = "nat-0123";
  in.cluster.spec.subnets[0].additional_routes = {{.cidr = "10.0.0.0/8", .target = "pcx-1"}};
  ModelContext m(in);
  engine::Graph g;
  ASSERT_TRUE(BuildNetwork(m, g).ok());
  EXPECT_EQ(g.Find("NatGateway/us-test-1a.p.example.com"), nullptr);
  EXPECT_EQ(*Field(g, "Route/route-private-us-test-1a-0.0.0.0/0", "nat_gateway_id"),
            engine::Value("nat-0123"));
  EXPECT_EQ(*Field(g, "Route/route-us-test-1a.10.0.0.0/8", "vpc_peering_connection_id"),
            engine::Value("pcx-1"));
}

TEST(PrivateNetwork, ExternalEgressAndSharedSubnetsAreLeftAlone) {
  ModelInput in = PrivateCluster();
  in.cluster.spec.subnets[0].egress = "External";
  in.cluster.spec.subnets[1].id = "subnet-1";
  ModelContext m(in);
  engine::Graph g;
  ASSERT_TRUE(BuildNetwork(m, g).ok());
  EXPECT_EQ(g.Find("RouteTable/private-us-test-1a.p.example.com"), nullptr);
  EXPECT_EQ(g.Find("Subnet/utility-us-test-1a.p.example.com"), nullptr);
  EXPECT_EQ(SubnetId(m, in.cluster.spec.subnets[1]), engine::Value("subnet-1"));
  EXPECT_TRUE(PrivateRouteTableZones(m).empty());
}

TEST(PrivateNetwork, SharedVpcIsReferencedById) {
  ModelInput in = PrivateCluster();
  in.cluster.spec.network_id = "vpc-1";
  for (auto& s : in.cluster.spec.subnets) s.id = "subnet-" + s.name;
  ModelContext m(in);
  engine::Graph g;
  ASSERT_TRUE(BuildNetwork(m, g).ok());
  EXPECT_EQ(g.Find("VPC/p.example.com"), nullptr);
  EXPECT_EQ(VpcId(m), engine::Value("vpc-1"));
}

TEST(PrivateNetwork, PrivateSubnetNeedsAUtilitySubnetInItsZone) {
  ModelInput in = PrivateCluster();
  in.cluster.spec.subnets.pop_back();
  ModelContext m(in);
  engine::Graph g;
  Status s = BuildNetwork(m, g);
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
  EXPECT_NE(s.message().find("utility subnet in zone us-test-1a"), std::string::npos);
}

TEST(PrivateNetwork, MixedEgressInOneZoneIsRejected) {
  ModelInput in = PrivateCluster();
  in.cluster.spec.subnets.push_back(in.cluster.spec.subnets[0]);
  in.cluster.spec.subnets.back().name = "second";
  in.cluster.spec.subnets.back().egress = "tgw-1";
  ModelContext m(in);
  engine::Graph g;
  EXPECT_EQ(BuildNetwork(m, g).code(), Code::kInvalidArgument);
}

TEST(LoadBalancer, TargetGroupsForControlPlaneAndBastion) {
  ModelInput in = PrivateCluster();
  in.cluster.spec.api.emplace();
  in.cluster.spec.api->load_balancer.emplace();
  in.cluster.spec.api->load_balancer->class_ = "Network";
  in.cluster.spec.api->load_balancer->type = "Public";
  in.cluster.spec.api->load_balancer->ssl_certificate = "arn:cert";
  api::InstanceGroup cp, node, bastion;
  cp.spec.role = "ControlPlane";
  node.spec.role = "Node";
  bastion.spec.role = "Bastion";
  in.instance_groups = {cp, node, bastion};
  ModelContext m(in);
  auto groups = TargetGroupsFor(m, cp);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_TRUE(groups[0].get_if<engine::Reference>()->task.starts_with("TargetGroup/tcp-p-example"));
  EXPECT_TRUE(groups[1].get_if<engine::Reference>()->task.starts_with("TargetGroup/tls-p-example"));
  EXPECT_TRUE(TargetGroupsFor(m, node).empty());
  EXPECT_EQ(TargetGroupsFor(m, bastion).size(), 1u);
}

}  // namespace
}  // namespace kops::cloud::aws
