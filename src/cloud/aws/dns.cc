#include "cloud/aws/dns.h"

#include "cloud/aws/cloud_data_sources.h"
#include "cloud/aws/load_balancer.h"
#include "cloud/aws/load_balancer_names.h"
#include "cloud/aws/resource_task.h"

namespace kops::cloud::aws {

using engine::Fields;
using engine::Value;

namespace {

bool UsesRecords(const ModelContext& m) {
  if (!UsesApiLoadBalancer(m)) return false;
  if (m.cluster().spec.api->load_balancer->class_ != "Network") return false;
  if (m.cluster_name().ends_with(".k8s.local")) return false;
  const auto& t = m.cluster().spec.topology;
  return !(t && t->dns && t->dns->type == "None");
}

Status AddRecords(const ModelContext& m, engine::Graph& graph, const std::string& fqdn,
                  const Value& zone_id) {
  for (const char* type : {"A", "AAAA"}) {
    Fields alias{{"evaluate_target_health", false},
                 {"name", Value::Ref(NlbKey(m, "api"), "dns_name")},
                 {"zone_id", Value::Ref(NlbKey(m, "api"), "zone_id")}};
    std::string name = fqdn + (std::string(type) == "A" ? "" : "-AAAA");
    RETURN_IF_ERROR(AddTask(graph, std::make_unique<ResourceTask>(
                                       "DNSName", name, "aws_route53_record",
                                       Fields{{"alias", Value(alias)},
                                              {"name", fqdn},
                                              {"type", type},
                                              {"zone_id", zone_id}})));
  }
  return Status::Ok();
}

}  // namespace

Status BuildDns(const ModelContext& m, engine::Graph& graph) {
  if (!UsesRecords(m)) return Status::Ok();
  Value zone_id = HostedZoneId(m);
  const auto& spec = m.cluster().spec;
  RETURN_IF_ERROR(AddRecords(m, graph, spec.master_public_name, zone_id));
  if (spec.api->load_balancer->use_for_internal_api && !spec.master_internal_name.empty() &&
      spec.master_internal_name != spec.master_public_name) {
    RETURN_IF_ERROR(AddRecords(m, graph, spec.master_internal_name, zone_id));
  }
  return Status::Ok();
}

}  // namespace kops::cloud::aws
