#include "cloud/aws/network_private.h"

#include <map>

#include "cloud/aws/network_builder.h"
#include "cloud/aws/resource_task.h"

namespace kops::cloud::aws {

using engine::Fields;
using engine::Value;

std::string PrivateRouteTableName(const ModelContext& m, const std::string& zone) {
  return "private-" + zone + "." + m.cluster_name();
}

std::string PrivateRouteTableKey(const ModelContext& m, const std::string& zone) {
  return "RouteTable/" + PrivateRouteTableName(m, zone);
}

namespace {

bool Managed(const api::ClusterSubnetSpec& s) {
  return s.type == api::kSubnetPrivate && s.id.empty() && s.egress != "External";
}

std::map<std::string, std::vector<const api::ClusterSubnetSpec*>> PrivateSubnetsByZone(
    const ModelContext& m) {
  std::map<std::string, std::vector<const api::ClusterSubnetSpec*>> zones;
  for (const auto& s : m.cluster().spec.subnets) {
    if (Managed(s)) zones[s.zone].push_back(&s);
  }
  return zones;
}

Status Add(engine::Graph& g, std::string kind, std::string name, std::string type, Fields f) {
  return AddTask(g, std::make_unique<ResourceTask>(std::move(kind), std::move(name),
                                                   std::move(type), std::move(f)));
}

Result<const api::ClusterSubnetSpec*> UtilitySubnetInZone(const ModelContext& m,
                                                          const std::string& zone) {
  const api::ClusterSubnetSpec* found = nullptr;
  for (const auto& s : m.cluster().spec.subnets) {
    if (s.zone != zone || s.type != api::kSubnetUtility) continue;
    if (found) return FailedPrecondition("found multiple utility subnets in zone " + zone);
    found = &s;
  }
  if (!found) return FailedPrecondition("could not find utility subnet in zone " + zone);
  return found;
}

// The Terraform attribute a route target id goes in, by its prefix; "" if unknown.
std::string RouteTargetAttribute(const std::string& target) {
  static const std::pair<const char*, const char*> kTargets[] = {
      {"pcx-", "vpc_peering_connection_id"}, {"i-", "instance_id"},
      {"nat-", "nat_gateway_id"},            {"tgw-", "transit_gateway_id"},
      {"igw-", "gateway_id"},                {"eigw-", "egress_only_gateway_id"}};
  for (const auto& [prefix, attribute] : kTargets) {
    if (target.starts_with(prefix)) return attribute;
  }
  return "";
}

Status BuildNat(const ModelContext& m, engine::Graph& g, const std::string& zone,
                const std::string& egress) {
  ASSIGN_OR_RETURN(const api::ClusterSubnetSpec* utility, UtilitySubnetInZone(m, zone));
  std::string name = zone + "." + m.cluster_name();
  Value allocation = Value(egress);
  if (egress.empty()) {
    RETURN_IF_ERROR(Add(g, "ElasticIP", name, "aws_eip",
                        Fields{{"domain", "vpc"}, {"tags", m.CloudTags(name)}}));
    allocation = Value::Ref("ElasticIP/" + name);
  }
  return Add(g, "NatGateway", name, "aws_nat_gateway",
             Fields{{"allocation_id", allocation},
                    {"subnet_id", SubnetId(m, *utility)},
                    {"tags", m.CloudTags(name)}});
}

Status BuildZone(const ModelContext& m, engine::Graph& g, const std::string& zone,
                 const std::vector<const api::ClusterSubnetSpec*>& subnets) {
  const std::string& egress = subnets[0]->egress;
  for (const auto* s : subnets) {
    if (s->egress != egress) return InvalidArgument("cannot mix egress values in private subnets");
    if (s->public_ip != subnets[0]->public_ip) {
      return InvalidArgument("cannot mix publicIP values in private subnets");
    }
  }
  if (!subnets[0]->public_ip.empty()) {
    return FailedPrecondition("subnet " + subnets[0]->name +
                              ": publicIP is not supported by the AWS model yet");
  }
  std::string target_attr;
  Value target;
  if (egress.empty() || egress.starts_with("eipalloc-")) {
    RETURN_IF_ERROR(BuildNat(m, g, zone, egress));
    target_attr = "nat_gateway_id";
    target = Value::Ref("NatGateway/" + zone + "." + m.cluster_name());
  } else {
    target_attr = RouteTargetAttribute(egress);
    if (target_attr.empty() || target_attr == "vpc_peering_connection_id" ||
        egress.starts_with("igw-") || egress.starts_with("eigw-")) {
      return InvalidArgument("subnet " + subnets[0]->name + ": egress " + egress +
                             " is not supported (nat-, eipalloc-, i-, tgw- or External)");
    }
    target = Value(egress);
  }
  std::string table = PrivateRouteTableName(m, zone);
  Value::Map tags = m.CloudTags(table);
  tags["kubernetes.io/kops/role"] = "private-" + zone;
  RETURN_IF_ERROR(Add(g, "RouteTable", table, "aws_route_table",
                      Fields{{"tags", tags}, {"vpc_id", VpcId(m)}}));
  Value table_id = Value::Ref(PrivateRouteTableKey(m, zone));
  RETURN_IF_ERROR(Add(g, "Route", "route-private-" + zone + "-0.0.0.0/0", "aws_route",
                      Fields{{"destination_cidr_block", "0.0.0.0/0"},
                             {target_attr, target},
                             {"route_table_id", table_id}}));
  for (const auto* s : subnets) {
    for (const auto& route : s->additional_routes) {
      std::string attr = RouteTargetAttribute(route.target);
      if (attr.empty()) {
        return InvalidArgument("subnet " + s->name + ": additionalRoutes target " + route.target +
                               " is not supported (pcx-, i-, nat-, tgw-, igw-, eigw-)");
      }
      RETURN_IF_ERROR(Add(g, "Route", "route-" + s->name + "." + route.cidr, "aws_route",
                          Fields{{"destination_cidr_block", route.cidr},
                                 {attr, route.target},
                                 {"route_table_id", table_id}}));
    }
  }
  return Status::Ok();
}

}  // namespace

std::vector<std::string> PrivateRouteTableZones(const ModelContext& m) {
  std::vector<std::string> zones;
  for (const auto& [zone, subnets] : PrivateSubnetsByZone(m)) zones.push_back(zone);
  return zones;
}

Status BuildPrivateEgress(const ModelContext& m, engine::Graph& graph) {
  for (const auto& [zone, subnets] : PrivateSubnetsByZone(m)) {
    RETURN_IF_ERROR(BuildZone(m, graph, zone, subnets));
  }
  return Status::Ok();
}

void AddPrivateNetworkOutputs(const ModelContext& m, terraform::TerraformTarget& target) {
  for (const auto& zone : PrivateRouteTableZones(m)) {
    target.AddOutput("route_table_private-" + zone + "_id",
                     Value::Ref(PrivateRouteTableKey(m, zone)));
  }
}

}  // namespace kops::cloud::aws
