// Roller: the state of one RunRollingUpdate (rolling_update.h), shared by its files:
// rolling_update.cc (order, node batches, validation, drains) and
// rolling_update_control_plane.cc (the etcd-aware control-plane steps). Internal to ops.
#pragma once

#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ops/rolling_update.h"

namespace kops::ops {

class Roller {
 public:
  Roller(RollingUpdateCloud& cloud, const RollingUpdateOptions& options, Clock& clock, std::ostream& log)
      : cloud_(cloud), o_(options), clock_(clock), log_(log), start_(clock.Now()) {}

  Status Run();

 private:
  // A progress line: "I<MMDD HH:MM:SS> rollingupdate] <message> [<elapsed>]".
  void Log(const std::string& message);
  // kops' maybeValidate: nothing with --cloudonly; else count consecutive successes
  // within validation_timeout. The error (only when fail_on_validate_error) names
  // the operation ("after terminating instance").
  Status MaybeValidate(const std::string& operation, int count);
  Status ValidateWithTimeout(int count);

  Status RollGroup(const PlannedGroup& p, Clock::Duration interval);
  Status RollNodeGroup(const PlannedGroup& p, Clock::Duration interval);
  // Drains the instance's node (not for bastions, not with --cloudonly).
  Status DrainNode(const PlannedGroup& p, const PlannedInstance& i);
  Status TerminateInstance(const PlannedGroup& p, const PlannedInstance& i, bool decrement);

  // rolling_update_control_plane.cc
  // Refuses (kFailedPrecondition) when removing instance_id leaves an etcd cluster
  // without quorum; the message names the cluster, the healthy count and the quorum.
  Status CheckQuorumWithout(const std::vector<EtcdClusterObservation>& etcd, const std::string& instance_id);
  // The up-front check of every control-plane instance of the plan.
  Status CheckControlPlanePlan(const std::vector<PlannedGroup>& plan);
  Status RollControlPlaneGroup(const PlannedGroup& p);
  Status RollControlPlaneInstance(const PlannedGroup& p, const PlannedInstance& i);
  Status MoveLeadershipAway(const std::string& instance_id);
  Status TakeOutOfLoadBalancer(const std::string& instance_id);
  // Waits for a running instance of the group that is not one of `before`, carrying the
  // etcd members `carried` ({etcd cluster, member}) healthy and caught up, and serving in
  // the load balancer.
  Status WaitForReplacement(const PlannedGroup& p, const std::set<std::string>& before,
                            const std::vector<std::pair<std::string, std::string>>& carried);

  RollingUpdateCloud& cloud_;
  const RollingUpdateOptions& o_;
  Clock& clock_;
  std::ostream& log_;
  Clock::TimePoint start_;
};

// "rolling i-1 would leave etcd main with 1 of 3 members healthy; quorum needs 2" or ""
// when every etcd cluster keeps quorum without instance_id. Pure, for tests and plans.
std::string QuorumProblemWithout(const std::vector<EtcdClusterObservation>& etcd,
                                 const std::string& instance_id);

}  // namespace kops::ops
