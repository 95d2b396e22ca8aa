#include "cloud/aws/load_balancer_nlb.h"

#include <algorithm>

#include "cloud/aws/load_balancer_names.h"
#include "cloud/aws/load_balancer_rules.h"
#include "cloud/aws/network_builder.h"
#include "cloud/aws/resource_task.h"

namespace kops::cloud::aws {

using engine::Fields;
using engine::Value;

Status AddTargetGroup(const ModelContext& m, engine::Graph& graph, const std::string& prefix,
                      const std::string& protocol, int64_t port) {
  std::string name = ResourceName32(m.cluster_name(), prefix);
  Value::Map tags = m.CloudTags(name);
  Fields health{{"healthy_threshold", 2},
                {"interval", 10},
                {"protocol", "TCP"},
                {"unhealthy_threshold", 2}};
  return AddTask(graph, std::make_unique<ResourceTask>(
                            "TargetGroup", name, "aws_lb_target_group",
                            Fields{{"connection_termination", "true"},
                                   {"deregistration_delay", "30"},
                                   {"health_check", Value(health)},
                                   {"name", name},
                                   {"port", port},
                                   {"protocol", protocol},
                                   {"tags", tags},
                                   {"vpc_id", VpcId(m)}}));
}

Status AddNlb(const ModelContext& m, engine::Graph& graph, const NlbSpec& spec,
              const std::vector<std::string>& our_security_groups) {
  std::string aws_name = ResourceName32(m.cluster_name(), spec.prefix);
  Value::Map tags = m.CloudTags(aws_name);
  tags["Name"] = spec.name_tag;
  Value::List groups;
  for (const auto& id : spec.extra_security_group_ids) groups.push_back(Value(id));
  for (const auto& name : our_security_groups) groups.push_back(Value::Ref(SecurityGroupKeyOf(name)));
  std::vector<SubnetMappingSpec> subnets = spec.subnets;
  std::stable_sort(subnets.begin(), subnets.end(), [](const auto& a, const auto& b) {
    return a.subnet->name < b.subnet->name;
  });
  Value::List mappings;
  for (const auto& s : subnets) {
    Fields mapping;
    if (!s.allocation_id.empty()) mapping.Set("allocation_id", s.allocation_id);
    if (!s.private_ipv4_address.empty()) mapping.Set("private_ipv4_address", s.private_ipv4_address);
    mapping.Set("subnet_id", SubnetId(m, *s.subnet));
    mappings.push_back(Value(mapping));
  }
  Fields f;
  if (!spec.access_log_bucket.empty()) {
    Fields logs{{"bucket", spec.access_log_bucket}, {"enabled", true}};
    if (!spec.access_log_prefix.empty()) logs.Set("prefix", spec.access_log_prefix);
    f.Set("access_logs", Value(logs));
  }
  f.Set("enable_cross_zone_load_balancing", spec.cross_zone);
  f.Set("internal", spec.internal);
  f.Set("load_balancer_type", "network");
  f.Set("name", aws_name);
  f.Set("security_groups", Value(groups));
  f.Set("subnet_mapping", Value(mappings));
  f.Set("tags", tags);
  return AddTask(graph, std::make_unique<ResourceTask>("NetworkLoadBalancer",
                                                       NlbTaskName(m, spec.prefix), "aws_lb",
                                                       std::move(f)));
}

Status AddListener(const ModelContext& m, engine::Graph& graph, const std::string& lb_prefix,
                   const ListenerSpec& l) {
  bool tls = !l.certificate_arn.empty();
  Fields f;
  if (tls) f.Set("certificate_arn", l.certificate_arn);
  f.Set("default_action",
        Value(Fields{{"target_group_arn", Value::Ref(TargetGroupKey(m, l.target_group_prefix))},
                     {"type", "forward"}}));
  f.Set("load_balancer_arn", Value::Ref(NlbKey(m, lb_prefix)));
  f.Set("port", l.port);
  f.Set("protocol", tls ? "TLS" : "TCP");
  if (tls && !l.ssl_policy.empty()) f.Set("ssl_policy", l.ssl_policy);
  std::string name = NlbTaskName(m, lb_prefix) + "-" + std::to_string(l.port);
  return AddTask(graph, std::make_unique<ResourceTask>("NetworkLoadBalancerListener", name,
                                                       "aws_lb_listener", std::move(f)));
}

}  // namespace kops::cloud::aws
