#include "create/new_cluster.h"
#include "base/time_format.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <set>

#include "api/meta.h"
#include "base/strings.h"
#include "channels/channel.h"
#include "create/cloud_inference.h"
#include "create/cluster_settings.h"
#include "create/control_plane.h"
#include "api/validation.h"
#include "create/instance_groups.h"
#include "create/networking.h"
#include "create/set_fields.h"
#include "create/subnets.h"

namespace kops::create {
namespace {

std::string NowRfc3339() { return Rfc3339Utc(std::chrono::system_clock::now()); }

Status CheckSharedNetworkFlags(const CreateClusterOptions& opt, const std::string& cloud) {
  const char* flag = !opt.subnet_ids.empty()         ? "--subnets"
                     : !opt.utility_subnet_ids.empty() ? "--utility-subnets"
                     : !opt.network_id.empty()        ? "--vpc"
                                                      : nullptr;
  if (!flag) return Status::Ok();
  if (cloud == api::kCloudLocal)
    return InvalidArgument(std::string(flag) +
                           " is not supported on the local cloud: its networks are created "
                           "per cluster");
  return FailedPrecondition(std::string(flag) +
                            " needs the AWS API to look up the shared VPC and subnets (their "
                            "zones and CIDRs), and no AWS credentials are available to this "
                            "kops; create the cluster without " + flag +
                            " or set the subnets' ids and CIDRs in the spec (kops create -f)");
}

Result<std::string> KubernetesVersion(const CreateClusterOptions& opt) {
  std::string v = opt.kubernetes_version;
  if (v.empty()) {
    auto rec = channels::Channel::Stable().RecommendedKubernetesVersion();
    if (!rec) return Internal("the stable channel recommends no Kubernetes version");
    v = *rec;
  }
  auto parsed = channels::Version::ParseKubernetes(v);
  if (!parsed.ok())
    return InvalidArgument("--kubernetes-version \"" + v +
                           "\": cannot parse it; expected e.g. 1.32.0 or v1.32.0");
  return v;
}

std::vector<std::string> SortedUnique(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  std::sort(a.begin(), a.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  return a;
}

void Finish(const std::string& timestamp, api::Cluster& cluster,
            std::vector<api::InstanceGroup>& groups) {
  cluster.metadata.creation_timestamp = timestamp;
  for (auto& g : groups) {
    g.metadata.creation_timestamp = timestamp;
    g.metadata.labels[api::kLabelCluster] = cluster.name();
    g.spec.node_labels[api::kLabelInstanceGroup] = g.name();
  }
}

std::vector<std::string> Warnings(const std::vector<ControlPlaneSlot>& slots) {
  std::vector<std::string> out;
  if (HasSharedZone(slots))
    out.push_back("Running with control-plane nodes in the same AZs; redundancy will be reduced");
  return out;
}

}  // namespace

Result<NewClusterResult> NewCluster(const CreateClusterOptions& opt_in) {
  CreateClusterOptions opt = opt_in;
  if (opt.cluster_name.empty())
    return InvalidArgument("cluster name is required: pass it as the argument or with --name");
  if (opt.channel != "stable" && !opt.channel.empty())
    return InvalidArgument("--channel \"" + opt.channel +
                           "\": only the embedded channel \"stable\" is available");
  NewClusterResult result;
  api::Cluster& cluster = result.cluster;
  auto& spec = cluster.spec;
  cluster.metadata.name = opt.cluster_name;
  spec.channel = "stable";
  ASSIGN_OR_RETURN(spec.kubernetes_version, KubernetesVersion(opt));
  spec.config_base = !opt.config_base.empty() ? opt.config_base
                     : opt.state_store.empty() ? ""
                                               : opt.state_store + "/" + opt.cluster_name;
  if (opt.zones.empty())
    return InvalidArgument("must specify at least one zone for the cluster (use --zones)");
  std::vector<std::string> all_zones = SortedUnique(opt.zones, opt.control_plane_zones);
  ASSIGN_OR_RETURN(opt.cloud_provider, InferCloud(opt.cloud_provider, all_zones, opt.state_store));
  spec.cloud_provider = opt.cloud_provider;
  RETURN_IF_ERROR(ApplyClusterBasics(opt, spec, opt.cluster_name));
  RETURN_IF_ERROR(CheckSharedNetworkFlags(opt, opt.cloud_provider));

  ZoneSubnets zone_subnets =
      AddZoneSubnets(spec, all_zones, opt.zones, opt.network_cidrs, opt.egress);
  RETURN_IF_ERROR(SetupNetworking(opt.networking, spec));
  ASSIGN_OR_RETURN(auto bastion, SetupTopology(opt, opt.cluster_name, spec));

  ASSIGN_OR_RETURN(auto slots, PlaceControlPlanes(opt.zones, opt.control_plane_zones,
                                                  opt.control_plane_count));
  bool dualstack = opt.ipv6 && EffectiveTopology(opt) == "private";
  std::vector<api::InstanceGroup> groups =
      ControlPlaneGroups(opt, slots, zone_subnets, dualstack);
  std::vector<std::string> cp_names;
  for (const auto& g : groups) cp_names.push_back(g.name());
  std::vector<std::string> etcd_names = opt.etcd_clusters;
  if (opt.networking == "cilium-etcd") etcd_names.push_back("cilium");
  bool encrypted = opt.encrypt_etcd_storage.value_or(opt.cloud_provider == api::kCloudAWS);
  for (const auto& name : etcd_names)
    spec.etcd_clusters.push_back(BuildEtcdCluster(name, cp_names, encrypted, opt.etcd_storage_type));

  ASSIGN_OR_RETURN(auto nodes, NodeGroups(opt, zone_subnets));
  if (opt.instance_manager == "karpenter") spec.karpenter = api::KarpenterSpec{true};
  if (opt.api_server_count < 0)
    return InvalidArgument("--api-server-count " + std::to_string(opt.api_server_count) +
                           ": expected zero or more API servers");
  auto apiservers = ApiServerGroups(opt, zone_subnets);
  RETURN_IF_ERROR(SetupApi(opt, spec));
  groups.insert(groups.end(), apiservers.begin(), apiservers.end());
  groups.insert(groups.end(), nodes.begin(), nodes.end());
  if (bastion) groups.push_back(*bastion);
  RETURN_IF_ERROR(FillGroupDefaults(opt, cluster, groups));

  RETURN_IF_ERROR(ApplyFlagOverrides(opt, cluster, groups));
  ASSIGN_OR_RETURN(auto sets, SplitSetFlags(opt.sets));
  RETURN_IF_ERROR(ApplySetsAndUnsets(sets, opt.unsets, cluster, groups));
  RETURN_IF_ERROR(PerformAssignments(cluster));
  Finish(opt.creation_timestamp.empty() ? NowRfc3339() : opt.creation_timestamp, cluster, groups);
  RETURN_IF_ERROR(api::ValidateAll(cluster, groups, /*strict=*/false));
  result.instance_groups = std::move(groups);
  result.warnings = Warnings(slots);
  return result;
}

}  // namespace kops::create
