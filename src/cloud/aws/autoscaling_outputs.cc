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
    std::string prefix = role == api::kRoleMaster    ? "master"
                         : role == api::kRoleBastion ? "bastion"
                         : role == api::kRoleNode || role == api::kRoleAPIServer ? "node"
                                                                                 : "";
    if (prefix.empty()) continue;
    Value asg = Value::Ref("AutoscalingGroup/" + m.AutoscalingGroupName(ig));
    target.AddOutputListItem(prefix + "_autoscaling_group_ids", asg);
    for (Value& sg : SecurityGroupsFor(m, ig)) {
      target.AddOutputListItem(prefix + "_security_group_ids", std::move(sg));
    }
    if (prefix != "node") continue;
    for (const auto& name : ig.spec.subnets) {
      for (const auto& subnet : m.cluster().spec.subnets) {
        if (subnet.name == name) target.AddOutputListItem("node_subnet_ids", Value::Ref(m.SubnetKey(subnet)));
      }
    }
  }
}

}  // namespace kops::cloud::aws
