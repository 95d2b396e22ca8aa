#include "cloud/aws/load_balancer_rules.h"

#include "cloud/aws/network_builder.h"
#include "cloud/aws/resource_task.h"

namespace kops::cloud::aws {

using engine::Fields;
using engine::Value;

bool IsPrefixList(const std::string& cidr) { return cidr.starts_with("pl-"); }
bool IsIpv6Cidr(const std::string& cidr) { return cidr.find(':') != std::string::npos; }

std::string DirectionalRuleName(const SecurityRule& r) {
  std::string target = "0.0.0.0/0";
  if (!r.source_group.empty()) {
    target = r.source_group;
  } else if (!r.cidr.empty() && !IsPrefixList(r.cidr)) {
    target = r.cidr;
  }
  std::string proto = r.protocol.empty() ? "all" : r.protocol;
  const std::string& src = r.egress ? r.security_group : target;
  const std::string& dst = r.egress ? target : r.security_group;
  return "from-" + src + (r.egress ? "-egress-" : "-ingress-") + proto + "-" +
         std::to_string(r.from_port.value_or(0)) + "to" + std::to_string(r.to_port.value_or(0)) +
         "-" + dst;
}

Status AddSecurityRule(engine::Graph& graph, const std::string& name, const SecurityRule& r) {
  Fields f;
  if (!r.cidr.empty()) {
    const char* attr = IsPrefixList(r.cidr) ? "prefix_list_ids"
                       : IsIpv6Cidr(r.cidr) ? "ipv6_cidr_blocks"
                                            : "cidr_blocks";
    f.Set(attr, Value::Strings({r.cidr}));
  }
  bool all = r.protocol.empty() || r.protocol == "-1";
  f.Set("from_port", r.from_port.value_or(0));
  f.Set("protocol", all ? "-1" : r.protocol);
  f.Set("security_group_id", Value::Ref(SecurityGroupKeyOf(r.security_group)));
  if (!r.source_group.empty()) {
    f.Set("source_security_group_id", Value::Ref(SecurityGroupKeyOf(r.source_group)));
  }
  f.Set("to_port", r.to_port.value_or(all ? 0 : 65535));
  f.Set("type", r.egress ? "egress" : "ingress");
  return AddTask(graph, std::make_unique<ResourceTask>("SecurityGroupRule", name,
                                                       "aws_security_group_rule", std::move(f)));
}

Status AddDirectionalRule(engine::Graph& graph, const SecurityRule& rule) {
  return AddSecurityRule(graph, DirectionalRuleName(rule), rule);
}

Status AddSecurityGroup(const ModelContext& m, engine::Graph& graph, const std::string& name,
                        const std::string& description) {
  return AddTask(graph, std::make_unique<ResourceTask>(
                            "SecurityGroup", name, "aws_security_group",
                            Fields{{"description", description},
                                   {"name", name},
                                   {"tags", m.CloudTags(name)},
                                   {"vpc_id", VpcId(m)}}));
}

}  // namespace kops::cloud::aws
