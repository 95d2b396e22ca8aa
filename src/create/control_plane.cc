#include "create/control_plane.h"

#include <set>

#include "base/strings.h"

namespace kops::create {

Result<std::vector<ControlPlaneSlot>> PlaceControlPlanes(
    const std::vector<std::string>& zones, const std::vector<std::string>& control_plane_zones,
    int32_t count) {
  if (count < 0)
    return InvalidArgument("--control-plane-count " + std::to_string(count) +
                           ": expected a positive number of control-plane nodes");
  std::vector<std::string> cp_zones = control_plane_zones;
  if (!cp_zones.empty()) {
    if (count != 0 && count < static_cast<int32_t>(cp_zones.size()))
      return InvalidArgument("specified " + std::to_string(cp_zones.size()) +
                             " control-plane zones, but also requested " + std::to_string(count) +
                             " control-plane nodes.  If specifying both, the count should match.");
    if (count == 0) count = static_cast<int32_t>(cp_zones.size());
  } else {
    cp_zones = zones;
    if (count == 0) count = 1;
  }
  if (cp_zones.empty())
    return InvalidArgument("cannot determine control-plane zones: pass --zones or "
                           "--control-plane-zones");
  const size_t n = cp_zones.size();
  std::vector<ControlPlaneSlot> slots;
  for (int32_t i = 0; i < count; ++i) {
    const std::string& zone = cp_zones[i % n];
    std::string name = zone;
    if (static_cast<size_t>(count) > n) name += "-" + std::to_string(1 + i / n);
    slots.push_back({"control-plane-" + name, zone});
  }
  return slots;
}

bool HasSharedZone(const std::vector<ControlPlaneSlot>& slots) {
  std::set<std::string> seen;
  for (const auto& s : slots)
    if (!seen.insert(s.zone).second) return true;
  return false;
}

std::vector<std::string> EtcdMemberNames(const std::vector<std::string>& group_names) {
  std::vector<std::string> names;
  for (std::string name : group_names) {
    if (StartsWith(name, "control-plane-")) name = name.substr(14);
    if (StartsWith(name, "master-")) name = name.substr(7);
    names.push_back(name);
  }
  while (!names.empty() && names[0].size() > 1) {
    char first = names[0][0];
    bool all = true;
    for (const auto& n : names)
      if (n.empty() || n[0] != first) all = false;
    if (!all) break;
    for (auto& n : names) n.erase(0, 1);
  }
  for (auto& n : names)
    if (!n.empty() && n[0] >= '0' && n[0] <= '9') n = "etcd-" + n;
  return names;
}

api::EtcdClusterSpec BuildEtcdCluster(const std::string& name,
                                      const std::vector<std::string>& group_names, bool encrypted,
                                      const std::string& storage_type) {
  api::EtcdClusterSpec etcd;
  etcd.name = name;
  etcd.manager = api::EtcdManagerSpec{};
  etcd.manager->backup_retention_days = 90;
  etcd.cpu_request = name == "main" ? "200m" : "100m";
  etcd.memory_request = "100Mi";
  std::vector<std::string> members = EtcdMemberNames(group_names);
  for (size_t i = 0; i < group_names.size(); ++i) {
    api::EtcdMemberSpec m;
    m.name = members[i];
    m.instance_group = group_names[i];
    if (encrypted) m.encrypted_volume = true;
    if (!storage_type.empty()) m.volume_type = storage_type;
    etcd.members.push_back(std::move(m));
  }
  if (name == "cilium")
    etcd.manager->env = {{"ETCD_AUTO_COMPACTION_MODE", "revision"},
                         {"ETCD_AUTO_COMPACTION_RETENTION", "2500"}};
  return etcd;
}

}  // namespace kops::create
