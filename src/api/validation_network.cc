// Network ranges and subnets (kops' validateNetworking / validateSubnets / validateSubnet in
// validation.go, and the nonMasqueradeCIDR / serviceClusterIPRange rules of legacy.go).
#include <optional>
#include <set>

#include "api/validation_internal.h"
#include "api/validation_values.h"
#include "base/strings.h"

namespace kops::api::internal {
namespace {

struct Ranges {
  std::vector<Cidr> network;  // networkCIDR first, then additionalNetworkCIDRs
  std::optional<Cidr> non_masquerade;
  std::optional<Cidr> pod;
  std::optional<Cidr> service;
};

bool IsIPv6Cluster(const Cluster& c) { return c.spec.non_masquerade_cidr.find(':') != std::string::npos; }

void ValidateNetworkCidrs(const Cluster& c, bool strict, FieldErrors& errors, Ranges& r) {
  const auto& cloud = c.spec.cloud_provider;
  FieldPath path("spec.networkCIDR");
  if (c.spec.network_cidr.empty()) {
    if (cloud == kCloudAWS || cloud == "azure" || (strict && cloud == kCloudLocal))
      errors.Required(path, "Cluster does not have networkCIDR set (e.g. \"172.20.0.0/16\")");
  } else if (cloud == "gce") {
    errors.Forbidden(path, "gce doesn't support networkCIDR");
  } else if (auto cidr = CheckCidr(errors, path, c.spec.network_cidr)) {
    r.network.push_back(*cidr);
  }
  const auto& extra = c.spec.additional_network_cidrs;
  FieldPath extra_path("spec.additionalNetworkCIDRs");
  if (!extra.empty() && cloud != kCloudAWS && cloud != kCloudLocal && !cloud.empty()) {
    errors.Forbidden(extra_path, cloud + " doesn't support additionalNetworkCIDRs");
    return;
  }
  for (size_t i = 0; i < extra.size(); ++i)
    if (auto cidr = CheckCidr(errors, extra_path.Index(i), extra[i])) r.network.push_back(*cidr);
}

void ValidateClusterRanges(const Cluster& c, bool strict, FieldErrors& errors, Ranges& r) {
  const auto& spec = c.spec;
  bool gce = spec.cloud_provider == "gce";
  bool vpc_ipam = spec.networking && (spec.networking->amazonvpc ||
                                      (spec.networking->cilium && spec.networking->cilium->ipam == "eni"));
  FieldPath nm("spec.nonMasqueradeCIDR");
  if (spec.non_masquerade_cidr.empty()) {
    if (!gce) errors.Required(nm, "Cluster does not have nonMasqueradeCIDR set (e.g. \"100.64.0.0/10\")");
  } else if ((r.non_masquerade = CheckCidr(errors, nm, spec.non_masquerade_cidr))) {
    if (r.non_masquerade->is_v6() && spec.non_masquerade_cidr != "::/0")
      errors.Forbidden(nm, "IPv6 clusters must have a nonMasqueradeCIDR of \"::/0\"");
    for (size_t i = 0; i < r.network.size() && !vpc_ipam && !r.non_masquerade->is_v6(); ++i) {
      if (!r.network[i].Overlaps(*r.non_masquerade)) continue;
      errors.Forbidden(nm, "nonMasqueradeCIDR " + Quote(spec.non_masquerade_cidr) +
                               " cannot overlap with " +
                               (i == 0 ? "networkCIDR" : "additionalNetworkCIDRs[" + std::to_string(i - 1) + "]") +
                               " " + Quote(r.network[i].ToString()));
    }
  }
  FieldPath pod("spec.podCIDR");
  if (spec.pod_cidr.empty()) {
    if (strict && !IsIPv6Cluster(c) && !vpc_ipam) errors.Required(pod, "Cluster did not have podCIDR set");
  } else if ((r.pod = CheckCidr(errors, pod, spec.pod_cidr)) && r.non_masquerade &&
             !r.non_masquerade->Contains(*r.pod)) {
    errors.Forbidden(pod, "podCIDR " + Quote(spec.pod_cidr) + " must be a subnet of nonMasqueradeCIDR " +
                              Quote(spec.non_masquerade_cidr));
  }
  FieldPath svc("spec.serviceClusterIPRange");
  if (spec.service_cluster_ip_range.empty()) {
    if (strict) errors.Required(svc, "Cluster did not have serviceClusterIPRange set");
  } else if ((r.service = CheckCidr(errors, svc, spec.service_cluster_ip_range)) && r.non_masquerade &&
             !gce && !r.non_masquerade->Contains(*r.service)) {
    errors.Forbidden(svc, "serviceClusterIPRange " + Quote(spec.service_cluster_ip_range) +
                              " must be a subnet of nonMasqueradeCIDR " + Quote(spec.non_masquerade_cidr));
  }
}

void ValidateEgress(const ClusterSubnetSpec& s, const FieldPath& path, FieldErrors& errors) {
  if (s.egress.empty()) return;
  std::string kind = Split(s.egress, '-')[0];
  if (kind != "nat" && kind != "eipalloc" && kind != "i" && kind != "tgw" && s.egress != "External")
    errors.Invalid(path.Child("egress"), s.egress,
                   "egress must be of type NAT Gateway (nat-...), NAT Gateway with existing "
                   "ElasticIP (eipalloc-...), NAT EC2 Instance (i-...), Transit Gateway (tgw-...), "
                   "or External");
  if (s.egress != "External" && s.type != kSubnetPrivate && s.type != kSubnetDualStack &&
      (s.ipv6_cidr.empty() || s.type != kSubnetPublic))
    errors.Forbidden(path.Child("egress"), "egress can only be specified for private or IPv6-capable public subnets");
}

void ValidateSubnetCidr(const Cluster& c, const ClusterSubnetSpec& s, const FieldPath& path,
                        bool strict, const Ranges& r, FieldErrors& errors, std::optional<Cidr>& out) {
  const auto& cloud = c.spec.cloud_provider;
  bool cidr_required = cloud != "gce" && cloud != "openstack" && cloud != "digitalocean" &&
                       cloud != "hetzner" && cloud != "scaleway" && cloud != "metal";
  if (s.cidr.empty()) {
    if (strict && cidr_required && (!IsIPv6Cluster(c) || s.ipv6_cidr.empty()))
      errors.Required(path.Child("cidr"), "subnet " + Quote(s.name) + " does not have a cidr set");
    return;
  }
  out = CheckCidr(errors, path.Child("cidr"), s.cidr);
  if (!out) return;
  bool inside = r.network.empty();
  for (const auto& n : r.network) inside |= n.Contains(*out);
  if (!inside)
    errors.Forbidden(path.Child("cidr"), "subnet " + Quote(s.name) + " cidr " + Quote(s.cidr) +
                                             " is not a subnet of the networkCIDR " + Quote(c.spec.network_cidr) +
                                             (r.network.size() > 1 ? " or an additionalNetworkCIDR" : ""));
  bool vpc_ipam = c.spec.networking && c.spec.networking->amazonvpc;
  if (r.pod && out->Overlaps(*r.pod) && !vpc_ipam)
    errors.Forbidden(path.Child("cidr"), "subnet " + Quote(s.name) + " cidr " + Quote(s.cidr) +
                                             " must not overlap podCIDR " + Quote(c.spec.pod_cidr));
  if (r.service && out->Overlaps(*r.service))
    errors.Forbidden(path.Child("cidr"), "subnet " + Quote(s.name) + " cidr " + Quote(s.cidr) +
                                             " must not overlap serviceClusterIPRange " +
                                             Quote(c.spec.service_cluster_ip_range));
}

void ValidateSubnet(const Cluster& c, size_t i, bool strict, const Ranges& r, FieldErrors& errors,
                    std::optional<Cidr>& cidr) {
  const ClusterSubnetSpec& s = c.spec.subnets[i];
  FieldPath path = FieldPath("spec.subnets").Index(i);
  if (s.name.empty()) errors.Required(path.Child("name"), "every subnet needs a name");
  if (s.zone.empty()) errors.Required(path.Child("zone"), "subnet " + Quote(s.name) + " needs a zone (e.g. \"us-east-1a\")");
  if (s.type.empty())
    errors.Required(path.Child("type"), "supported values: " + QuoteList({kSubnetPublic, kSubnetPrivate, kSubnetUtility, kSubnetDualStack}));
  else
    errors.CheckOneOf(path.Child("type"), s.type, {kSubnetPublic, kSubnetPrivate, kSubnetDualStack, kSubnetUtility});
  if (s.type == kSubnetDualStack && !IsIPv6Cluster(c))
    errors.Forbidden(path.Child("type"), "subnet type DualStack may only be used in IPv6 clusters");
  ValidateSubnetCidr(c, s, path, strict, r, errors, cidr);
  if (!s.ipv6_cidr.empty()) {
    if (c.spec.cloud_provider != kCloudAWS) {
      errors.Forbidden(path.Child("ipv6CIDR"), "ipv6CIDR can only be specified for AWS");
    } else if (!StartsWith(s.ipv6_cidr, "/")) {
      auto v6 = CheckCidr(errors, path.Child("ipv6CIDR"), s.ipv6_cidr);
      if (v6 && !v6->is_v6()) errors.Invalid(path.Child("ipv6CIDR"), s.ipv6_cidr, "Network is not an IPv6 CIDR");
    }
  }
  ValidateEgress(s, path, errors);
}

void ValidateSubnets(const Cluster& c, bool strict, const Ranges& r, FieldErrors& errors) {
  const auto& subnets = c.spec.subnets;
  const auto& cloud = c.spec.cloud_provider;
  FieldPath path("spec.subnets");
  if (subnets.empty() && cloud != "digitalocean" && cloud != "hetzner" && !cloud.empty())
    errors.Required(path, "must configure at least one subnet (use --zones)");
  std::vector<std::optional<Cidr>> cidrs(subnets.size());
  std::set<std::string> names;
  for (size_t i = 0; i < subnets.size(); ++i) {
    ValidateSubnet(c, i, strict, r, errors, cidrs[i]);
    if (!subnets[i].name.empty() && !names.insert(subnets[i].name).second)
      errors.Duplicate(path.Index(i).Child("name"), subnets[i].name);
    if ((subnets[i].id.empty()) != (subnets[0].id.empty()))
      errors.Forbidden(path.Index(i).Child("id"), "cannot mix subnets with specified ID and unspecified ID");
    for (size_t j = 0; j < i && cidrs[i]; ++j) {
      if (!cidrs[j] || !cidrs[i]->Overlaps(*cidrs[j])) continue;
      errors.Forbidden(path.Index(i).Child("cidr"),
                       "subnet " + Quote(subnets[i].name) + " cidr " + Quote(subnets[i].cidr) +
                           " overlaps subnet " + Quote(subnets[j].name) + " cidr " + Quote(subnets[j].cidr) +
                           " (spec.subnets[" + std::to_string(j) + "]); subnets must not overlap");
    }
  }
}

}  // namespace

void ValidateNetwork(const Cluster& cluster, bool strict, FieldErrors& errors) {
  Ranges ranges;
  ValidateNetworkCidrs(cluster, strict, errors, ranges);
  ValidateClusterRanges(cluster, strict, errors, ranges);
  ValidateSubnets(cluster, strict, ranges, errors);
}

}  // namespace kops::api::internal
