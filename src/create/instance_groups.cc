#include "create/instance_groups.h"

#include "channels/channel.h"
#include "channels/instance_types.h"

namespace kops::create {
namespace {

api::InstanceGroup NewGroup(const std::string& name, const char* role, int32_t size) {
  api::InstanceGroup g;
  g.metadata.name = name;
  g.spec.role = role;
  g.spec.min_size = size;
  g.spec.max_size = size;
  return g;
}

void ApplySizes(const std::vector<std::string>& sizes, bool aws, api::InstanceGroupSpec& spec) {
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (i == 0) spec.machine_type = sizes[i];
    if (aws && sizes.size() > 1) {
      if (!spec.mixed_instances_policy) spec.mixed_instances_policy.emplace();
      spec.mixed_instances_policy->instances.push_back(sizes[i]);
    }
  }
}

// Per-zone counts: total spread over n zones, the first (total mod n) get one more.
std::vector<int32_t> Spread(int32_t total, size_t n) {
  std::vector<int32_t> counts(n, total / static_cast<int32_t>(n));
  for (size_t i = 0; i < static_cast<size_t>(total) % n; ++i) ++counts[i];
  return counts;
}

}  // namespace

std::vector<api::InstanceGroup> ControlPlaneGroups(const CreateClusterOptions& opt,
                                                   const std::vector<ControlPlaneSlot>& slots,
                                                   const ZoneSubnets& subnets,
                                                   bool dualstack_private) {
  std::vector<api::InstanceGroup> out;
  for (const auto& slot : slots) {
    api::InstanceGroup g = NewGroup(slot.group_name, api::kRoleMaster, 1);
    const std::string& main_subnet = subnets.at(slot.zone).front();
    g.spec.subnets = {dualstack_private ? "dualstack-" + main_subnet : main_subnet};
    ApplySizes(opt.control_plane_sizes, opt.cloud_provider != "local", g.spec);
    g.spec.image = opt.control_plane_image;
    out.push_back(std::move(g));
  }
  return out;
}

Result<std::vector<api::InstanceGroup>> NodeGroups(const CreateClusterOptions& opt,
                                                   const ZoneSubnets& subnets) {
  std::vector<api::InstanceGroup> out;
  if (opt.instance_manager == "karpenter") {
    if (opt.discovery_store.empty())
      return InvalidArgument("--instance-manager karpenter requires --discovery-store");
    api::InstanceGroup g;
    g.metadata.name = "nodes";
    g.spec.role = api::kRoleNode;
    g.spec.manager = "Karpenter";
    out.push_back(std::move(g));
    return out;
  }
  if (opt.instance_manager != "cloudgroups")
    return InvalidArgument("--instance-manager \"" + opt.instance_manager +
                           "\": invalid value; accepted: cloudgroups, karpenter");
  if (opt.node_count < 0)
    return InvalidArgument("--node-count " + std::to_string(opt.node_count) +
                           ": expected zero or more nodes");
  int32_t total = opt.node_count == 0 ? static_cast<int32_t>(opt.zones.size()) : opt.node_count;
  std::vector<int32_t> counts = Spread(total, opt.zones.size());
  for (size_t i = 0; i < opt.zones.size(); ++i) {
    const std::string& zone = opt.zones[i];
    api::InstanceGroup g = NewGroup("nodes-" + zone, api::kRoleNode, counts[i]);
    const auto& zs = subnets.at(zone);
    // The zone's main subnet may be small: with extra subnets, nodes use only those.
    g.spec.subnets = zs.size() == 1 ? zs : std::vector<std::string>(zs.begin() + 1, zs.end());
    ApplySizes(opt.node_sizes, opt.cloud_provider != "local", g.spec);
    g.spec.image = opt.node_image;
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<api::InstanceGroup> ApiServerGroups(const CreateClusterOptions& opt,
                                                const ZoneSubnets& subnets) {
  std::vector<api::InstanceGroup> out;
  if (opt.api_server_count <= 0) return out;
  std::vector<int32_t> counts = Spread(opt.api_server_count, opt.zones.size());
  for (size_t i = 0; i < opt.zones.size(); ++i) {
    api::InstanceGroup g = NewGroup("apiserver-" + opt.zones[i], api::kRoleAPIServer, counts[i]);
    g.spec.subnets = subnets.at(opt.zones[i]);
    out.push_back(std::move(g));
  }
  return out;
}

Status FillGroupDefaults(const CreateClusterOptions& opt, const api::Cluster& cluster,
                         std::vector<api::InstanceGroup>& groups) {
  const std::string& cloud = cluster.spec.cloud_provider;
  ASSIGN_OR_RETURN(auto k8s, channels::Version::ParseKubernetes(cluster.spec.kubernetes_version));
  for (auto& g : groups) {
    auto& s = g.spec;
    if (s.image.empty()) {
      if (!opt.image.empty()) {
        s.image = opt.image;
      } else {
        std::string arch = channels::MachineArchitecture(s.machine_type);
        ASSIGN_OR_RETURN(s.image, channels::Channel::Stable().FindImage(cloud, k8s, arch));
      }
    }
    if (s.machine_type.empty() && s.manager != "Karpenter") {
      auto role = s.role == api::kRoleMaster   ? channels::MachineRole::kControlPlane
                  : s.role == api::kRoleBastion ? channels::MachineRole::kBastion
                                                : channels::MachineRole::kNode;
      ASSIGN_OR_RETURN(s.machine_type, channels::DefaultMachineType(cloud, role));
    }
    if (s.subnets.empty() && s.manager != "Karpenter") {
      for (const auto& sub : cluster.spec.subnets)
        if (sub.type != api::kSubnetDualStack && sub.type != api::kSubnetUtility)
          s.subnets.push_back(sub.name);
    }
    if (s.subnets.empty() && s.manager != "Karpenter")
      return InvalidArgument("unable to infer any subnets for instance group " + g.name());
  }
  return Status::Ok();
}

}  // namespace kops::create
