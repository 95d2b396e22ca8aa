// Egress of the private subnets, per zone (kops pkg/model/awsmodel/network.go).
//
// For each zone with a managed (egress not External), non-shared Private subnet:
//   - the private route table "private-<zone>.<cluster>", tagged
//     kubernetes.io/kops/role=private-<zone>;
//   - by the zone's egress (all its private subnets must agree):
//       ""          an Elastic IP and a NAT gateway "<zone>.<cluster>" in the zone's
//                   utility subnet (exactly one Utility subnet in the zone is required);
//       eipalloc-…  a NAT gateway on that existing allocation;
//       nat-…       the existing NAT gateway; i-… an existing instance;
//       tgw-…       a transit gateway;
//   - the route "private-<zone>-0.0.0.0/0" to that target;
//   - each private subnet's additionalRoutes ("<subnet>.<cidr>") to pcx-, i-, nat-, tgw-,
//     igw- or eigw- targets.
// publicIP (an existing Elastic IP by address) is FailedPrecondition: not supported yet.
#pragma once

#include "cloud/aws/model_context.h"

namespace kops::cloud::aws {

Status BuildPrivateEgress(const ModelContext& m, engine::Graph& graph);

// "private-<zone>.<cluster>" and its task key.
std::string PrivateRouteTableName(const ModelContext& m, const std::string& zone);
std::string PrivateRouteTableKey(const ModelContext& m, const std::string& zone);

// Zones that get a private route table, sorted.
std::vector<std::string> PrivateRouteTableZones(const ModelContext& m);

}  // namespace kops::cloud::aws
