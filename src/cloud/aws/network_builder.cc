#include "cloud/aws/network_builder.h"

#include "cloud/aws/resource_task.h"

namespace kops::cloud::aws {

using engine::Fields;
using engine::Value;

std::string DhcpDomainName(const std::string& region) {
  return region == "us-east-1" ? "ec2.internal" : region + ".compute.internal";
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
  RETURN_IF_ERROR(AddTask(g, Task("DHCPOptions", name, "aws_vpc_dhcp_options",
                                  Fields{{"domain_name", DhcpDomainName(m.Region())},
                                         {"domain_name_servers", Value::Strings({"AmazonProvidedDNS"})},
                                         {"tags", m.CloudTags(name)}})));
  RETURN_IF_ERROR(AddTask(g, Task("VPCDHCPOptionsAssociation", name,
                                  "aws_vpc_dhcp_options_association",
                                  Fields{{"dhcp_options_id", Value::Ref("DHCPOptions/" + name)},
                                         {"vpc_id", Value::Ref(m.VpcKey())}})));
  RETURN_IF_ERROR(AddTask(g, Task("InternetGateway", name, "aws_internet_gateway",
                                  Fields{{"tags", m.CloudTags(name)},
                                         {"vpc_id", Value::Ref(m.VpcKey())}})));
  Value::Map table_tags = m.CloudTags(name);
  table_tags["kubernetes.io/kops/role"] = "public";
  RETURN_IF_ERROR(AddTask(g, Task("RouteTable", name, "aws_route_table",
                                  Fields{{"tags", table_tags}, {"vpc_id", Value::Ref(m.VpcKey())}})));
  for (const auto& [cidr, field] : {std::pair{"0.0.0.0/0", "destination_cidr_block"},
                                    std::pair{"::/0", "destination_ipv6_cidr_block"}}) {
    RETURN_IF_ERROR(AddTask(g, Task("Route", std::string("route-") + cidr, "aws_route",
                                    Fields{{field, cidr},
                                           {"gateway_id", Value::Ref(m.InternetGatewayKey())},
                                           {"route_table_id", Value::Ref(m.RouteTableKey())}})));
  }
  return Status::Ok();
}

Status BuildSubnet(const ModelContext& m, const api::ClusterSubnetSpec& s, engine::Graph& g) {
  if (s.type != "Public") {
    return FailedPrecondition("subnet " + s.name + ": type " + s.type +
                              " is not supported by the AWS model yet (only Public)");
  }
  if (!s.id.empty()) {
    return FailedPrecondition("subnet " + s.name + ": shared subnets are not supported yet");
  }
  std::string name = s.name + "." + m.cluster_name();
  Value::Map tags = m.CloudTags(name);
  tags["SubnetType"] = "Public";
  tags["kubernetes.io/role/elb"] = "1";
  tags["kubernetes.io/role/internal-elb"] = "1";
  RETURN_IF_ERROR(AddTask(g, Task("Subnet", name, "aws_subnet",
                                  Fields{{"availability_zone", s.zone},
                                         {"cidr_block", s.cidr},
                                         {"enable_resource_name_dns_a_record_on_launch", true},
                                         {"private_dns_hostname_type_on_launch", "resource-name"},
                                         {"tags", tags},
                                         {"vpc_id", Value::Ref(m.VpcKey())}})));
  return AddTask(g, Task("RouteTableAssociation", name, "aws_route_table_association",
                         Fields{{"route_table_id", Value::Ref(m.RouteTableKey())},
                                {"subnet_id", Value::Ref(m.SubnetKey(s))}}));
}

}  // namespace

Status BuildNetwork(const ModelContext& m, engine::Graph& graph) {
  if (!m.cluster().spec.network_id.empty()) {
    return FailedPrecondition("shared VPCs (spec.networkID) are not supported yet");
  }
  RETURN_IF_ERROR(BuildVpc(m, graph));
  for (const auto& subnet : m.cluster().spec.subnets) RETURN_IF_ERROR(BuildSubnet(m, subnet, graph));
  return Status::Ok();
}

}  // namespace kops::cloud::aws
