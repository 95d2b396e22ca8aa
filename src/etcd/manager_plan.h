// How an etcd manager starts its member: a pure decision from what it observed, so every
// case (first bring-up, restart on its own data, replacement of a lost volume, waiting)
// is unit-tested without processes or sleeps. manager.h executes the plan.
//
// Rules (the cluster is "created" once a member wrote the state store's
// etcd-cluster-created marker after the first bring-up was healthy):
//   - data, and the cluster (when it answers) still lists this member  -> kRestart
//     (state existing; when the member's peer URL changed, update it first, or once etcd
//     runs when the cluster has no quorum to take the update);
//   - data, but the answering cluster no longer lists it (it was removed) -> wipe the
//     data and decide again as an empty member;
//   - no data, cluster not created: every member's peer URL known -> kBootstrap (state
//     new, initial cluster = all spec members); else kWait;
//   - no data, cluster created, nobody answers -> kWait (never bootstrap over a cluster
//     that exists: the same token and names would give the same member ids);
//   - no data, cluster created, this member listed as an unstarted learner with its peer
//     URL (an earlier add whose start did not finish) -> kStartLearner (state existing);
//   - a member the spec no longer names (kops scale control-plane removed it) keeps
//     running on its data while etcd still lists it; once etcd dropped it -> kWait
//     (never re-added: it left the spec);
//   - no data, cluster created, another member is a learner -> kWait (etcd 3.4 allows
//     one learner at a time: new members join one after the other);
//   - data, listed as a learner (restarted before its promotion) -> kRestart, promoted
//     once caught up;
//   - no data, cluster created otherwise -> kReplace: remove the old member (by name or
//     peer URL) if listed, add this one as a learner, start with state existing, and
//     promote it once etcd agrees it caught up.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "etcd/process_spec.h"
#include "etcd/types.h"

namespace kops::etcd {

using NamedUrls = std::vector<std::pair<std::string, std::string>>;  // name -> peer URL

struct StartObservation {
  std::string self_name;
  std::string self_peer_url;
  bool self_in_spec = true;      // the spec (as read now) still names this member
  bool has_data = false;         // <data dir>/member exists
  bool cluster_created = false;  // the created marker is in the state store
  // Every spec member, self included, with its peer URL ("" while not yet discovered).
  NamedUrls spec_members;
  // The membership as some other member reported it; nullopt when none answered.
  std::optional<std::vector<Member>> members;
};

struct StartPlan {
  enum class Kind { kWait, kBootstrap, kRestart, kReplace, kStartLearner };
  Kind kind = Kind::kWait;
  EtcdProcessSpec::ClusterState state = EtcdProcessSpec::ClusterState::kNew;
  NamedUrls initial_cluster;          // what --initial-cluster gets (self included)
  bool wipe_data = false;             // remove the stale data dir first
  uint64_t remove_member_id = 0;      // kReplace: remove this member first (0 = none)
  bool add_learner = false;           // kReplace: member add --learner before starting
  uint64_t update_member_id = 0;      // kRestart: update this member's peer URL first
  uint64_t learner_member_id = 0;     // kStartLearner, kRestart: the learner to promote later
  std::string reason;                 // one line for the log
};

const char* StartPlanKindName(StartPlan::Kind kind);

StartPlan DecideStart(const StartObservation& obs);

// The --initial-cluster for a member joining an existing cluster: every started member
// (those with a name) by its first peer URL, without `exclude_id`, plus self.
NamedUrls JoinInitialCluster(const std::vector<Member>& members, uint64_t exclude_id,
                             const std::string& self_name, const std::string& self_peer_url);

}  // namespace kops::etcd
