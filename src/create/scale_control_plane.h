// `kops scale control-plane NAME --zones a,b,c [--count N]`: the pure planner.
//
// Target layout: create cluster's own placement (PlaceControlPlanes with the zones as
// control-plane zones and the count) and member naming (EtcdMemberNames over the whole
// placement). Existing control-plane groups are matched to the target's slots and are
// never renamed: first a group whose name is the slot's name, then, zone by zone, the
// oldest remaining groups of the slot's zone. Slots left over become new groups named as
// create would name them (on a name or member-name collision with any existing group or
// member, the next free "<zone>-<k>" is used). Groups left over are removed, one at a
// time: the removal that keeps the most zones first, newest first among equals.
//
// Resuming needs no journal: every step is derived from the spec as stored and the etcd
// membership as observed, so running the same command again after an interruption finds
// the work that is left:
//   - subnets, groups and members the target needs but the spec lacks -> AddToSpec;
//   - spec members that etcd does not list as voting members -> Apply, WaitForMembers
//     (the instances' etcd managers join as learners, one at a time, and promote);
//   - etcd members that the spec no longer names (a removal cut short after the spec
//     was written) -> RemoveEtcdMember (newest name first), Apply, DeleteVolumes;
//   - autoscaling groups or volumes the spec no longer names (a removal cut short after
//     etcd dropped the member) -> Apply, DeleteVolumes;
//   - groups to remove -> RemoveFromSpec (all of them and their members in one write:
//     validation wants an odd member count, so 5 -> 4 cannot be written), then for each
//     member, in removal order, RemoveEtcdMember (its manager sees it left the spec and
//     does not rejoin), then Apply (deletes their autoscaling groups and instances: the
//     members left etcd before their instances) and DeleteVolumes.
// Growth comes before shrinking, so quorum only ever rises while members are added.
//
// New subnets get create's CIDR allocation inside the network CIDR, around the existing
// subnets. A one-zone cluster's subnet fills the whole network (create gives one subnet
// all of it): there AWS refuses (its subnets cannot shrink), while on the local cloud,
// where a subnet's CIDR names no resource, every subnet is reallocated as create would
// have for the new zone set, so none overlap.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/cluster.h"
#include "api/instance_group.h"
#include "base/status.h"

namespace kops::create {

struct ScaleRequest {
  std::vector<std::string> zones;  // --zones, in the order given
  int32_t count = 0;               // --count; 0: one per zone
  std::string timestamp;           // creationTimestamp of new groups (RFC 3339)
};

// One etcd cluster's membership as etcd reports it.
struct EtcdMembershipSeen {
  std::string etcd_cluster;  // "main", "events"
  struct Member {
    std::string name;  // "" for a learner added but not started yet
    bool learner = false;
  };
  std::vector<Member> members;
};

// What the command observed besides the spec.
struct ScaleObserved {
  std::vector<EtcdMembershipSeen> etcd;  // may lack a cluster (membership unknown)
  std::vector<std::string> cloud_groups;    // instance groups that have an autoscaling group
  std::vector<std::string> volume_members;  // etcd members that still have a volume
};

struct ScaleStep {
  enum class Kind { kAddToSpec, kApply, kWaitForMembers, kRemoveFromSpec, kRemoveEtcdMember, kDeleteVolumes };
  Kind kind = Kind::kApply;
  std::string group;                    // kRemoveEtcdMember: the member's group ("" if gone)
  std::string member;                   // kRemoveEtcdMember
  std::vector<std::string> etcd_clusters;  // kRemoveEtcdMember: where it is still listed
  std::string description;              // one line for the plan and the progress
  std::vector<std::string> groups;      // kRemoveFromSpec: the groups (and their members)
};

struct ScalePlan {
  // The spec after AddToSpec (subnets, new groups and their members added; nothing
  // removed yet), validated by the caller before it is written.
  api::Cluster grown_cluster;
  std::vector<api::InstanceGroup> new_groups;
  std::vector<api::ClusterSubnetSpec> new_subnets;
  std::vector<std::string> new_members;  // "<group>=<member>" for the plan's text
  // Local cloud only: existing subnets whose CIDR create's allocation narrows so the new
  // ones fit in the network ("subnet local-a 172.20.0.0/16 -> 172.20.0.0/18").
  std::vector<std::string> resized_subnets;
  std::vector<std::string> removed_groups;  // in removal order
  std::vector<ScaleStep> steps;
  int32_t target_count = 0;
  bool done() const { return steps.empty(); }
};

// kInvalidArgument for: no zones, a zone the cluster's cloud cannot use (local: "local-*";
// aws: a zone of the cluster's region), count < 1, an even count (create's message),
// fewer slots than zones... exactly as create cluster refuses them; a cluster whose
// control-plane groups span several zones, or whose new subnets find no room in the
// network CIDR.
Result<ScalePlan> PlanControlPlaneScale(const api::Cluster& cluster,
                                        const std::vector<api::InstanceGroup>& groups,
                                        const ScaleRequest& request, const ScaleObserved& seen);

// The cluster without group `group`'s members (every etcd cluster).
api::Cluster WithoutMembersOf(const api::Cluster& cluster, const std::string& group);

const char* ScaleStepKindName(ScaleStep::Kind kind);

}  // namespace kops::create
