#include "cloud/aws/autoscaling.h"
#include "cloud/aws/iam_policies.h"
#include "terraform/terraform_target.h"

namespace kops::cloud::aws {

using engine::Value;

void AddInstanceGroupOutputs(const ModelContext& m, terraform::TerraformTarget& target) {
  if (HasBastions(m)) {
    std::string role = "IAMRole/bastions." + m.cluster_name();
    target.AddOutput("bastions_role_arn", Value::Ref(role, "arn"));
    target.AddOutput("bastions_role_name", Value::Ref(role, "name"));
  }
  for (const auto& ig : m.instance_groups()) {
    const std::string& role = ig.spec.role;
    if (role != api::kRoleMaster && role != api::kRoleNode && role != api::kRoleAPIServer) continue;
    bool cp = role == api::kRoleMaster;
    Value asg = Value::Ref("AutoscalingGroup/" + m.AutoscalingGroupName(ig));
    target.AddOutputListItem(cp ? "master_autoscaling_group_ids" : "node_autoscaling_group_ids", asg);
    target.AddOutputListItem(cp ? "master_security_group_ids" : "node_security_group_ids",
                             Value::Ref(SecurityGroupKeyFor(m, ig)));
    if (cp) continue;
    for (const auto& name : ig.spec.subnets) {
      for (const auto& subnet : m.cluster().spec.subnets) {
        if (subnet.name == name) target.AddOutputListItem("node_subnet_ids", Value::Ref(m.SubnetKey(subnet)));
      }
    }
  }
}

}  // namespace kops::cloud::aws
