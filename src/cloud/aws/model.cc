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
  target.AddProvider("aws", Body().Add("region", Expr::String(region)));
  target.AddProvider("aws", Body()
                                .Add("alias", Expr::String("files"))
                                .Add("region", Expr::String(region)));
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
