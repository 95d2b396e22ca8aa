// Security groups and security group rules as every builder writes them (kops
// awstasks.SecurityGroup / SecurityGroupRule, and the rule names of pkg/model/firewall.go
// AddDirectionalGroupRule): the one rule helper of the AWS model.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "cloud/aws/model_context.h"

namespace kops::cloud::aws {

struct SecurityRule {
  std::string security_group;  // the group the rule belongs to, by kops name
  std::string source_group;    // a source group by kops name, or ""
  // An IPv4 CIDR, an IPv6 CIDR, a prefix list id ("pl-…"), or "" (with a source group).
  std::string cidr;
  std::string protocol;  // "tcp", "udp", "icmp", "icmpv6", "4" (IPIP), "" for all protocols
  // Unset ports are 0 in the name; written, from_port 0 and to_port 0 for all
  // protocols, 65535 otherwise (kops awstasks.SecurityGroupRule).
  std::optional<int64_t> from_port;
  std::optional<int64_t> to_port;
  bool egress = false;
};

// kops' generated rule name "from-<src>-<ingress|egress>-<proto|all>-<from>to<to>-<dst>",
// the target being the source group, else the CIDR, else "0.0.0.0/0" (prefix lists).
std::string DirectionalRuleName(const SecurityRule& rule);

// Adds aws_security_group_rule `name` (task "SecurityGroupRule/<name>").
Status AddSecurityRule(engine::Graph& graph, const std::string& name, const SecurityRule& rule);
// Adds the rule under its directional name.
Status AddDirectionalRule(engine::Graph& graph, const SecurityRule& rule);

// Adds aws_security_group `name` with `description`, the cluster's tags, in the VPC.
Status AddSecurityGroup(const ModelContext& m, engine::Graph& graph, const std::string& name,
                        const std::string& description);

// "SecurityGroup/<name>"
inline std::string SecurityGroupKeyOf(const std::string& name) { return "SecurityGroup/" + name; }

// True for "pl-…"; an IPv6 CIDR contains ':'.
bool IsPrefixList(const std::string& cidr);
bool IsIpv6Cidr(const std::string& cidr);

}  // namespace kops::cloud::aws
