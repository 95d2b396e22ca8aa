// spec.networking (the CNI provider), spec.topology and spec.api (kops' validateNetworking,
// validateTopology and the load balancer rules of validateClusterSpec in validation.go;
// the kubenet/private rule of setupTopology in upup/pkg/fi/cloudup/new_cluster.go).
#include <set>

#include "api/validation_internal.h"
#include "api/validation_values.h"
#include "base/strings.h"

namespace kops::api::internal {
namespace {

bool KubernetesAtLeast(const Cluster& c, int major, int minor) {
  auto v = ParseKubernetesVersion(c.spec.kubernetes_version);
  return v && (v->major > major || (v->major == major && v->minor >= minor));
}

void ValidateProviders(const Cluster& c, FieldErrors& errors) {
  if (!c.spec.networking) return;
  const NetworkingSpec& n = *c.spec.networking;
  FieldPath path("spec.networking");
  bool ipv6 = c.spec.non_masquerade_cidr.find(':') != std::string::npos;
  if (n.classic) errors.Invalid(path, "classic", "classic networking is not supported");
  if (n.weave) errors.Forbidden(path.Child("weave"), "Weave is no longer supported");

  // Options in kops' order; the second and later each get "only one networking option".
  struct Option { const char* field; bool set; };
  const Option options[] = {
      {"kubenet", n.kubenet.has_value()},     {"external", n.external.has_value()},
      {"kopeio", n.kopeio.has_value()},       {"cni", n.cni.has_value()},
      {"flannel", n.flannel.has_value()},     {"calico", n.calico.has_value()},
      {"canal", n.canal.has_value()},         {"kubeRouter", n.kuberouter.has_value()},
      {"amazonVPC", n.amazonvpc.has_value()}, {"cilium", n.cilium.has_value()},
      {"gcp", n.gce.has_value()},             {"kindnet", n.kindnet.has_value()}};
  bool taken = false;
  for (const auto& o : options) {
    if (!o.set) continue;
    if (taken) errors.Forbidden(path.Child(o.field), "only one networking option permitted");
    taken = true;
  }

  if (n.kubenet && IsPrivateTopology(c))
    errors.Forbidden(path.Child("kubenet"),
                     "invalid networking option kubenet. Kubenet does not support private topology");
  if (n.kubenet && ipv6) errors.Forbidden(path.Child("kubenet"), "Kubenet does not support IPv6");
  if (n.kopeio && ipv6) errors.Forbidden(path.Child("kopeio"), "Kopeio does not support IPv6");
  if (n.kuberouter && ipv6) errors.Forbidden(path.Child("kubeRouter"), "kube-router does not support IPv6");
  if (n.external && KubernetesAtLeast(c, 1, 26))
    errors.Forbidden(path.Child("external"), "external is not supported for Kubernetes >= 1.26");
  if (n.flannel && KubernetesAtLeast(c, 1, 28))
    errors.Forbidden(path.Child("flannel"), "Flannel is not supported for Kubernetes >= 1.28");
  if (n.canal && KubernetesAtLeast(c, 1, 28))
    errors.Forbidden(path.Child("canal"), "Canal is not supported for Kubernetes >= 1.28");
  if (n.amazonvpc && c.spec.cloud_provider != kCloudAWS)
    errors.Forbidden(path.Child("amazonVPC"), "amazon-vpc-routed-eni networking is supported only in AWS");
  if (n.gce && c.spec.cloud_provider != "gce")
    errors.Forbidden(path.Child("gcp"), "GCP networking is supported only when on GCP");
}

void ValidateTopology(const Cluster& c, FieldErrors& errors) {
  if (!c.spec.topology) return;
  const TopologySpec& t = *c.spec.topology;
  FieldPath path("spec.topology");
  errors.CheckOneOf(path.Child("masters"), t.masters, {"public", "private"});
  errors.CheckOneOf(path.Child("nodes"), t.nodes, {"public", "private"});
  if (t.dns) errors.CheckOneOf(path.Child("dns").Child("type"), t.dns->type, {"Public", "Private", "None"});
  if (t.bastion) {
    if (!IsPrivateTopology(c))
      errors.Forbidden(path.Child("bastion"),
                       "bastion requires masters and nodes to have private topology (Private "
                       "subnets; kops: bastion supports --topology='private' only)");
    const auto& idle = t.bastion->idle_timeout_seconds;
    if (idle && *idle <= 0)
      errors.InvalidNumber(path.Child("bastion").Child("idleTimeoutSeconds"), *idle,
                           "bastion idleTimeoutSeconds should be greater than zero");
    if (idle && *idle > 3600)
      errors.InvalidNumber(path.Child("bastion").Child("idleTimeoutSeconds"), *idle,
                           "bastion idleTimeoutSeconds cannot be greater than one hour");
  }
}

void ValidateApi(const Cluster& c, FieldErrors& errors) {
  if (!c.spec.api || !c.spec.api->load_balancer) return;
  const LoadBalancerAccessSpec& lb = *c.spec.api->load_balancer;
  FieldPath path("spec.api.loadBalancer");
  errors.CheckOneOf(path.Child("type"), lb.type, {"Public", "Internal"});
  errors.CheckOneOf(path.Child("class"), lb.class_, {"Classic", "Network"});
  const auto& cloud = c.spec.cloud_provider;
  if (!lb.class_.empty() && cloud != kCloudAWS && cloud != kCloudLocal && !cloud.empty())
    errors.Forbidden(path.Child("class"), "class is only supported on AWS");
  if (lb.type == "Internal") {
    bool has_private = false;
    for (const auto& s : c.spec.subnets) has_private |= s.type == kSubnetPrivate;
    if (!has_private)
      errors.Forbidden(path.Child("type"), "Internal LoadBalancers must have at least one subnet of type Private");
  }
}

// On AWS a Private subnet's NAT gateway lives in the Utility subnet of its zone, unless
// the subnet is shared or names its egress.
void ValidateUtilityForPrivate(const Cluster& c, FieldErrors& errors) {
  if (c.spec.cloud_provider != kCloudAWS) return;
  std::set<std::string> utility_zones;
  for (const auto& s : c.spec.subnets)
    if (s.type == kSubnetUtility) utility_zones.insert(s.zone);
  for (size_t i = 0; i < c.spec.subnets.size(); ++i) {
    const auto& s = c.spec.subnets[i];
    if (s.type != kSubnetPrivate || !s.egress.empty() || !s.id.empty() || s.zone.empty()) continue;
    if (utility_zones.count(s.zone)) continue;
    errors.Forbidden(FieldPath("spec.subnets").Index(i).Child("zone"),
                     "Private subnet " + Quote(s.name) + " in zone " + Quote(s.zone) +
                         " needs a Utility subnet in the same zone (for its NAT gateway), or an "
                         "egress");
  }
}

}  // namespace

void ValidateNetworkingAndTopology(const Cluster& cluster, FieldErrors& errors) {
  ValidateProviders(cluster, errors);
  ValidateTopology(cluster, errors);
  ValidateApi(cluster, errors);
  ValidateUtilityForPrivate(cluster, errors);
}

}  // namespace kops::api::internal
