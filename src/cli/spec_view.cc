#include "cli/spec_view.h"

#include <set>

namespace kops::cli {

std::vector<std::string> ClusterZones(const api::Cluster& cluster) {
  std::set<std::string> zones;
  for (const auto& s : cluster.spec.subnets)
    if (!s.zone.empty()) zones.insert(s.zone);
  return {zones.begin(), zones.end()};
}

std::vector<std::string> GroupZones(const api::InstanceGroup& ig, const api::Cluster* cluster) {
  if (!ig.spec.zones.empty()) return ig.spec.zones;
  std::set<std::string> zones;
  for (const auto& name : ig.spec.subnets) {
    std::string zone = name;
    if (cluster)
      for (const auto& s : cluster->spec.subnets)
        if (s.name == name && !s.zone.empty()) zone = s.zone;
    zones.insert(zone);
  }
  return {zones.begin(), zones.end()};
}

std::string DisplayRole(const std::string& role) {
  return role == api::kRoleMaster ? "ControlPlane" : role;
}

}  // namespace kops::cli
