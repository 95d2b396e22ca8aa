#include "cloud/aws/load_balancer_security.h"

#include "cloud/aws/load_balancer.h"
#include "cloud/aws/load_balancer_rules.h"

namespace kops::cloud::aws {

Status AddPmtuRules(engine::Graph& graph, const std::string& group, const std::string& cidr,
                    const std::string& prefix, const std::string& v6prefix) {
  bool list = IsPrefixList(cidr);
  if (list || !IsIpv6Cidr(cidr)) {
    RETURN_IF_ERROR(AddSecurityRule(graph, prefix + "-" + cidr,
                                    {.security_group = group, .cidr = cidr, .protocol = "icmp",
                                     .from_port = 3, .to_port = 4}));
  }
  if (list || IsIpv6Cidr(cidr)) {
    RETURN_IF_ERROR(AddSecurityRule(graph, v6prefix + "-" + cidr,
                                    {.security_group = group, .cidr = cidr, .protocol = "icmpv6",
                                     .from_port = -1, .to_port = -1}));
  }
  return Status::Ok();
}

Status BuildApiLoadBalancerSecurity(const ModelContext& m, engine::Graph& graph) {
  if (!UsesApiLoadBalancer(m)) return Status::Ok();
  const auto& lb = *m.cluster().spec.api->load_balancer;
  if (lb.class_ != "Network" || lb.security_group_override) return Status::Ok();
  std::string elb = "api-elb." + m.cluster_name();
  std::string masters = m.SecurityGroupName(true);
  bool tls = !lb.ssl_certificate.empty();
  RETURN_IF_ERROR(AddSecurityGroup(m, graph, elb, "Security group for api ELB"));
  for (const char* anywhere : {"0.0.0.0/0", "::/0"}) {
    RETURN_IF_ERROR(
        AddDirectionalRule(graph, {.security_group = elb, .cidr = anywhere, .egress = true}));
  }
  for (const auto& cidr : m.cluster().spec.kubernetes_api_access) {
    for (int64_t port : tls ? std::vector<int64_t>{443, 8443} : std::vector<int64_t>{443}) {
      RETURN_IF_ERROR(AddDirectionalRule(graph, {.security_group = elb, .cidr = cidr,
                                                 .protocol = "tcp", .from_port = port,
                                                 .to_port = port}));
    }
    RETURN_IF_ERROR(AddPmtuRules(graph, elb, cidr, "icmp-pmtu-api-elb", "icmpv6-pmtu-api-elb"));
  }
  RETURN_IF_ERROR(AddSecurityRule(graph, "https-elb-to-master",
                                  {.security_group = masters, .source_group = elb,
                                   .protocol = "tcp", .from_port = 443, .to_port = 443}));
  if (tls) {
    RETURN_IF_ERROR(AddSecurityRule(graph, "tcp-api-cp",
                                    {.security_group = masters, .source_group = elb,
                                     .protocol = "tcp", .from_port = 8443, .to_port = 8443}));
  }
  RETURN_IF_ERROR(AddSecurityRule(graph, "icmp-pmtu-cp-to-elb",
                                  {.security_group = elb, .source_group = masters,
                                   .protocol = "icmp", .from_port = 3, .to_port = 4}));
  return AddSecurityRule(graph, "icmp-pmtu-elb-to-cp",
                         {.security_group = masters, .source_group = elb, .protocol = "icmp",
                          .from_port = 3, .to_port = 4});
}

}  // namespace kops::cloud::aws
