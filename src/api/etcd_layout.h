// The etcd layout of a cluster: for each etcd cluster, its members per zone, its quorum,
// and which single zone's loss breaks quorum (the "HA verdict"). Used by validation, by
// `validate cluster` and the HA report.
//
// A member's zone is the zone of its instance group: the group's `zones` when set, else
// the zones of the cluster subnets it names. A member whose group is missing, or whose
// group spans zero or several zones, is counted in the zone "" (unknown): it is not lost
// with any one named zone.
#pragma once

#include <string>
#include <vector>

#include "api/cluster.h"
#include "api/instance_group.h"

namespace kops::api {

struct EtcdZoneMembers {
  std::string zone;                  // "" when unknown
  std::vector<std::string> members;  // member names, in spec order
};

struct EtcdClusterLayout {
  std::string name;  // "main", "events", ...
  int member_count = 0;
  int quorum = 0;              // member_count / 2 + 1 (0 when there are no members)
  int tolerated_failures = 0;  // members that may fail with quorum kept
  std::vector<EtcdZoneMembers> zones;               // sorted by zone name
  std::vector<std::string> zones_breaking_quorum;   // named zones whose loss breaks quorum

  bool SurvivesAnyZoneLoss() const { return member_count > 0 && zones_breaking_quorum.empty(); }
  // One line, e.g. "main: 3 members in 2 zones (us-test-1a: a-1, a-2; us-test-1b: b-1),
  // quorum 2: losing zone us-test-1a (2 members) breaks quorum".
  std::string Verdict() const;
};

struct EtcdLayout {
  std::vector<EtcdClusterLayout> clusters;  // in spec order
  bool SurvivesAnyZoneLoss() const;
};

// The zones an instance group runs in (sorted, unique).
std::vector<std::string> InstanceGroupZones(const InstanceGroup& group, const Cluster& cluster);

EtcdClusterLayout ComputeEtcdClusterLayout(const EtcdClusterSpec& etcd, const Cluster& cluster,
                                           const std::vector<InstanceGroup>& groups);
EtcdLayout ComputeEtcdLayout(const Cluster& cluster, const std::vector<InstanceGroup>& groups);

}  // namespace kops::api
