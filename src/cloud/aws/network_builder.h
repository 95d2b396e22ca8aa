// Network model (kops pkg/model/awsmodel/network.go): the VPC with an Amazon IPv6 block,
// DHCP options and their association, the internet gateway, the public route table
// with IPv4 and IPv6 default routes, one subnet per public subnet of the spec and its
// route table association.
//
// Not yet: shared VPCs/subnets (spec id), private and utility subnets with NAT
// gateways, elastic IPs and per-zone private route tables (FailedPrecondition).
#pragma once

#include "cloud/aws/model_context.h"

namespace kops::cloud::aws {

Status BuildNetwork(const ModelContext& m, engine::Graph& graph);

// DHCP domain name: "ec2.internal" in us-east-1, "<region>.compute.internal" elsewhere.
std::string DhcpDomainName(const std::string& region);

}  // namespace kops::cloud::aws
