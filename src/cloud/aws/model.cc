#include "cloud/aws/model.h"

#include "cloud/aws/autoscaling.h"
#include "cloud/aws/cloud_data_sources.h"
#include "cloud/aws/cluster_builder.h"
#include "cloud/aws/iam_policies.h"
#include "cloud/aws/node_termination.h"
#include "cloud/aws/security_groups.h"
#include "cloud/aws/state_objects.h"
#include "cloud/aws/bastion.h"
#include "cloud/aws/dns.h"
#include "cloud/aws/load_balancer.h"
#include "cloud/aws/load_balancer_security.h"
#include "cloud/aws/network_builder.h"

namespace kops::cloud::aws {

using engine::Value;
using terraform::Body;
using terraform::Expr;

namespace {

// A provider block: alias, region and spec.target.terraform's extra settings (strings, as
// kops writes them), sorted by name; the extra settings cannot replace alias or region.
Body ProviderBody(const std::string& region, const std::string& alias,
                  const std::map<std::string, std::string>& extra) {
  Body body;
  if (!alias.empty()) body.Add("alias", Expr::String(alias));
  body.Add("region", Expr::String(region));
  for (const auto& [k, v] : extra) {
    if (k != "alias" && k != "region") body.Add(k, Expr::String(v));
  }
  body.SortByName();
  return body;
}

}  // namespace

Status BuildModel(const ModelInput& input, engine::Graph& graph) {
  ModelContext m(input);
  RETURN_IF_ERROR(BuildNetwork(m, graph));
  RETURN_IF_ERROR(BuildEtcdVolumes(m, graph));
  RETURN_IF_ERROR(BuildKeyPair(m, graph));
  RETURN_IF_ERROR(BuildIam(m, graph));
  RETURN_IF_ERROR(BuildApiLoadBalancer(m, graph));
  RETURN_IF_ERROR(BuildApiLoadBalancerSecurity(m, graph));
  RETURN_IF_ERROR(BuildBastion(m, graph));
  RETURN_IF_ERROR(BuildDns(m, graph));
  RETURN_IF_ERROR(BuildCloudDataSources(m, graph));
  RETURN_IF_ERROR(BuildSecurityGroups(m, graph));
  RETURN_IF_ERROR(BuildIamPolicies(m, graph));
  RETURN_IF_ERROR(BuildNodeTerminationHandler(m, graph));
  RETURN_IF_ERROR(BuildLaunchTemplates(m, graph));
  RETURN_IF_ERROR(BuildAutoscalingGroups(m, graph));
  RETURN_IF_ERROR(BuildStateObjects(m, graph));
  return Status::Ok();
}

void AddTerraformExtras(const ModelInput& input, terraform::TerraformTarget& target) {
  ModelContext m(input);
  std::string region = m.Region();
  const auto& tf = m.cluster().spec.target;
  static const std::map<std::string, std::string> kNone;
  const auto& extra = tf && tf->terraform ? tf->terraform->provider_extra_config : kNone;
  const auto& files_extra = tf && tf->terraform ? tf->terraform->files_provider_extra_config : kNone;
  target.AddProvider("aws", ProviderBody(region, "", extra));
  target.AddProvider("aws", ProviderBody(region, "files", files_extra));
  Body required;
  required.Add("aws", Expr::MapOf({{"configuration_aliases", Expr::RawText("[aws.files]")},
                                   {"source", Expr::String("hashicorp/aws")},
                                   {"version", Expr::String(">= 5.0.0")}}));
  Body settings;
  settings.Add("required_version", Expr::String(">= 0.15.0"));
  settings.AddBlock(terraform::Block{"required_providers", {}, std::move(required)});
  target.SetTerraformSettings(std::move(settings));

  target.AddOutput("cluster_name", m.cluster_name());
  target.AddOutput("region", region);
  target.AddOutput("vpc_id", Value::Ref(m.VpcKey()));
  target.AddOutput("vpc_cidr_block", Value::Ref(m.VpcKey(), "cidr_block"));
  target.AddOutput("vpc_ipv6_cidr_block", Value::Ref(m.VpcKey(), "ipv6_cidr_block"));
  target.AddOutputExpression("vpc_ipv6_cidr_length",
                             "local.vpc_ipv6_cidr_block == \"\" ? null : "
                             "tonumber(regex(\".*/(\\\\d+)\", local.vpc_ipv6_cidr_block)[0])");
  target.AddOutput("route_table_public_id", Value::Ref(m.RouteTableKey()));
  AddPrivateNetworkOutputs(m, target);
  for (bool control_plane : {true, false}) {
    std::string prefix = control_plane ? "masters" : "nodes";
    std::string role = "IAMRole/" + m.IamRoleName(control_plane);
    target.AddOutput(prefix + "_role_arn", Value::Ref(role, "arn"));
    target.AddOutput(prefix + "_role_name", Value::Ref(role, "name"));
  }
  for (const auto& subnet : m.cluster().spec.subnets) {
    target.AddOutput("subnet_" + subnet.name + "_id", Value::Ref(m.SubnetKey(subnet)));
  }
  AddInstanceGroupOutputs(m, target);
}

}  // namespace kops::cloud::aws
