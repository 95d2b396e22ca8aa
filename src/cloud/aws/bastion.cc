#include "cloud/aws/bastion.h"

#include <set>

#include "cloud/aws/load_balancer_nlb.h"
#include "cloud/aws/load_balancer_rules.h"
#include "cloud/aws/load_balancer_security.h"
#include "cloud/aws/network_builder.h"

namespace kops::cloud::aws {

namespace {

const api::BastionLoadBalancerSpec* BastionLbSpec(const ModelContext& m) {
  const auto& t = m.cluster().spec.topology;
  if (!t || !t->bastion || !t->bastion->load_balancer) return nullptr;
  return &*t->bastion->load_balancer;
}

// The load balancer's subnets: per zone of the bastion groups, its Utility subnets (or
// Public ones when it has none); its Private subnets for an Internal load balancer.
Result<std::vector<SubnetMappingSpec>> BastionLbSubnets(const ModelContext& m, bool internal) {
  std::set<std::string> zones;
  for (const auto& ig : m.instance_groups()) {
    if (ig.spec.role != "Bastion") continue;
    for (const auto& name : ig.spec.subnets) {
      const api::ClusterSubnetSpec* s = FindSubnet(m, name);
      if (!s) return InvalidArgument("instance group " + ig.metadata.name + ": unknown subnet " + name);
      zones.insert(s->zone);
    }
    zones.insert(ig.spec.zones.begin(), ig.spec.zones.end());
  }
  std::vector<SubnetMappingSpec> out;
  for (const auto& zone : zones) {
    for (const char* type : internal ? std::vector<const char*>{api::kSubnetPrivate}
                                     : std::vector<const char*>{api::kSubnetUtility,
                                                                api::kSubnetPublic}) {
      size_t before = out.size();
      for (const auto& s : m.cluster().spec.subnets) {
        if (s.zone == zone && s.type == type) out.push_back({&s, "", ""});
      }
      if (out.size() > before) break;
    }
  }
  if (out.empty()) return FailedPrecondition("no subnet for the bastion load balancer");
  return out;
}

Status BuildBastionRules(const ModelContext& m, engine::Graph& g,
                         const std::vector<SubnetMappingSpec>& lb_subnets) {
  std::string bastion = "bastion." + m.cluster_name();
  std::string elb = "bastion-elb." + m.cluster_name();
  for (const auto& group : {bastion, elb}) {
    for (const char* anywhere : {"0.0.0.0/0", "::/0"}) {
      RETURN_IF_ERROR(
          AddDirectionalRule(g, {.security_group = group, .cidr = anywhere, .egress = true}));
    }
  }
  RETURN_IF_ERROR(AddDirectionalRule(g, {.security_group = bastion, .source_group = elb,
                                         .protocol = "tcp", .from_port = 22, .to_port = 22}));
  RETURN_IF_ERROR(AddDirectionalRule(g, {.security_group = bastion, .source_group = elb,
                                         .protocol = "icmp", .from_port = 3, .to_port = 4}));
  RETURN_IF_ERROR(AddDirectionalRule(g, {.security_group = elb, .source_group = bastion,
                                         .protocol = "icmp", .from_port = 3, .to_port = 4}));
  for (bool control_plane : {true, false}) {
    RETURN_IF_ERROR(AddDirectionalRule(g, {.security_group = m.SecurityGroupName(control_plane),
                                           .source_group = bastion, .protocol = "tcp",
                                           .from_port = 22, .to_port = 22}));
  }
  std::set<std::string> sources(m.cluster().spec.ssh_access.begin(),
                                m.cluster().spec.ssh_access.end());
  for (const auto& s : lb_subnets) sources.insert(s.subnet->cidr);
  for (const auto& cidr : sources) {
    RETURN_IF_ERROR(AddDirectionalRule(g, {.security_group = elb, .cidr = cidr, .protocol = "tcp",
                                           .from_port = 22, .to_port = 22}));
    RETURN_IF_ERROR(AddPmtuRules(g, elb, cidr, "icmp-pmtu-ssh-nlb", "icmpv6-pmtu-ssh-nlb"));
  }
  return Status::Ok();
}

}  // namespace

bool UsesBastionLoadBalancer(const ModelContext& m) {
  for (const auto& ig : m.instance_groups()) {
    if (ig.spec.role == "Bastion") return true;
  }
  return false;
}

Status BuildBastion(const ModelContext& m, engine::Graph& graph) {
  if (!UsesBastionLoadBalancer(m)) return Status::Ok();
  const api::BastionLoadBalancerSpec* lb = BastionLbSpec(m);
  bool internal = lb && lb->type == "Internal";
  ASSIGN_OR_RETURN(std::vector<SubnetMappingSpec> subnets, BastionLbSubnets(m, internal));
  std::string bastion = "bastion." + m.cluster_name();
  std::string elb = "bastion-elb." + m.cluster_name();
  RETURN_IF_ERROR(AddSecurityGroup(m, graph, bastion, "Security group for bastion"));
  RETURN_IF_ERROR(AddSecurityGroup(m, graph, elb, "Security group for bastion ELB"));
  RETURN_IF_ERROR(BuildBastionRules(m, graph, subnets));
  NlbSpec nlb{.prefix = "bastion",
              .name_tag = "bastion." + m.cluster_name(),
              .internal = internal,
              .cross_zone = false,
              .extra_security_group_ids = lb ? lb->additional_security_groups
                                             : std::vector<std::string>{},
              .subnets = subnets};
  RETURN_IF_ERROR(AddNlb(m, graph, nlb, {elb}));
  RETURN_IF_ERROR(AddTargetGroup(m, graph, "bastion", "TCP", 22));
  return AddListener(m, graph, "bastion", {22, "bastion", "", ""});
}

}  // namespace kops::cloud::aws
