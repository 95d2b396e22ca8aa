// Building blocks shared by the API and bastion network load balancers: target groups,
// listeners and the load balancer itself, with kops' names and attributes.
#pragma once

#include <string>
#include <vector>

#include "cloud/aws/model_context.h"

namespace kops::cloud::aws {

struct SubnetMappingSpec {
  const api::ClusterSubnetSpec* subnet = nullptr;
  std::string allocation_id;
  std::string private_ipv4_address;
};

struct NlbSpec {
  std::string prefix;        // "api", "bastion": names "<prefix>-<cluster>", ResourceName32
  std::string name_tag;      // the Name tag: "api.<cluster>"
  bool internal = false;
  bool cross_zone = false;
  std::vector<std::string> extra_security_group_ids;  // existing groups, written first
  std::vector<SubnetMappingSpec> subnets;
  std::string access_log_bucket;  // "" for no access logs
  std::string access_log_prefix;
};

struct ListenerSpec {
  int64_t port = 0;
  std::string target_group_prefix;  // "tcp", "tls", "bastion"...
  std::string certificate_arn;      // TLS when set
  std::string ssl_policy;
};

// aws_lb_target_group ResourceName32(prefix): protocol on port, kops' health checks.
Status AddTargetGroup(const ModelContext& m, engine::Graph& graph, const std::string& prefix,
                      const std::string& protocol, int64_t port);
Status AddNlb(const ModelContext& m, engine::Graph& graph, const NlbSpec& spec,
              const std::vector<std::string>& our_security_groups);
Status AddListener(const ModelContext& m, engine::Graph& graph, const std::string& lb_prefix,
                   const ListenerSpec& listener);

}  // namespace kops::cloud::aws
