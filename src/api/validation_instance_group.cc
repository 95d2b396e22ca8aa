// ValidateInstanceGroup (kops' ValidateInstanceGroup and the cluster-dependent part of
// CrossValidateInstanceGroup in instancegroup.go).
#include <algorithm>

#include "api/etcd_layout.h"
#include "api/validation.h"
#include "api/validation_internal.h"
#include "api/validation_values.h"
#include "base/strings.h"

namespace kops::api {
namespace internal {
namespace {

const std::vector<std::string>& Roles() {
  static const std::vector<std::string> kRoles = {"ControlPlane", "Master", "APIServer", "Node", "Bastion"};
  return kRoles;
}

void ValidateSizes(const InstanceGroup& g, FieldErrors& errors) {
  FieldPath spec("spec");
  const auto& min = g.spec.min_size;
  const auto& max = g.spec.max_size;
  if (min && *min < 0) errors.InvalidNumber(spec.Child("minSize"), *min, "minSize must be greater than or equal to 0");
  if (max && *max < 0) errors.InvalidNumber(spec.Child("maxSize"), *max, "maxSize must be greater than or equal to 0");
  if (min && max && *max < *min)
    errors.InvalidNumber(spec.Child("maxSize"), *max,
                         "maxSize must be greater than or equal to minSize (minSize is " + std::to_string(*min) + ")");
  if (!g.spec.IsControlPlane()) return;
  const char* kOne =
      "a control-plane InstanceGroup runs exactly one instance (kops makes one group per "
      "control-plane instance, each with its own etcd volumes); minSize and maxSize must be 1";
  if (min && *min != 1) errors.InvalidNumber(spec.Child("minSize"), *min, kOne);
  if (max && *max != 1) errors.InvalidNumber(spec.Child("maxSize"), *max, kOne);
}

void ValidateControlPlaneSubnets(const InstanceGroup& g, FieldErrors& errors) {
  if (!g.spec.IsControlPlane()) return;
  FieldPath path("spec.subnets");
  if (g.spec.subnets.empty() && g.spec.zones.empty()) {
    errors.Required(path, "control-plane InstanceGroup " + Quote(g.name()) +
                              " did not specify any Subnets (it needs exactly one)");
  } else if (g.spec.subnets.size() > 1) {
    errors.Invalid(path, Join(g.spec.subnets, ","),
                   "a control-plane InstanceGroup must name exactly one subnet: its etcd volumes "
                   "are bound to one zone");
  }
  if (g.spec.zones.size() > 1)
    errors.Invalid(FieldPath("spec.zones"), Join(g.spec.zones, ","),
                   "a control-plane InstanceGroup must be in exactly one zone: its etcd volumes are "
                   "bound to one zone");
}

void ValidateVolumes(const InstanceGroup& g, FieldErrors& errors) {
  for (size_t i = 0; i < g.spec.volumes.size(); ++i) {
    FieldPath path = FieldPath("spec.volumes").Index(i);
    const auto& v = g.spec.volumes[i];
    if (v.device.empty()) errors.Required(path.Child("device"), "device name required");
    if (v.size <= 0) errors.InvalidNumber(path.Child("size"), v.size, "must be greater than zero");
  }
}

void ValidateAgainstCluster(const InstanceGroup& g, const Cluster& c, FieldErrors& errors) {
  std::vector<std::string> names;
  for (const auto& s : c.spec.subnets) names.push_back(s.name);
  bool all_found = true;
  for (size_t i = 0; i < g.spec.subnets.size(); ++i) {
    const std::string& name = g.spec.subnets[i];
    if (std::find(names.begin(), names.end(), name) != names.end()) continue;
    all_found = false;
    errors.NotFound(FieldPath("spec.subnets").Index(i), name,
                    "InstanceGroup " + Quote(g.name()) + " is configured in " + Quote(name) +
                        ", but this is not configured as a Subnet in the cluster (cluster subnets: " +
                        QuoteList(names) + ")");
  }
  if (!g.spec.IsControlPlane() || !all_found || g.spec.subnets.size() != 1) return;
  if (InstanceGroupZones(g, c).size() != 1)
    errors.Invalid(FieldPath("spec.subnets"), g.spec.subnets[0],
                   "the subnet of a control-plane InstanceGroup must have a zone");
}

}  // namespace

void ValidateGroup(const InstanceGroup& g, const Cluster* cluster, FieldErrors& errors) {
  CheckDns1123Subdomain(errors, FieldPath("metadata.name"), g.name());
  FieldPath role("spec.role");
  if (g.spec.role.empty())
    errors.Required(role, "Role must be set; supported values: " + QuoteList(Roles()));
  else
    errors.CheckOneOf(role, g.spec.role, Roles());
  errors.CheckOneOf(FieldPath("spec.manager"), g.spec.manager, {"CloudGroup", "Karpenter"});
  errors.CheckOneOf(FieldPath("spec.tenancy"), g.spec.tenancy, {"default", "dedicated", "host"});
  ValidateSizes(g, errors);
  ValidateControlPlaneSubnets(g, errors);
  ValidateVolumes(g, errors);
  if (cluster) ValidateAgainstCluster(g, *cluster, errors);
}

}  // namespace internal

Status ValidateInstanceGroup(const InstanceGroup& group, const Cluster* cluster) {
  FieldErrors errors;
  internal::ValidateGroup(group, cluster, errors);
  return errors.ToStatus();
}

}  // namespace kops::api
