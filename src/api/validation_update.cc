// ValidateClusterUpdate: what may not change on an existing cluster (kops'
// ValidateClusterUpdate / validateEtcdClusterUpdate / validateEtcdMemberUpdate in
// cluster.go). kops checks members only once the etcd cluster has status; a spec in the
// state store is always a created cluster here, so members are always checked.
#include <map>

#include "api/validation.h"
#include "api/validation_errors.h"

namespace kops::api {
namespace {

void ValidateEtcdUpdate(const EtcdClusterSpec& old_etcd, const EtcdClusterSpec& new_etcd,
                        const FieldPath& path, FieldErrors& errors) {
  std::map<std::string, const EtcdMemberSpec*> old_members;
  std::map<std::string, const EtcdMemberSpec*> old_by_group;
  for (const auto& m : old_etcd.members) {
    old_members[m.name] = &m;
    old_by_group[m.instance_group] = &m;
  }
  for (size_t i = 0; i < new_etcd.members.size(); ++i) {
    const EtcdMemberSpec& m = new_etcd.members[i];
    auto it = old_members.find(m.name);
    if (it == old_members.end()) {
      // A new member is allowed (scaling up), but not a new name for a group's member:
      // the name identifies the member's volume and its identity in etcd.
      auto by_group = old_by_group.find(m.instance_group);
      if (by_group != old_by_group.end())
        errors.Invalid(path.Child("etcdMembers").Index(i).Child("name"), m.name,
                       "etcd member names cannot be changed: the member of " + Quote(m.instance_group) +
                           " in etcd cluster " + Quote(new_etcd.name) + " is " + Quote(by_group->second->name));
      continue;
    }
    if (it->second->instance_group != m.instance_group)
      errors.Invalid(path.Child("etcdMembers").Index(i).Child("instanceGroup"), m.instance_group,
                     "instanceGroup cannot be changed: etcd member " + Quote(m.name) + " of etcd cluster " +
                         Quote(new_etcd.name) + " runs on " + Quote(it->second->instance_group) +
                         " (its volume is bound to that group's zone)");
  }
}

}  // namespace

Status ValidateClusterUpdate(const Cluster& old_cluster, const Cluster& updated) {
  FieldErrors errors;
  if (old_cluster.name() != updated.name())
    errors.Invalid(FieldPath("metadata.name"), updated.name(),
                   "name cannot be changed (was " + Quote(old_cluster.name()) + ")");
  if (!old_cluster.spec.cloud_provider.empty() &&
      old_cluster.spec.cloud_provider != updated.spec.cloud_provider)
    errors.Invalid(FieldPath("spec.cloudProvider"), updated.spec.cloud_provider,
                   "cloudProvider cannot be changed (was " + Quote(old_cluster.spec.cloud_provider) + ")");

  std::map<std::string, size_t> updated_index;
  for (size_t i = 0; i < updated.spec.etcd_clusters.size(); ++i)
    updated_index.emplace(updated.spec.etcd_clusters[i].name, i);
  for (const auto& old_etcd : old_cluster.spec.etcd_clusters) {
    auto it = updated_index.find(old_etcd.name);
    if (it == updated_index.end()) {
      errors.Forbidden(FieldPath("spec.etcdClusters").Key(old_etcd.name),
                       "EtcdClusters cannot be removed or renamed (etcd cluster " + Quote(old_etcd.name) +
                           " is missing)");
      continue;
    }
    FieldPath path = FieldPath("spec.etcdClusters").Index(it->second);
    ValidateEtcdUpdate(old_etcd, updated.spec.etcd_clusters[it->second], path, errors);
  }

  Status own = ValidateCluster(updated, /*strict=*/false);
  if (!own.ok()) {
    if (errors.empty()) return own;
    return InvalidArgument(errors.ToStatus().message() + "\n" + own.message());
  }
  return errors.ToStatus();
}

}  // namespace kops::api
