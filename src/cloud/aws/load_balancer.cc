#include "cloud/aws/load_balancer.h"

#include <algorithm>
#include <map>
#include <set>

#include "cloud/aws/bastion.h"
#include "cloud/aws/load_balancer_names.h"
#include "cloud/aws/load_balancer_nlb.h"
#include "cloud/aws/network_builder.h"

namespace kops::cloud::aws {

using engine::Value;

namespace {

constexpr int64_t kKopsControllerPort = 3988;

bool UsesNoneDns(const ModelContext& m) {
  const auto& t = m.cluster().spec.topology;
  return t && t->dns && t->dns->type == "None";
}

// kops' chooseBestSubnetForELB: +1 for a control-plane subnet, +1 for Utility; the
// highest score wins, ties by name.
const api::ClusterSubnetSpec* BestSubnet(const ModelContext& m,
                                         const std::vector<const api::ClusterSubnetSpec*>& in_zone) {
  std::set<std::string> control_plane_subnets;
  for (const auto& ig : m.instance_groups()) {
    if (!ModelContext::IsControlPlane(ig)) continue;
    control_plane_subnets.insert(ig.spec.subnets.begin(), ig.spec.subnets.end());
  }
  auto score = [&](const api::ClusterSubnetSpec* s) {
    return int(control_plane_subnets.count(s->name)) + int(s->type == api::kSubnetUtility);
  };
  return *std::min_element(in_zone.begin(), in_zone.end(), [&](auto* a, auto* b) {
    if (score(a) != score(b)) return score(a) > score(b);
    return a->name < b->name;
  });
}

Result<std::vector<SubnetMappingSpec>> LoadBalancerSubnets(const ModelContext& m,
                                                           const api::LoadBalancerAccessSpec& lb) {
  std::vector<SubnetMappingSpec> out;
  if (!lb.subnets.empty()) {
    for (const auto& s : lb.subnets) {
      const api::ClusterSubnetSpec* subnet = FindSubnet(m, s.name);
      if (!subnet) return InvalidArgument("spec.api.loadBalancer.subnets: unknown subnet " + s.name);
      out.push_back({subnet, s.allocation_id.value_or(""), s.private_ipv4_address.value_or("")});
    }
    return out;
  }
  bool internal = lb.type == "Internal";
  std::map<std::string, std::vector<const api::ClusterSubnetSpec*>> by_zone;
  for (const auto& s : m.cluster().spec.subnets) {
    bool is_public = s.type == api::kSubnetPublic || s.type == api::kSubnetUtility;
    if (is_public != internal) by_zone[s.zone].push_back(&s);
  }
  for (const auto& [zone, subnets] : by_zone) out.push_back({BestSubnet(m, subnets), "", ""});
  return out;
}

// Target group prefixes of the API load balancer, sorted by their AWS names.
std::vector<std::string> ApiTargetGroupPrefixes(const ModelContext& m) {
  const auto& lb = *m.cluster().spec.api->load_balancer;
  std::vector<std::string> prefixes{"tcp"};
  if (UsesNoneDns(m)) prefixes.push_back("kops-controller");
  if (!lb.ssl_certificate.empty()) prefixes.push_back("tls");
  std::sort(prefixes.begin(), prefixes.end(), [&](const auto& a, const auto& b) {
    return ResourceName32(m.cluster_name(), a) < ResourceName32(m.cluster_name(), b);
  });
  return prefixes;
}

}  // namespace

bool UsesApiLoadBalancer(const ModelContext& m) {
  const auto& api = m.cluster().spec.api;
  return api && api->load_balancer;
}

Status BuildApiLoadBalancer(const ModelContext& m, engine::Graph& graph) {
  if (!UsesApiLoadBalancer(m)) return Status::Ok();
  const auto& lb = *m.cluster().spec.api->load_balancer;
  if (lb.type != "Public" && lb.type != "Internal") {
    return InvalidArgument("spec.api.loadBalancer.type: " + lb.type + " (Public or Internal)");
  }
  if (lb.class_ != "Network") {
    return FailedPrecondition("spec.api.loadBalancer.class: " +
                              (lb.class_.empty() ? std::string("Classic (the default)") : lb.class_) +
                              " is not supported by the AWS model yet (only Network)");
  }
  if (lb.security_group_override) {
    return FailedPrecondition("spec.api.loadBalancer.securityGroupOverride is not supported yet");
  }
  ASSIGN_OR_RETURN(std::vector<SubnetMappingSpec> subnets, LoadBalancerSubnets(m, lb));
  NlbSpec nlb{.prefix = "api",
              .name_tag = "api." + m.cluster_name(),
              .internal = lb.type == "Internal",
              .cross_zone = UsesNoneDns(m) || lb.cross_zone_load_balancing.value_or(false),
              .extra_security_group_ids = lb.additional_security_groups,
              .subnets = subnets};
  if (lb.access_log) {
    nlb.access_log_bucket = lb.access_log->bucket;
    nlb.access_log_prefix = lb.access_log->bucket_prefix;
  }
  RETURN_IF_ERROR(AddNlb(m, graph, nlb, {"api-elb." + m.cluster_name()}));
  RETURN_IF_ERROR(AddTargetGroup(m, graph, "tcp", "TCP", 443));
  bool tls = !lb.ssl_certificate.empty();
  if (tls) {
    RETURN_IF_ERROR(AddTargetGroup(m, graph, "tls", "TLS", 443));
    RETURN_IF_ERROR(AddListener(m, graph, "api", {443, "tls", lb.ssl_certificate, lb.ssl_policy}));
    RETURN_IF_ERROR(AddListener(m, graph, "api", {8443, "tcp", "", ""}));
  } else {
    RETURN_IF_ERROR(AddListener(m, graph, "api", {443, "tcp", "", ""}));
  }
  if (UsesNoneDns(m)) {
    RETURN_IF_ERROR(AddTargetGroup(m, graph, "kops-controller", "TCP", kKopsControllerPort));
    RETURN_IF_ERROR(AddListener(m, graph, "api", {kKopsControllerPort, "kops-controller", "", ""}));
  }
  return Status::Ok();
}

std::vector<Value> TargetGroupsFor(const ModelContext& m, const api::InstanceGroup& ig) {
  std::vector<Value> out;
  if (ModelContext::IsControlPlane(ig) && UsesApiLoadBalancer(m) &&
      m.cluster().spec.api->load_balancer->class_ == "Network") {
    for (const auto& prefix : ApiTargetGroupPrefixes(m)) {
      out.push_back(Value::Ref(TargetGroupKey(m, prefix)));
    }
  }
  if (ig.spec.role == "Bastion" && UsesBastionLoadBalancer(m)) {
    out.push_back(Value::Ref(TargetGroupKey(m, "bastion")));
  }
  return out;
}

}  // namespace kops::cloud::aws
