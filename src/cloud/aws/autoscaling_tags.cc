#include "cloud/aws/autoscaling.h"
#include "cloud/aws/builder_util.h"

namespace kops::cloud::aws {

using engine::Value;

namespace {

const char kNodeTemplate[] = "k8s.io/cluster-autoscaler/node-template/";

std::map<std::string, std::string> RoleLabels(const api::InstanceGroup& ig) {
  const std::string& role = ig.spec.role;
  if (role == api::kRoleMaster) {
    return {{"kops.k8s.io/kops-controller-pki", ""},
            {"node-role.kubernetes.io/control-plane", ""},
            {"node.kubernetes.io/exclude-from-external-load-balancers", ""}};
  }
  if (role == api::kRoleAPIServer) return {{"node-role.kubernetes.io/api-server", ""}};
  if (role == api::kRoleNode) return {{"node-role.kubernetes.io/node", ""}};
  return {};
}

}  // namespace

Value::Map InstanceGroupTags(const ModelContext& m, const api::InstanceGroup& ig) {
  Value::Map tags = m.CloudTags(m.AutoscalingGroupName(ig));
  for (const auto& [k, v] : ig.spec.cloud_labels) tags[k] = v;
  if (ig.spec.role != api::kRoleBastion) {
    for (const auto& [k, v] : RoleLabels(ig)) tags[kNodeTemplate + std::string("label/") + k] = v;
    for (const auto& [k, v] : ig.spec.node_labels) tags[kNodeTemplate + std::string("label/") + k] = v;
    for (const auto& taint : ig.spec.taints) {  // "key=value:Effect"
      size_t eq = taint.find('=');
      std::string key = taint.substr(0, eq == std::string::npos ? taint.find(':') : eq);
      std::string rest = eq == std::string::npos ? taint.substr(key.size()) : taint.substr(eq + 1);
      tags[kNodeTemplate + std::string("taint/") + key] = rest.starts_with(":") ? rest.substr(1) : rest;
    }
  }
  if (ig.spec.role == api::kRoleMaster) {
    tags["k8s.io/role/control-plane"] = "1";
    tags["k8s.io/role/master"] = "1";
  } else if (ig.spec.role == api::kRoleAPIServer) {
    tags["k8s.io/role/api-server"] = "1";
  } else if (ig.spec.role == api::kRoleBastion) {
    tags["k8s.io/role/bastion"] = "1";
  } else {
    tags["k8s.io/role/node"] = "1";
  }
  tags["kops.k8s.io/instancegroup"] = ig.metadata.name;
  // NTH's managed-ASG tag marks the group unless that key is already a tag (kops'
  // complex case points it at the cluster ownership tag, which keeps "owned").
  if (UsesNthQueue(m)) tags.emplace(NthManagedAsgTag(m), "");
  return tags;
}

std::string InstanceProfileKeyFor(const ModelContext& m, const api::InstanceGroup& ig) {
  if (ig.spec.role == api::kRoleBastion) return "IAMInstanceProfile/bastions." + m.cluster_name();
  return "IAMInstanceProfile/" + m.IamRoleName(ig.spec.role == api::kRoleMaster);
}

std::string SecurityGroupKeyFor(const ModelContext& m, const api::InstanceGroup& ig) {
  if (ig.spec.role == api::kRoleBastion) return "SecurityGroup/bastion." + m.cluster_name();
  return m.SecurityGroupKey(ig.spec.role == api::kRoleMaster);
}

Value::List SecurityGroupsFor(const ModelContext& m, const api::InstanceGroup& ig) {
  Value::List out{Value::Ref(SecurityGroupKeyFor(m, ig))};
  const auto& api = m.cluster().spec.api;
  bool api_server = ig.spec.role == api::kRoleMaster || ig.spec.role == api::kRoleAPIServer;
  if (api_server && api && api->load_balancer && api->load_balancer->class_ == "Network") {
    for (const auto& id : api->load_balancer->additional_security_groups) out.push_back(id);
  }
  for (const auto& id : ig.spec.additional_security_groups) out.push_back(id);
  return out;
}

}  // namespace kops::cloud::aws
