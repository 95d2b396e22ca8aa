#include "api/etcd_layout.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/strings.h"

namespace kops::api {

std::vector<std::string> InstanceGroupZones(const InstanceGroup& group, const Cluster& cluster) {
  std::set<std::string> zones(group.spec.zones.begin(), group.spec.zones.end());
  if (zones.empty()) {
    for (const auto& subnet_name : group.spec.subnets)
      for (const auto& subnet : cluster.spec.subnets)
        if (subnet.name == subnet_name && !subnet.zone.empty()) zones.insert(subnet.zone);
  }
  return {zones.begin(), zones.end()};
}

namespace {

// The single zone of the named group, or "" when unknown or ambiguous.
std::string MemberZone(const std::string& group_name, const Cluster& cluster,
                       const std::vector<InstanceGroup>& groups) {
  for (const auto& g : groups) {
    if (g.name() != group_name) continue;
    auto zones = InstanceGroupZones(g, cluster);
    return zones.size() == 1 ? zones[0] : "";
  }
  return "";
}

std::string Plural(int n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

EtcdClusterLayout ComputeEtcdClusterLayout(const EtcdClusterSpec& etcd, const Cluster& cluster,
                                           const std::vector<InstanceGroup>& groups) {
  EtcdClusterLayout layout;
  layout.name = etcd.name;
  layout.member_count = static_cast<int>(etcd.members.size());
  layout.quorum = layout.member_count == 0 ? 0 : layout.member_count / 2 + 1;
  layout.tolerated_failures = layout.member_count - layout.quorum;

  std::map<std::string, std::vector<std::string>> by_zone;
  for (const auto& m : etcd.members)
    by_zone[MemberZone(m.instance_group, cluster, groups)].push_back(m.name);
  for (auto& [zone, members] : by_zone) {
    int left = layout.member_count - static_cast<int>(members.size());
    if (!zone.empty() && left < layout.quorum) layout.zones_breaking_quorum.push_back(zone);
    layout.zones.push_back({zone, std::move(members)});
  }
  return layout;
}

std::string EtcdClusterLayout::Verdict() const {
  std::string out = name + ": " + Plural(member_count, "member");
  if (member_count == 0) return out + ": no quorum possible";
  std::vector<std::string> parts;
  for (const auto& z : zones)
    parts.push_back((z.zone.empty() ? std::string("(unknown zone)") : z.zone) + ": " +
                    Join(z.members, ", "));
  out += " in " + Plural(static_cast<int>(zones.size()), "zone") + " (" + Join(parts, "; ") +
         "), quorum " + std::to_string(quorum);
  if (zones_breaking_quorum.empty()) return out + ": survives the loss of any one zone";
  std::vector<std::string> losses;
  for (const auto& zone : zones_breaking_quorum) {
    for (const auto& z : zones)
      if (z.zone == zone)
        losses.push_back("zone " + zone + " (" + Plural(static_cast<int>(z.members.size()), "member") + ")");
  }
  return out + ": losing " + Join(losses, " or ") + " breaks quorum";
}

bool EtcdLayout::SurvivesAnyZoneLoss() const {
  return std::all_of(clusters.begin(), clusters.end(),
                     [](const EtcdClusterLayout& c) { return c.SurvivesAnyZoneLoss(); });
}

EtcdLayout ComputeEtcdLayout(const Cluster& cluster, const std::vector<InstanceGroup>& groups) {
  EtcdLayout layout;
  for (const auto& etcd : cluster.spec.etcd_clusters)
    layout.clusters.push_back(ComputeEtcdClusterLayout(etcd, cluster, groups));
  return layout;
}

}  // namespace kops::api
