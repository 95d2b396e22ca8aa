// Network model (kops pkg/model/awsmodel/network.go).
//
// Owned VPC (spec.networkID empty): the VPC with an Amazon IPv6 block, one
// aws_vpc_ipv4_cidr_block_association per additionalNetworkCIDRs entry, DHCP options
// and their association. Shared VPC (networkID set): none of those; references to it
// are the literal id.
// Unless every subnet is unmanaged (egress External): the internet gateway, and unless
// every subnet is shared, the public route table with its IPv4 and IPv6 default routes.
// Per subnet: the subnet (not for shared ones, spec id set, which are referenced by id)
// tagged SubnetType, kubernetes.io/role/elb (Public, Utility) or
// kubernetes.io/role/internal-elb (Private; also Public/Utility when the cluster has no
// private subnets); Public/Utility subnets are associated with the public route table,
// Private ones with their zone's private route table (see network_private.h).
#pragma once

#include "cloud/aws/model_context.h"
#include "terraform/terraform_target.h"

namespace kops::cloud::aws {

Status BuildNetwork(const ModelContext& m, engine::Graph& graph);

// DHCP domain name: "ec2.internal" in us-east-1, "<region>.compute.internal" elsewhere.
std::string DhcpDomainName(const std::string& region);

// What other resources put in vpc_id / subnet_id: a reference to the task we create, or
// the literal id of a shared VPC / subnet. Builders must use these rather than refs.
engine::Value VpcId(const ModelContext& m);
engine::Value SubnetId(const ModelContext& m, const api::ClusterSubnetSpec& subnet);

// The subnet named `name` in the spec, or nullptr.
const api::ClusterSubnetSpec* FindSubnet(const ModelContext& m, const std::string& name);

// Outputs kops writes for the private network: route_table_private-<zone>_id.
void AddPrivateNetworkOutputs(const ModelContext& m, terraform::TerraformTarget& target);

}  // namespace kops::cloud::aws
