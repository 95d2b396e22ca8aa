// Control-plane placement and etcd membership, kops' rules (new_cluster.go):
// - with --control-plane-zones the count defaults to their number and a smaller count is
//   an error; without them the zones are the node zones and the count defaults to 1;
// - instance i goes to zone i mod n; when the count exceeds the zones every group name
//   gets "-<1 + i div n>"; groups are "control-plane-<name>";
// - etcd member names: strip "control-plane-"/"master-", then the prefix every name
//   shares (a character at a time, keeping at least one), then prefix "etcd-" to a name
//   starting with a digit.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "api/etcd_spec.h"
#include "base/status.h"

namespace kops::create {

struct ControlPlaneSlot {
  std::string group_name;  // "control-plane-us-east-1a" or "control-plane-us-east-1a-2"
  std::string zone;
};

// InvalidArgument "specified 3 control-plane zones, but also requested 2 control-plane
// nodes. If specifying both, the count should match." when count < zones; also when
// both zone lists are empty or the count is negative.
Result<std::vector<ControlPlaneSlot>> PlaceControlPlanes(
    const std::vector<std::string>& zones, const std::vector<std::string>& control_plane_zones,
    int32_t count);

// True when two slots share a zone (kops warns: redundancy will be reduced).
bool HasSharedZone(const std::vector<ControlPlaneSlot>& slots);

// The etcd member name for each group name, in order.
std::vector<std::string> EtcdMemberNames(const std::vector<std::string>& group_names);

// One etcd cluster ("main": 200m CPU, others 100m; 100Mi; 90 days of backups) with a
// member per control-plane group.
api::EtcdClusterSpec BuildEtcdCluster(const std::string& name,
                                      const std::vector<std::string>& group_names, bool encrypted,
                                      const std::string& storage_type);

}  // namespace kops::create
