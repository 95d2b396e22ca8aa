// ValidateClusterWithGroups: rules across the Cluster and its InstanceGroups (kops'
// DeepValidate in legacy.go, ValidateMasterInstanceGroup in instancegroup.go, and the
// bastion rule of setupTopology in new_cluster.go).
#include <map>
#include <set>

#include "api/validation.h"
#include "api/validation_internal.h"
#include "base/strings.h"

namespace kops::api {
namespace {

using internal::IsPrivateTopology;

std::string GroupPrefix(const InstanceGroup& g) { return "InstanceGroup " + Quote(g.name()) + ": "; }

void ValidateGroupSet(const Cluster& c, const std::vector<InstanceGroup>& groups, FieldErrors& errors) {
  FieldPath path("instanceGroups");
  if (groups.empty()) {
    errors.Required(path, "must configure at least one InstanceGroup");
    return;
  }
  int control_plane = 0, others = 0;
  std::set<std::string> names;
  for (size_t i = 0; i < groups.size(); ++i) {
    const InstanceGroup& g = groups[i];
    (g.spec.IsControlPlane() ? control_plane : others)++;
    if (!g.name().empty() && !names.insert(g.name()).second)
      errors.Duplicate(path.Index(i).Child("metadata").Child("name"), g.name());
    FieldErrors own;
    internal::ValidateGroup(g, &c, own);
    errors.Merge(own, GroupPrefix(g));
  }
  if (control_plane == 0) errors.Required(path, "must configure at least one ControlPlane InstanceGroup");
  if (others == 0) errors.Required(path, "must configure at least one Node InstanceGroup");
}

void ValidateEtcdMembership(const Cluster& c, const std::vector<InstanceGroup>& groups, FieldErrors& errors) {
  std::map<std::string, const InstanceGroup*> by_name;
  std::vector<std::string> control_planes;
  for (const auto& g : groups) {
    by_name[g.name()] = &g;
    if (g.spec.IsControlPlane()) control_planes.push_back(g.name());
  }
  for (size_t i = 0; i < c.spec.etcd_clusters.size(); ++i) {
    const EtcdClusterSpec& etcd = c.spec.etcd_clusters[i];
    FieldPath members = FieldPath("spec.etcdClusters").Index(i).Child("etcdMembers");
    std::map<std::string, std::string> member_of_group;  // group -> first member on it
    for (size_t j = 0; j < etcd.members.size(); ++j) {
      const EtcdMemberSpec& m = etcd.members[j];
      if (m.instance_group.empty()) continue;  // reported by ValidateCluster
      FieldPath ig = members.Index(j).Child("instanceGroup");
      auto it = by_name.find(m.instance_group);
      if (it == by_name.end()) {
        errors.NotFound(ig, m.instance_group,
                        "etcd member " + Quote(m.name) + " names no existing InstanceGroup (control-plane InstanceGroups: " +
                            QuoteList(control_planes) + ")");
      } else if (!it->second->spec.IsControlPlane()) {
        errors.Invalid(ig, m.instance_group,
                       "InstanceGroup " + Quote(m.instance_group) + " has role " + it->second->spec.role +
                           "; etcd members run on control-plane InstanceGroups (" + QuoteList(control_planes) + ")");
      } else if (auto [prev, inserted] = member_of_group.emplace(m.instance_group, m.name); !inserted) {
        errors.Invalid(ig, m.instance_group,
                       "InstanceGroup " + Quote(m.instance_group) + " already runs member " + Quote(prev->second) +
                           " of etcd cluster " + Quote(etcd.name) +
                           "; each control-plane InstanceGroup runs one member of each etcd cluster");
      }
    }
    for (const auto& name : control_planes)
      if (!member_of_group.count(name))
        errors.Forbidden(members, "InstanceGroup " + Quote(name) +
                                      " with role ControlPlane must have a member in etcd cluster " + Quote(etcd.name));
  }
}

void ValidateBastions(const Cluster& c, const std::vector<InstanceGroup>& groups, FieldErrors& errors) {
  bool has_utility = false;
  for (const auto& s : c.spec.subnets) has_utility |= s.type == kSubnetUtility;
  for (const auto& g : groups) {
    if (g.spec.role != kRoleBastion) continue;
    FieldErrors own;
    if (!IsPrivateTopology(c))
      own.Forbidden(FieldPath("spec.role"),
                    "a Bastion InstanceGroup requires a private topology (control plane and nodes in "
                    "Private subnets; kops: bastion supports --topology='private' only)");
    else if (!has_utility && c.spec.cloud_provider == kCloudAWS)
      own.Forbidden(FieldPath("spec.role"),
                    "a Bastion InstanceGroup needs a Utility subnet in the cluster for its public load balancer");
    errors.Merge(own, GroupPrefix(g));
  }
}

}  // namespace

Status ValidateClusterWithGroups(const Cluster& cluster, const std::vector<InstanceGroup>& groups) {
  FieldErrors errors;
  ValidateGroupSet(cluster, groups, errors);
  ValidateEtcdMembership(cluster, groups, errors);
  ValidateBastions(cluster, groups, errors);
  return errors.ToStatus();
}

Status ValidateAll(const Cluster& cluster, const std::vector<InstanceGroup>& groups, bool strict) {
  Status own = ValidateCluster(cluster, strict);
  Status cross = ValidateClusterWithGroups(cluster, groups);
  if (own.ok()) return cross;
  if (cross.ok()) return own;
  return InvalidArgument(own.message() + "\n" + cross.message());
}

}  // namespace kops::api
