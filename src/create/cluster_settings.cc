#include "create/cluster_settings.h"

#include "base/cidr.h"
#include "base/strings.h"
#include "create/cloud_labels.h"
#include "create/subnets.h"

namespace kops::create {
namespace {

Status CheckCidrs(const char* flag, const std::vector<std::string>& cidrs) {
  for (const auto& c : cidrs) {
    auto parsed = Cidr::Parse(c);
    if (!parsed.ok())
      return InvalidArgument(std::string(flag) + " \"" + c + "\": " + parsed.status().message());
  }
  return Status::Ok();
}

void SetFeatureGates(const std::vector<std::string>& gates, api::ClusterSpec& spec) {
  if (gates.empty()) return;
  if (!spec.kube_api_server) spec.kube_api_server.emplace();
  if (!spec.kube_controller_manager) spec.kube_controller_manager.emplace();
  if (!spec.kube_proxy) spec.kube_proxy.emplace();
  if (!spec.kube_scheduler) spec.kube_scheduler.emplace();
  for (std::string gate : gates) {
    bool enabled = true;
    if (!gate.empty() && gate[0] == '+') gate.erase(0, 1);
    if (!gate.empty() && gate[0] == '-') enabled = false, gate.erase(0, 1);
    const char* v = enabled ? "true" : "false";
    spec.kubelet->feature_gates[gate] = v;
    spec.kube_api_server->feature_gates[gate] = v;
    spec.kube_controller_manager->feature_gates[gate] = v;
    spec.kube_proxy->feature_gates[gate] = v;
    spec.kube_scheduler->feature_gates[gate] = v;
  }
}

}  // namespace

Status ApplyClusterBasics(const CreateClusterOptions& opt, api::ClusterSpec& spec,
                          const std::string& cluster_name) {
  api::AuthorizationSpec& authz = spec.authorization.emplace();
  if (ToLower(opt.authorization) == "alwaysallow") {
    authz.always_allow.emplace();
  } else if (opt.authorization.empty() || ToLower(opt.authorization) == "rbac") {
    authz.rbac.emplace();
  } else {
    return InvalidArgument("--authorization \"" + opt.authorization +
                           "\": unknown authorization mode; accepted: RBAC, AlwaysAllow");
  }
  spec.iam.emplace();
  spec.iam->allow_container_registry = true;
  spec.iam->legacy = false;
  spec.kubelet.emplace().anonymous_auth = false;
  for (const auto& g : opt.kubernetes_feature_gates)
    if (g.empty() || g == "+" || g == "-")
      return InvalidArgument("--kubernetes-feature-gates \"" + g +
                             "\": expected a gate name, +Name to enable or -Name to disable");
  SetFeatureGates(opt.kubernetes_feature_gates, spec);
  RETURN_IF_ERROR(CheckCidrs("--admin-access", opt.admin_access));
  RETURN_IF_ERROR(CheckCidrs("--ssh-access", opt.ssh_access));
  std::vector<std::string> admin = opt.admin_access;
  if (admin.empty()) admin = {"0.0.0.0/0", "::/0"};
  spec.kubernetes_api_access = admin;
  spec.ssh_access = opt.ssh_access.empty() ? admin : opt.ssh_access;
  if (!opt.discovery_store.empty()) {
    std::string store = opt.discovery_store;
    if (store.find("://") == std::string::npos)
      return InvalidArgument("--discovery-store \"" + store +
                             "\": expected a store URL such as s3://bucket/path or file:///dir");
    while (EndsWith(store, "/")) store.pop_back();
    auto& d = spec.service_account_issuer_discovery.emplace();
    d.discovery_store = store + "/" + cluster_name;
    if (spec.cloud_provider == api::kCloudAWS) {
      d.enable_aws_oidc_provider = true;
      spec.iam->use_service_account_external_permissions = true;
    }
  }
  return Status::Ok();
}

Status ApplyFlagOverrides(const CreateClusterOptions& opt, api::Cluster& cluster,
                          std::vector<api::InstanceGroup>& groups) {
  auto& spec = cluster.spec;
  if (!opt.cloud_labels.empty()) {
    ASSIGN_OR_RETURN(auto labels, ParseCloudLabels(opt.cloud_labels));
    if (!labels.empty()) spec.cloud_labels = labels;
  }
  for (const auto& [flag, value] : {std::pair<const char*, const std::string*>{
                                        "--control-plane-tenancy", &opt.control_plane_tenancy},
                                    {"--node-tenancy", &opt.node_tenancy}}) {
    if (!value->empty() && *value != "default" && *value != "dedicated" && *value != "host")
      return InvalidArgument(std::string(flag) + " \"" + *value +
                             "\": accepted: default, dedicated, host");
  }
  for (auto& g : groups) {
    auto& s = g.spec;
    if (opt.associate_public_ip) s.associate_public_ip = opt.associate_public_ip;
    if (s.role == api::kRoleMaster) {
      if (!opt.control_plane_tenancy.empty()) s.tenancy = opt.control_plane_tenancy;
      if (!opt.control_plane_security_groups.empty())
        s.additional_security_groups = opt.control_plane_security_groups;
      if (opt.control_plane_volume_size > 0) s.root_volume_size = opt.control_plane_volume_size;
    } else if (s.role == api::kRoleNode) {
      if (!opt.node_tenancy.empty()) s.tenancy = opt.node_tenancy;
      if (!opt.node_security_groups.empty())
        s.additional_security_groups = opt.node_security_groups;
      if (opt.node_volume_size > 0) s.root_volume_size = opt.node_volume_size;
    }
  }
  if (!opt.dns_zone.empty()) spec.dns_zone = opt.dns_zone;
  RETURN_IF_ERROR(CheckCidrs("--network-cidr", opt.network_cidrs));
  for (size_t i = 0; i < opt.network_cidrs.size(); ++i) {
    if (i == 0) {
      spec.network_cidr = opt.network_cidrs[i];
    } else {
      spec.additional_network_cidrs.push_back(opt.network_cidrs[i]);
    }
  }
  if (!opt.api_public_name.empty()) spec.master_public_name = opt.api_public_name;
  return Status::Ok();
}

Status PerformAssignments(api::Cluster& cluster) {
  auto& spec = cluster.spec;
  if (!spec.topology) spec.topology.emplace().dns = api::DNSSpec{"Public"};
  if (spec.network_cidr.empty()) {
    spec.network_cidr = "172.20.0.0/16";
    if (spec.networking && spec.networking->amazonvpc) spec.non_masquerade_cidr = spec.network_cidr;
  }
  if (spec.non_masquerade_cidr.empty()) spec.non_masquerade_cidr = "100.64.0.0/10";
  bool public_dns = spec.topology->dns && spec.topology->dns->type == "Public";
  if (public_dns && spec.master_public_name.empty())
    spec.master_public_name = "api." + cluster.name();
  return AssignSubnetCidrs(spec);
}

}  // namespace kops::create
