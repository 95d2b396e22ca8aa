#include "cloud/aws/security_groups.h"

#include "cloud/aws/load_balancer_rules.h"

namespace kops::cloud::aws {

namespace {

// The node port range: kube-apiserver's serviceNodePortRange, default 30000-32767.
std::pair<int64_t, int64_t> NodePortRange(const ModelContext& m) {
  const auto& api = m.cluster().spec.kube_api_server;
  if (api && !api->service_node_port_range.empty()) {
    const std::string& r = api->service_node_port_range;
    size_t dash = r.find('-');
    if (dash != std::string::npos) {
      return {std::stoll(r.substr(0, dash)), std::stoll(r.substr(dash + 1))};
    }
  }
  return {30000, 32767};
}

Status BuildEgressAndSelf(const ModelContext& m, engine::Graph& g) {
  for (bool cp : {true, false}) {
    for (const char* cidr : {"0.0.0.0/0", "::/0"}) {
      RETURN_IF_ERROR(AddDirectionalRule(
          g, {.security_group = m.SecurityGroupName(cp), .cidr = cidr, .egress = true}));
    }
  }
  // control plane -> control plane, control plane -> nodes, nodes -> nodes: everything
  for (auto [from_cp, to_cp] : {std::pair{true, true}, std::pair{true, false}, std::pair{false, false}}) {
    RETURN_IF_ERROR(AddDirectionalRule(g, {.security_group = m.SecurityGroupName(to_cp),
                                           .source_group = m.SecurityGroupName(from_cp)}));
  }
  return Status::Ok();
}

// Nodes reach the control plane on every port except etcd's (2380-2381 peers, 4001-4002
// clients); calico's IPIP (protocol 4) is allowed as a whole.
Status BuildNodesToControlPlane(const ModelContext& m, engine::Graph& g) {
  struct Range {
    const char* protocol;
    std::optional<int64_t> from, to;
  };
  std::vector<Range> ranges = {{"tcp", 1, 2379}, {"tcp", 2382, 4000}, {"tcp", 4003, 65535},
                               {"udp", 1, 65535}};
  const auto& net = m.cluster().spec.networking;
  if (net && net->calico) ranges.insert(ranges.begin(), Range{"4", {}, {}});
  for (const Range& r : ranges) {
    RETURN_IF_ERROR(AddDirectionalRule(g, {.security_group = m.SecurityGroupName(true),
                                           .source_group = m.SecurityGroupName(false),
                                           .protocol = r.protocol,
                                           .from_port = r.from,
                                           .to_port = r.to}));
  }
  return Status::Ok();
}

Status BuildExternalAccess(const ModelContext& m, engine::Graph& g) {
  const auto& spec = m.cluster().spec;
  bool bastion = false;  // with a bastion, SSH from outside goes to it (bastion.h) only
  for (const auto& ig : m.instance_groups()) bastion |= ig.spec.role == api::kRoleBastion;
  for (const auto& cidr : bastion ? std::vector<std::string>{} : spec.ssh_access) {
    for (bool cp : {true, false}) {
      RETURN_IF_ERROR(AddDirectionalRule(g, {.security_group = m.SecurityGroupName(cp),
                                             .cidr = cidr, .protocol = "tcp",
                                             .from_port = 22, .to_port = 22}));
    }
  }
  bool has_lb = spec.api && spec.api->load_balancer;
  if (!has_lb) {  // without a load balancer the API is reached on the control plane itself
    for (const auto& cidr : spec.kubernetes_api_access) {
      RETURN_IF_ERROR(AddDirectionalRule(g, {.security_group = m.SecurityGroupName(true),
                                             .cidr = cidr, .protocol = "tcp",
                                             .from_port = 443, .to_port = 443}));
    }
  }
  auto [from, to] = NodePortRange(m);
  for (const auto& cidr : spec.node_port_access) {
    for (const char* protocol : {"tcp", "udp"}) {
      RETURN_IF_ERROR(AddSecurityRule(g, std::string("nodeport-") + protocol + "-external-to-node-" + cidr,
                                      {.security_group = m.SecurityGroupName(false), .cidr = cidr,
                                       .protocol = protocol, .from_port = from, .to_port = to}));
    }
  }
  return Status::Ok();
}

}  // namespace

Status BuildSecurityGroups(const ModelContext& m, engine::Graph& graph) {
  RETURN_IF_ERROR(AddSecurityGroup(m, graph, m.SecurityGroupName(true), "Security group for masters"));
  RETURN_IF_ERROR(AddSecurityGroup(m, graph, m.SecurityGroupName(false), "Security group for nodes"));
  RETURN_IF_ERROR(BuildEgressAndSelf(m, graph));
  RETURN_IF_ERROR(BuildNodesToControlPlane(m, graph));
  return BuildExternalAccess(m, graph);
}

}  // namespace kops::cloud::aws
