// Security groups of the control plane and the nodes, and every rule kops writes
// between them and from the outside (pkg/model/firewall.go, awsmodel/api_loadbalancer.go
// for the API access without a load balancer, pkg/model/sshkey... for SSH access).
//
// Rule names follow kops: "from-<source>-<ingress|egress>-<proto>-<from>to<to>-<group>"
// where source is a CIDR or a group name; "nodeport-<proto>-external-to-node-<cidr>".
// The load balancer and bastion groups and their rules belong to those builders.
#pragma once

#include <string>

#include "base/status.h"
#include "cloud/aws/model_context.h"
#include "engine/graph.h"

namespace kops::cloud::aws {

struct SecurityGroupRuleSpec {
  std::string name;  // kops' task name
  std::string group_key;          // the group the rule belongs to (task key)
  std::string source_group_key;   // "" unless the source is a group
  std::string cidr;               // "" unless the source/destination is a CIDR
  std::string protocol;           // "tcp", "udp", "-1" (all), "4" (IPIP), "icmp"...
  int from_port = 0;
  int to_port = 0;
  bool egress = false;
};

// Adds an aws_security_group_rule task for `rule` (IPv6 CIDRs go to ipv6_cidr_blocks).
Status AddSecurityGroupRule(const SecurityGroupRuleSpec& rule, engine::Graph& graph);

// "masters.<cluster>" and "nodes.<cluster>" with their rules.
Status BuildSecurityGroups(const ModelContext& m, engine::Graph& graph);

}  // namespace kops::cloud::aws
