#include "api/defaults.h"

#include <algorithm>

#include "api/validation_internal.h"
#include "api/validation_values.h"
#include "base/cidr.h"
#include "base/strings.h"

namespace kops::api {
namespace {

void SetIfEmpty(std::string& field, const std::string& value) {
  if (field.empty()) field = value;
}

// pkg/apis/kops/v1alpha2/defaults.go (SetDefaults_ClusterSpec): topology, DNS type, API.
void DefaultTopologyAndApi(ClusterSpec& spec, bool private_topology) {
  if (!spec.topology) spec.topology.emplace();
  if (!spec.topology->dns) spec.topology->dns.emplace();
  SetIfEmpty(spec.topology->dns->type, "Public");
  if (!spec.api) spec.api.emplace();
  if (!spec.api->dns && !spec.api->load_balancer) {
    // Public control plane: API by DNS; private (or no DNS at all): a load balancer.
    if (private_topology || spec.topology->dns->type == "None")
      spec.api->load_balancer.emplace();
    else
      spec.api->dns.emplace();
  }
  if (auto& lb = spec.api->load_balancer) {
    SetIfEmpty(lb->type, "Public");
    if (spec.cloud_provider == kCloudAWS) SetIfEmpty(lb->class_, "Classic");
  }
  // v1alpha2 defaults give alwaysAllow; kops' completed specs (goldens) carry rbac.
  if (!spec.authorization) spec.authorization.emplace();
  if (!spec.authorization->always_allow && !spec.authorization->rbac) spec.authorization->rbac.emplace();
}

// upup/pkg/fi/cloudup/populate_cluster_spec.go and networking defaults: the network,
// the non-masquerade range, and the service and pod ranges carved from it (services: the
// first 1/8 of it; pods: its second half), as kops assigns them.
void DefaultRanges(ClusterSpec& spec) {
  if (spec.network_id.empty() && (spec.cloud_provider == kCloudAWS || spec.cloud_provider == kCloudLocal))
    SetIfEmpty(spec.network_cidr, kDefaultNetworkCIDR);
  if (spec.cloud_provider != "gce") SetIfEmpty(spec.non_masquerade_cidr, kDefaultNonMasqueradeCIDR);
  SetIfEmpty(spec.cluster_dns_domain, kDefaultClusterDNSDomain);
  auto nm = Cidr::Parse(spec.non_masquerade_cidr);
  if (!nm.ok()) return;
  if (nm->is_v6()) {
    SetIfEmpty(spec.service_cluster_ip_range, kDefaultIPv6ServiceClusterIPRange);
    return;
  }
  if (spec.service_cluster_ip_range.empty())
    if (auto s = nm->Network().Subnet(3, 0); s.ok()) spec.service_cluster_ip_range = s->ToString();
  if (spec.pod_cidr.empty())
    if (auto p = nm->Network().Subnet(1, 1); p.ok()) spec.pod_cidr = p->ToString();
}

// populate_cluster_spec.go: stores under configBase; api.<name>; kubernetesVersion
// without its "v"; new_cluster.go: access open to the world unless restricted.
void DefaultNamesAndAccess(Cluster& cluster) {
  ClusterSpec& spec = cluster.spec;
  if (!spec.config_base.empty()) {
    SetIfEmpty(spec.key_store, spec.config_base + "/pki");
    SetIfEmpty(spec.secret_store, spec.config_base + "/secrets");
  }
  if (!cluster.name().empty()) SetIfEmpty(spec.master_public_name, "api." + cluster.name());
  if (StartsWith(spec.kubernetes_version, "v") && ParseKubernetesVersion(spec.kubernetes_version))
    spec.kubernetes_version.erase(0, 1);
  if (spec.ssh_access.empty()) spec.ssh_access = {"0.0.0.0/0", "::/0"};
  if (spec.kubernetes_api_access.empty()) spec.kubernetes_api_access = {"0.0.0.0/0", "::/0"};
  if (!spec.iam) spec.iam.emplace();
  if (!spec.iam->legacy) spec.iam->legacy = false;
}

// pkg/model/components/etcdmanager and populate_cluster_spec.go: backups under
// configBase/backups/etcd/<name>, 90 days' retention, requests, the etcd version.
void DefaultEtcd(ClusterSpec& spec) {
  for (auto& etcd : spec.etcd_clusters) {
    if (!spec.config_base.empty()) {
      if (!etcd.backups) etcd.backups.emplace();
      SetIfEmpty(etcd.backups->backup_store, spec.config_base + "/backups/etcd/" + etcd.name);
    }
    if (!etcd.manager) etcd.manager.emplace();
    if (!etcd.manager->backup_retention_days)
      etcd.manager->backup_retention_days = kDefaultEtcdBackupRetentionDays;
    if (!etcd.cpu_request) etcd.cpu_request = etcd.name == "main" ? "200m" : "100m";
    if (!etcd.memory_request) etcd.memory_request = "100Mi";
    SetIfEmpty(etcd.version, kDefaultEtcdVersion);
  }
}

}  // namespace

void ApplyDefaults(Cluster& cluster) {
  DefaultTopologyAndApi(cluster.spec, internal::IsPrivateTopology(cluster));
  DefaultRanges(cluster.spec);
  DefaultNamesAndAccess(cluster);
  DefaultEtcd(cluster.spec);
}

// upup/pkg/fi/cloudup/populate_instancegroup_spec.go: sizes by role; a group other than
// the control plane without subnets goes in every non-Utility, non-DualStack subnet
// (every non-Utility one when there are none such).
void ApplyDefaults(InstanceGroup& group, const Cluster& cluster) {
  InstanceGroupSpec& spec = group.spec;
  int size = (spec.IsControlPlane() || spec.role == kRoleBastion) ? 1 : 2;
  if (!spec.min_size) spec.min_size = size;
  if (!spec.max_size) spec.max_size = std::max(size, *spec.min_size);
  if (spec.IsControlPlane() || !spec.subnets.empty() || !spec.zones.empty()) return;
  for (const auto& s : cluster.spec.subnets)
    if (s.type != kSubnetUtility && s.type != kSubnetDualStack) spec.subnets.push_back(s.name);
  if (spec.subnets.empty())
    for (const auto& s : cluster.spec.subnets)
      if (s.type != kSubnetUtility) spec.subnets.push_back(s.name);
}

}  // namespace kops::api
