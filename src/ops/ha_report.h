// The HA report (`kops toolbox ha-report`), computed from the spec alone (the Cluster and
// its InstanceGroups), for any cloud: what the loss of each zone and of each
// control-plane instance does to etcd quorum, to the API and to node capacity; what is
// risky in the layout; and the smallest change that removes the risk.
//
// The model:
// - An etcd member is in the zone of its instance group (api::ComputeEtcdLayout); a
//   member whose group spans several zones or none is in no named zone and is lost with
//   no single zone.
// - Sizes are the groups' minSize after kops' defaults (1 for control planes, 2 for
//   nodes). A group spanning several zones has its instances split over them as an ASG
//   balances them: evenly, the remainder going to the first zones in name order.
// - A control-plane group is one instance in kops; a group with minSize N > 1 is N
//   instances named "<group>/1".."<group>/N", its etcd members spread over them in spec
//   order (member i on instance 1 + i mod N), since etcd-manager picks volumes at run time.
// - The API is reachable after a loss when at least one control-plane instance is left
//   and the etcd cluster "main" (the first one when none is so named) keeps quorum.
// - Node capacity is the vCPUs of Node-role groups (minSize × the catalogue's vCPUs of
//   machineType); when a node group's machine type is not in the catalogue the share is
//   unknown and the report names the type instead of guessing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/cluster.h"
#include "api/instance_group.h"
#include "ops/ha_suggest.h"

namespace kops::ops {

// What one loss does to one etcd cluster.
struct EtcdLoss {
  std::string cluster;  // "main", "events", ...
  int members = 0;
  int quorum = 0;
  int lost = 0;
  int left = 0;
  std::vector<std::string> lost_members;  // names, spec order
  bool quorum_kept = false;
};

struct NodeCapacity {
  int vcpus_total = 0;
  int vcpus_left = 0;
  std::vector<std::string> unknown_machine_types;  // sorted, unique; non-empty → share unknown
  // vcpus_left / vcpus_total, or nullopt when unknown or when there are no node vCPUs.
  std::optional<double> ShareLeft() const;
};

// The effect of losing a zone or an instance.
struct LossEffect {
  std::vector<EtcdLoss> etcd;  // spec order of spec.etcdClusters
  int control_planes_left = 0;
  bool api_reachable = false;
  bool AllQuorumsKept() const;
};

struct ZoneLoss {
  std::string zone;
  int control_planes = 0;  // control-plane instances in the zone
  LossEffect effect;
  NodeCapacity nodes;
};

struct InstanceLoss {
  std::string instance;        // the group name, or "<group>/<i>" when the group has several
  std::string instance_group;
  std::string zone;            // "" when the group spans several zones or none
  LossEffect effect;
};

struct HaFinding {
  std::string kind;          // ZoneMajority, ZoneHalf, EvenMembers, SingleControlPlane, NoMembers
  std::string etcd_cluster;  // "" when not about one etcd cluster
  std::string zone;          // "" when not about one zone
  std::string message;
};

struct HaReport {
  std::string cluster;
  std::string cloud;
  std::vector<std::string> zones;  // the subnets' zones and the groups' zones, sorted
  int control_planes = 0;
  std::vector<ZoneLoss> zone_losses;       // one per zone, zone order
  std::vector<InstanceLoss> instance_losses;  // control-plane instances, group order
  std::vector<HaFinding> findings;
  std::vector<HaSuggestion> suggestions;
  // The zones whose loss breaks the quorum of at least one etcd cluster.
  std::vector<std::string> ZonesBreakingQuorum() const;
};

HaReport AnalyzeHa(const api::Cluster& cluster, const std::vector<api::InstanceGroup>& groups);

// `create cluster`'s one line for stderr, or "" when no single zone's loss breaks quorum:
// "etcd quorum: losing zone us-east-1a (2 of 3 members) would break quorum" (several zones
// joined with ", " and " or "); when the etcd clusters differ, one "<cluster>: losing …"
// part per cluster joined with "; ".
std::string QuorumVerdictLine(const HaReport& report);

}  // namespace kops::ops
