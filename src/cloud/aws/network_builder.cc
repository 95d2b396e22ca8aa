#include "cloud/aws/network_builder.h"

#include "cloud/aws/network_private.h"
#include "cloud/aws/resource_task.h"

namespace kops::cloud::aws {

using engine::Fields;
using engine::Value;

std::string DhcpDomainName(const std::string& region) {
  return region == "us-east-1" ? "ec2.internal" : region + ".compute.internal";
}

Value VpcId(const ModelContext& m) {
  const std::string& id = m.cluster().spec.network_id;
  return id.empty() ? Value::Ref(m.VpcKey()) : Value(id);
}

Value SubnetId(const ModelContext& m, const api::ClusterSubnetSpec& s) {
  return s.id.empty() ? Value::Ref(m.SubnetKey(s)) : Value(s.id);
}

const api::ClusterSubnetSpec* FindSubnet(const ModelContext& m, const std::string& name) {
  for (const auto& s : m.cluster().spec.subnets) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

namespace {

std::unique_ptr<ResourceTask> Task(std::string kind, std::string name, std::string type,
                                   Fields fields) {
  return std::make_unique<ResourceTask>(std::move(kind), std::move(name), std::move(type),
                                        std::move(fields));
}

Status BuildVpc(const ModelContext& m, engine::Graph& g) {
  const std::string& name = m.cluster_name();
  RETURN_IF_ERROR(AddTask(g, Task("VPC", name, "aws_vpc",
                                  Fields{{"assign_generated_ipv6_cidr_block", true},
                                         {"cidr_block", m.cluster().spec.network_cidr},
                                         {"enable_dns_hostnames", true},
                                         {"enable_dns_support", true},
                                         {"tags", m.CloudTags(name)}})));
  for (const auto& cidr : m.cluster().spec.additional_network_cidrs) {
    RETURN_IF_ERROR(AddTask(g, Task("VPCCIDRBlock", "cidr-" + cidr,
                                    "aws_vpc_ipv4_cidr_block_association",
                                    Fields{{"cidr_block", cidr}, {"vpc_id", VpcId(m)}})));
  }
  RETURN_IF_ERROR(AddTask(g, Task("DHCPOptions", name, "aws_vpc_dhcp_options",
                                  Fields{{"domain_name", DhcpDomainName(m.Region())},
                                         {"domain_name_servers", Value::Strings({"AmazonProvidedDNS"})},
                                         {"tags", m.CloudTags(name)}})));
  return AddTask(g, Task("VPCDHCPOptionsAssociation", name, "aws_vpc_dhcp_options_association",
                         Fields{{"dhcp_options_id", Value::Ref("DHCPOptions/" + name)},
                                {"vpc_id", VpcId(m)}}));
}

bool IsUnmanaged(const api::ClusterSubnetSpec& s) { return s.egress == "External"; }

Status BuildGatewayAndPublicRoutes(const ModelContext& m, engine::Graph& g) {
  const auto& subnets = m.cluster().spec.subnets;
  bool all_unmanaged = true, all_shared = true;
  for (const auto& s : subnets) {
    all_unmanaged = all_unmanaged && IsUnmanaged(s);
    all_shared = all_shared && !s.id.empty();
  }
  if (all_unmanaged) return Status::Ok();
  const std::string& name = m.cluster_name();
  // kops looks a shared VPC's gateway up in the cloud; we can only create our own.
  if (!m.cluster().spec.network_id.empty()) {
    if (all_shared) return Status::Ok();
    return FailedPrecondition("subnets created in the shared VPC " + m.cluster().spec.network_id +
                              " need its internet gateway, which is not supported yet");
  }
  RETURN_IF_ERROR(AddTask(g, Task("InternetGateway", name, "aws_internet_gateway",
                                  Fields{{"tags", m.CloudTags(name)}, {"vpc_id", VpcId(m)}})));
  if (all_shared) return Status::Ok();
  Value::Map table_tags = m.CloudTags(name);
  table_tags["kubernetes.io/kops/role"] = "public";
  RETURN_IF_ERROR(AddTask(g, Task("RouteTable", name, "aws_route_table",
                                  Fields{{"tags", table_tags}, {"vpc_id", VpcId(m)}})));
  for (const auto& [cidr, field] : {std::pair{"0.0.0.0/0", "destination_cidr_block"},
                                    std::pair{"::/0", "destination_ipv6_cidr_block"}}) {
    RETURN_IF_ERROR(AddTask(g, Task("Route", std::string("route-") + cidr, "aws_route",
                                    Fields{{field, cidr},
                                           {"gateway_id", Value::Ref(m.InternetGatewayKey())},
                                           {"route_table_id", Value::Ref(m.RouteTableKey())}})));
  }
  return Status::Ok();
}

bool HasPrivateSubnets(const ModelContext& m) {
  for (const auto& s : m.cluster().spec.subnets) {
    if (s.type == api::kSubnetPrivate || s.type == api::kSubnetDualStack) return true;
  }
  return false;
}

// Subnet tags: nodes count as public (so public subnets also take internal ELBs) when
// topology.nodes says so, or, unset, when the cluster has no private subnets.
Value::Map SubnetTags(const ModelContext& m, const api::ClusterSubnetSpec& s, const std::string& name) {
  Value::Map tags = m.CloudTags(name);
  tags["SubnetType"] = s.type;
  const auto& topology = m.cluster().spec.topology;
  bool nodes_public = topology && !topology->nodes.empty() ? topology->nodes == "public"
                                                           : !HasPrivateSubnets(m);
  if (s.type == api::kSubnetPublic || s.type == api::kSubnetUtility) {
    tags["kubernetes.io/role/elb"] = "1";
    if (nodes_public) tags["kubernetes.io/role/internal-elb"] = "1";
  } else if (s.type == api::kSubnetPrivate || s.type == api::kSubnetDualStack) {
    tags["kubernetes.io/role/internal-elb"] = "1";
  }
  return tags;
}

Status BuildSubnet(const ModelContext& m, const api::ClusterSubnetSpec& s, engine::Graph& g) {
  bool is_public = s.type == api::kSubnetPublic || s.type == api::kSubnetUtility;
  if (!is_public && s.type != api::kSubnetPrivate) {
    return FailedPrecondition("subnet " + s.name + ": type " + s.type +
                              " is not supported by the AWS model (Public, Private, Utility)");
  }
  if (!s.id.empty()) return Status::Ok();  // shared: referenced by id, never created
  std::string name = s.name + "." + m.cluster_name();
  RETURN_IF_ERROR(AddTask(g, Task("Subnet", name, "aws_subnet",
                                  Fields{{"availability_zone", s.zone},
                                         {"cidr_block", s.cidr},
                                         {"enable_resource_name_dns_a_record_on_launch", true},
                                         {"private_dns_hostname_type_on_launch", "resource-name"},
                                         {"tags", SubnetTags(m, s, name)},
                                         {"vpc_id", VpcId(m)}})));
  if (IsUnmanaged(s)) return Status::Ok();
  if (is_public) {
    return AddTask(g, Task("RouteTableAssociation", name, "aws_route_table_association",
                           Fields{{"route_table_id", Value::Ref(m.RouteTableKey())},
                                  {"subnet_id", SubnetId(m, s)}}));
  }
  return AddTask(g, Task("RouteTableAssociation", "private-" + name, "aws_route_table_association",
                         Fields{{"route_table_id", Value::Ref(PrivateRouteTableKey(m, s.zone))},
                                {"subnet_id", SubnetId(m, s)}}));
}

}  // namespace

Status BuildNetwork(const ModelContext& m, engine::Graph& graph) {
  if (m.cluster().spec.network_id.empty()) RETURN_IF_ERROR(BuildVpc(m, graph));
  RETURN_IF_ERROR(BuildGatewayAndPublicRoutes(m, graph));
  for (const auto& subnet : m.cluster().spec.subnets) RETURN_IF_ERROR(BuildSubnet(m, subnet, graph));
  return BuildPrivateEgress(m, graph);
}

}  // namespace kops::cloud::aws
