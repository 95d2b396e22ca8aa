// The API load balancer's security group and rules (kops api_loadbalancer.go), Network
// class, when spec.api.loadBalancer is set:
//   - "api-elb.<cluster>" ("Security group for api ELB"), egress anywhere (IPv4, IPv6);
//   - per kubernetesApiAccess entry: TCP 443 in (and 8443 with an sslCertificate), and
//     for PMTU discovery "icmp-pmtu-api-elb-<cidr>" (ICMP 3-4) for IPv4,
//     "icmpv6-pmtu-api-elb-<cidr>" for IPv6, both for a prefix list;
//   - "https-elb-to-master" (443 from the LB to the control plane), "tcp-api-cp" (8443,
//     with a certificate), "icmp-pmtu-cp-to-elb" and "icmp-pmtu-elb-to-cp".
#pragma once

#include "cloud/aws/model_context.h"

namespace kops::cloud::aws {

Status BuildApiLoadBalancerSecurity(const ModelContext& m, engine::Graph& graph);

// The PMTU discovery rule(s) for one CIDR or prefix list into `group`, named
// "<prefix>-<cidr>" / "<v6prefix>-<cidr>" (ICMP 3-4 for IPv4, ICMPv6 any for IPv6).
Status AddPmtuRules(engine::Graph& graph, const std::string& group, const std::string& cidr,
                    const std::string& prefix, const std::string& v6prefix);

}  // namespace kops::cloud::aws
