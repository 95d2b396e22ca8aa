// spec.etcdClusters on their own (kops' validateEtcdClusterSpec, validateEtcdMemberSpec,
// validateEtcdVersion and validateEtcdStorage in validation.go).
#include <set>

#include "api/validation_internal.h"
#include "api/validation_values.h"

namespace kops::api::internal {
namespace {

constexpr const char* kOddMembers =
    "Should be an odd number of control-plane-zones for quorum. Use --zones and "
    "--control-plane-zones to declare node zones and control-plane zones separately";

void ValidateVersion(const EtcdClusterSpec& etcd, const FieldPath& path, FieldErrors& errors) {
  if (etcd.version.empty()) return;
  auto v = ParseKubernetesVersion(etcd.version);  // same semver shape: "3.5.21", "v3.5.21"
  if (!v)
    errors.Invalid(path.Child("version"), etcd.version, "the storage version is invalid (e.g. \"3.5.21\")");
  else if (v->major != 3)
    errors.Invalid(path.Child("version"), etcd.version, "unsupported storage version, we only support major version 3");
}

void ValidateMembers(const EtcdClusterSpec& etcd, const FieldPath& path, FieldErrors& errors) {
  FieldPath members = path.Child("etcdMembers");
  if (etcd.members.empty()) {
    errors.Required(members, "No members defined in etcd cluster " + Quote(etcd.name));
    return;
  }
  if (etcd.members.size() % 2 == 0)
    errors.InvalidNumber(members, static_cast<long long>(etcd.members.size()), kOddMembers);
  std::set<std::string> names;
  for (size_t i = 0; i < etcd.members.size(); ++i) {
    const EtcdMemberSpec& m = etcd.members[i];
    FieldPath member = members.Index(i);
    if (m.name.empty()) errors.Required(member.Child("name"), "etcdMember did not have name");
    else if (!names.insert(m.name).second) errors.Duplicate(member.Child("name"), m.name);
    if (m.instance_group.empty())
      errors.Required(member.Child("instanceGroup"), "etcdMember did not have instanceGroup");
  }
}

}  // namespace

void ValidateEtcdClusters(const Cluster& cluster, FieldErrors& errors) {
  const auto& clusters = cluster.spec.etcd_clusters;
  FieldPath path("spec.etcdClusters");
  if (clusters.empty()) {
    errors.Required(path, "etcd clusters \"main\" and \"events\" must be defined");
    return;
  }
  std::set<std::string> names;
  for (size_t i = 0; i < clusters.size(); ++i) {
    const EtcdClusterSpec& etcd = clusters[i];
    FieldPath p = path.Index(i);
    errors.CheckOneOf(p.Child("name"), etcd.name, {"cilium", "main", "events"}, /*allow_empty=*/false);
    if (!etcd.name.empty() && !names.insert(etcd.name).second) errors.Duplicate(p.Child("name"), etcd.name);
    errors.CheckOneOf(p.Child("provider"), etcd.provider, {"Manager"});
    ValidateMembers(etcd, p, errors);
    ValidateVersion(etcd, p, errors);
    if (!etcd.version.empty() && !clusters[0].version.empty() && etcd.version != clusters[0].version)
      errors.Forbidden(p.Child("version"), "cluster: " + Quote(etcd.name) + ", has a different storage version: " +
                                               Quote(etcd.version) + ", both must be the same");
  }
}

}  // namespace kops::api::internal
