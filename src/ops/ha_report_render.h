// Output of `kops toolbox ha-report`.
//
// table: a heading line, "ZONE LOSSES" (ZONE, CONTROL PLANES, one "ETCD <cluster>" column
//   per etcd cluster saying "kept" or "LOST" with the members left, API, NODE CAPACITY
//   LEFT), "CONTROL-PLANE INSTANCE LOSSES" (INSTANCE, ZONE, the etcd columns, API), then
//   "FINDINGS" and "SUGGESTIONS" as bullet lines, or a line saying there is nothing to flag.
//
// json (yaml: the same object): a stable object, keys always present:
//   {"cluster": str, "cloud": str, "controlPlanes": int, "zonesBreakingQuorum": [str],
//    "zones": [{"zone": str, "controlPlanes": int, <effect>,
//                    "nodeCapacity": {"vcpusTotal": int, "vcpusLeft": int,
//                                     "shareLeft": number|null, "unknownMachineTypes": [str]}}],
//    "instances": [{"instance": str, "instanceGroup": str, "zone": str, <effect>}],
//    "findings": [{"kind": str, "etcdCluster": str, "zone": str, "message": str}],
//    "suggestions": [{"etcdClusters": [str], "message": str,
//                     "steps": [{"action": "add-zone"|"move"|"add", "zone": str,
//                                "member": str, "instanceGroup": str, "fromZone": str}]}]}
//   where <effect> is "etcd": [{"cluster", "members", "quorum", "lost", "left",
//   "lostMembers": [str], "quorumKept": bool}], "controlPlanesLeft": int,
//   "apiReachable": bool, "quorumKept": bool (every etcd cluster kept quorum).
//   shareLeft is null when a node group's machine type is unknown or there are no node vCPUs.
//   "zones" has one entry per zone (what its loss does), "instances" one per control-plane
//   instance (what its loss does), both in the report's order.
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include "ops/ha_report.h"

namespace kops::ops {

void RenderHaReportTable(const HaReport& report, std::ostream& out);
nlohmann::json HaReportToJson(const HaReport& report);

}  // namespace kops::ops
