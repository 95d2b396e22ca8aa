#include "cloud/aws/security_groups.h"

#include "cloud/aws/builder_util.h"

namespace kops::cloud::aws {

using engine::Fields;
using engine::Value;

namespace {

bool IsIpv6(const std::string& cidr) { return cidr.find(':') != std::string::npos; }

std::string ProtocolWord(const std::string& protocol) {
  return protocol == "-1" ? "all" : protocol;
}

// The node port range: kube-apiserver's serviceNodePortRange, default 30000-32767.
std::pair<int, int> NodePortRange(const ModelContext& m) {
  const auto& api = m.cluster().spec.kube_api_server;
  if (api && !api->service_node_port_range.empty()) {
    const std::string& r = api->service_node_port_range;
    size_t dash = r.find('-');
    if (dash != std::string::npos) {
      return {std::stoi(r.substr(0, dash)), std::stoi(r.substr(dash + 1))};
    }
  }
  return {30000, 32767};
}

// "from-<source>-<direction>-<proto>-<from>to<to>-<destination>"
std::string RuleName(const std::string& source, bool egress, const std::string& protocol,
                     int from, int to, const std::string& destination) {
  return "from-" + source + (egress ? "-egress-" : "-ingress-") + ProtocolWord(protocol) + "-" +
         std::to_string(from) + "to" + std::to_string(to) + "-" + destination;
}

Status BuildGroup(const ModelContext& m, bool control_plane, engine::Graph& g) {
  std::string name = m.SecurityGroupName(control_plane);
  return AddTask(g, NewResource("SecurityGroup", name, "aws_security_group",
                                Fields{{"description", control_plane ? "Security group for masters"
                                                                     : "Security group for nodes"},
                                       {"name", name},
                                       {"tags", m.CloudTags(name)},
                                       {"vpc_id", Value::Ref(m.VpcKey())}}));
}

Status BuildEgressAndSelf(const ModelContext& m, engine::Graph& g) {
  for (bool cp : {true, false}) {
    std::string group = m.SecurityGroupName(cp);
    for (const char* cidr : {"0.0.0.0/0", "::/0"}) {
      RETURN_IF_ERROR(AddSecurityGroupRule({.name = RuleName(group, true, "-1", 0, 0, cidr),
                                            .group_key = m.SecurityGroupKey(cp),
                                            .cidr = cidr,
                                            .protocol = "-1",
                                            .egress = true},
                                           g));
    }
  }
  // control plane -> control plane, control plane -> nodes, nodes -> nodes: everything
  for (auto [from_cp, to_cp] : {std::pair{true, true}, std::pair{true, false}, std::pair{false, false}}) {
    RETURN_IF_ERROR(AddSecurityGroupRule(
        {.name = RuleName(m.SecurityGroupName(from_cp), false, "-1", 0, 0, m.SecurityGroupName(to_cp)),
         .group_key = m.SecurityGroupKey(to_cp),
         .source_group_key = m.SecurityGroupKey(from_cp),
         .protocol = "-1"},
        g));
  }
  return Status::Ok();
}

// Nodes reach the control plane on every port except etcd's (2380-2381 peers, 4001-4002
// clients); calico's IPIP (protocol 4) is allowed as a whole.
Status BuildNodesToControlPlane(const ModelContext& m, engine::Graph& g) {
  struct Range {
    const char* protocol;
    int from, to;
  };
  std::vector<Range> ranges = {{"tcp", 1, 2379}, {"tcp", 2382, 4000}, {"tcp", 4003, 65535},
                               {"udp", 1, 65535}};
  const auto& net = m.cluster().spec.networking;
  if (net && net->calico) ranges.insert(ranges.begin(), Range{"4", 0, 65535});
  std::string nodes = m.SecurityGroupName(false), masters = m.SecurityGroupName(true);
  for (const Range& r : ranges) {
    int from_for_name = r.from, to_for_name = std::string(r.protocol) == "4" ? 0 : r.to;
    RETURN_IF_ERROR(AddSecurityGroupRule(
        {.name = RuleName(nodes, false, r.protocol, from_for_name, to_for_name, masters),
         .group_key = m.SecurityGroupKey(true),
         .source_group_key = m.SecurityGroupKey(false),
         .protocol = r.protocol,
         .from_port = r.from,
         .to_port = r.to},
        g));
  }
  return Status::Ok();
}

Status BuildExternalAccess(const ModelContext& m, engine::Graph& g) {
  const auto& spec = m.cluster().spec;
  bool bastion = false;  // with a bastion, SSH from outside goes to it (bastion.h) only
  for (const auto& ig : m.instance_groups()) bastion |= ig.spec.role == api::kRoleBastion;
  for (const auto& cidr : bastion ? std::vector<std::string>{} : spec.ssh_access) {
    for (bool cp : {true, false}) {
      RETURN_IF_ERROR(AddSecurityGroupRule(
          {.name = RuleName(cidr, false, "tcp", 22, 22, m.SecurityGroupName(cp)),
           .group_key = m.SecurityGroupKey(cp),
           .cidr = cidr,
           .protocol = "tcp",
           .from_port = 22,
           .to_port = 22},
          g));
    }
  }
  bool has_lb = spec.api && spec.api->load_balancer;
  if (!has_lb) {  // without a load balancer the API is reached on the control plane itself
    for (const auto& cidr : spec.kubernetes_api_access) {
      RETURN_IF_ERROR(AddSecurityGroupRule(
          {.name = RuleName(cidr, false, "tcp", 443, 443, m.SecurityGroupName(true)),
           .group_key = m.SecurityGroupKey(true),
           .cidr = cidr,
           .protocol = "tcp",
           .from_port = 443,
           .to_port = 443},
          g));
    }
  }
  auto [from, to] = NodePortRange(m);
  for (const auto& cidr : spec.node_port_access) {
    for (const char* protocol : {"tcp", "udp"}) {
      RETURN_IF_ERROR(AddSecurityGroupRule(
          {.name = std::string("nodeport-") + protocol + "-external-to-node-" + cidr,
           .group_key = m.SecurityGroupKey(false),
           .cidr = cidr,
           .protocol = protocol,
           .from_port = from,
           .to_port = to},
          g));
    }
  }
  return Status::Ok();
}

}  // namespace

Status AddSecurityGroupRule(const SecurityGroupRuleSpec& rule, engine::Graph& graph) {
  Fields f;
  if (!rule.cidr.empty()) {
    f.Set(IsIpv6(rule.cidr) ? "ipv6_cidr_blocks" : "cidr_blocks", Value::Strings({rule.cidr}));
  }
  f.Set("from_port", rule.from_port);
  f.Set("protocol", rule.protocol);
  f.Set("security_group_id", Value::Ref(rule.group_key));
  if (!rule.source_group_key.empty()) {
    f.Set("source_security_group_id", Value::Ref(rule.source_group_key));
  }
  f.Set("to_port", rule.to_port);
  f.Set("type", rule.egress ? "egress" : "ingress");
  return AddTask(graph, NewResource("SecurityGroupRule", rule.name, "aws_security_group_rule", f));
}

Status BuildSecurityGroups(const ModelContext& m, engine::Graph& graph) {
  for (bool cp : {true, false}) RETURN_IF_ERROR(BuildGroup(m, cp, graph));
  RETURN_IF_ERROR(BuildEgressAndSelf(m, graph));
  RETURN_IF_ERROR(BuildNodesToControlPlane(m, graph));
  return BuildExternalAccess(m, graph);
}

}  // namespace kops::cloud::aws
