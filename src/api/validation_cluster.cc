// ValidateCluster: the Cluster object on its own (kops' ValidateCluster in legacy.go and
// newValidateCluster / validateClusterSpec in validation.go).
#include <algorithm>

#include "api/validation.h"
#include "api/validation_internal.h"
#include "api/validation_values.h"
#include "base/strings.h"

namespace kops::api {
namespace internal {

const std::vector<std::string>& KnownCloudProviders() {
  static const std::vector<std::string> kKnown = {
      "aws",   "local",     "gce",     "azure",   "openstack",
      "digitalocean", "hetzner", "scaleway", "metal"};
  return kKnown;
}

const std::vector<std::string>& ImplementedCloudProviders() {
  static const std::vector<std::string> kImplemented = {kCloudAWS, kCloudLocal};
  return kImplemented;
}

bool IsPrivateTopology(const Cluster& cluster) {
  const auto& topology = cluster.spec.topology;
  if (topology && (topology->masters == "private" || topology->nodes == "private")) return true;
  bool has_private = false, has_public = false;
  for (const auto& s : cluster.spec.subnets) {
    has_private |= s.type == kSubnetPrivate;
    has_public |= s.type == kSubnetPublic;
  }
  return has_private && !has_public;
}

}  // namespace internal

namespace {

using internal::ImplementedCloudProviders;
using internal::KnownCloudProviders;

void ValidateClusterName(const Cluster& cluster, FieldErrors& errors) {
  FieldPath path("metadata.name");
  const std::string& name = cluster.name();
  if (name.empty()) {
    errors.Required(path, "Cluster Name is required (e.g. --name=mycluster.myzone.com)");
  } else if (!IsDns1123Subdomain(name)) {
    errors.Invalid(path, name,
                   "Cluster Name must be a valid DNS name (e.g. --name=mycluster.myzone.com): "
                   "lower case alphanumeric characters, '-' or '.', starting and ending with an "
                   "alphanumeric character");
  } else if (name.find('.') == std::string::npos) {
    errors.Invalid(path, name,
                   "Cluster Name must be a fully-qualified DNS name (e.g. "
                   "--name=mycluster.myzone.com)");
  }
}

void ValidateCloudProvider(const Cluster& cluster, bool strict, FieldErrors& errors) {
  FieldPath path("spec.cloudProvider");
  const std::string& cloud = cluster.spec.cloud_provider;
  if (cloud.empty()) {
    errors.Required(path, "supported values: " + QuoteList(ImplementedCloudProviders()));
    return;
  }
  const auto& known = KnownCloudProviders();
  if (std::find(known.begin(), known.end(), cloud) == known.end()) {
    errors.NotSupported(path, cloud, known);
    return;
  }
  const auto& implemented = ImplementedCloudProviders();
  if (strict && std::find(implemented.begin(), implemented.end(), cloud) == implemented.end()) {
    errors.Invalid(path, cloud,
                   "kops knows this cloud provider but this build implements only " +
                       QuoteList(implemented));
  }
}

void ValidateKubernetesVersion(const Cluster& cluster, FieldErrors& errors) {
  FieldPath path("spec.kubernetesVersion");
  const std::string& version = cluster.spec.kubernetes_version;
  if (version.empty()) {
    errors.Required(path, "a Kubernetes version such as \"1.32.0\" or \"v1.32.0\"");
  } else if (!ParseKubernetesVersion(version)) {
    errors.Invalid(path, version,
                   "unable to determine kubernetes version (expected a version such as "
                   "\"1.32.0\" or \"v1.32.0\")");
  }
}

void ValidateAccess(const Cluster& cluster, FieldErrors& errors) {
  bool aws = cluster.spec.cloud_provider == kCloudAWS;
  FieldPath spec("spec");
  auto check = [&](const char* field, const std::vector<std::string>& entries) {
    for (size_t i = 0; i < entries.size(); ++i)
      CheckAccessEntry(errors, spec.Child(field).Index(i), entries[i], aws);
  };
  check("sshAccess", cluster.spec.ssh_access);
  check("kubernetesApiAccess", cluster.spec.kubernetes_api_access);
  check("nodePortAccess", cluster.spec.node_port_access);
}

}  // namespace

Status ValidateCluster(const Cluster& cluster, bool strict) {
  FieldErrors errors;
  ValidateClusterName(cluster, errors);
  ValidateCloudProvider(cluster, strict, errors);
  ValidateKubernetesVersion(cluster, errors);
  ValidateAccess(cluster, errors);
  if (cluster.spec.update_policy)
    errors.CheckOneOf(FieldPath("spec.updatePolicy"), *cluster.spec.update_policy,
                      {"automatic", "external"});
  internal::ValidateNetwork(cluster, strict, errors);
  internal::ValidateNetworkingAndTopology(cluster, errors);
  internal::ValidateEtcdClusters(cluster, errors);
  return errors.ToStatus();
}

}  // namespace kops::api
