// `kops rolling-update cluster` as an algorithm over a RollingUpdateCloud
// (rolling_update_cloud.h), on a Clock (no other sleeps), with kops' semantics:
//
// - Selection: the groups of --instance-group (names) and --instance-group-roles, all
//   when neither is given. An instance needs updating when the cloud says so (its
//   launch configuration differs from its group's) or with --force (every running one).
// - Order (RunRollingUpdate): bastions, then control-plane groups, then API-server
//   groups, then node groups, each kind sorted by name; one group at a time.
// - Per group: validate once before (not for bastions; --cloudonly skips validation and
//   drains), then roll in batches. Node groups: maxSurge/maxUnavailable from the group's
//   spec.rollingUpdate (kops' defaults maxUnavailable 1, maxSurge 0; a percentage is of the
//   group's live instances, surge rounded up, unavailable down but at least 1; without
//   maxUnavailable it is 0 when surging, else 1; both 0 skips the group as kops does); surge
//   raises the target first and the surplus is terminated with decrement_desired; when no
//   instance of the group is up to date, the first instance goes alone and validates
//   before any batch. A batch drains each node (cordon, wait for its agent's
//   acknowledgement up to drain_timeout, post_drain_delay), terminates each instance,
//   sleeps the group's interval, then validates (validate_count consecutive successes
//   within validation_timeout); a failed validation stops the roll when
//   fail_on_validate_error, else is reported and the roll goes on.
// - Control planes go one instance at a time, etcd-aware (rolling_update_control_plane.cc):
//   before any termination every control-plane instance to be rolled is checked so that
//   each etcd cluster keeps quorum without it, and the roll is refused otherwise (nothing
//   is terminated); then per instance: quorum check again, etcd leadership moved off it,
//   taken out of the API load balancer and its connections allowed to finish (bounded by
//   lb_drain_timeout), terminated, its replacement awaited (running, every etcd member it
//   carries healthy with a revision within max_revision_lag of the highest, and serving
//   in the load balancer; bounded by validation_timeout), interval, validation.
//   --cloudonly skips the etcd and load-balancer steps too (it talks to the cloud only).
//
// Progress goes to `log` as it happens: the instance, the step and the elapsed time.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "ops/rolling_update_cloud.h"

namespace kops::ops {

struct RollingUpdateOptions {
  bool force = false;
  bool cloud_only = false;
  bool fail_on_validate_error = true;
  bool fail_on_drain_error = true;
  std::vector<std::string> instance_groups;  // names; empty = all
  std::vector<std::string> roles;            // "ControlPlane", "Node", ...; empty = all
  Clock::Duration validation_timeout = std::chrono::minutes(15);
  int validate_count = 2;
  Clock::Duration control_plane_interval = std::chrono::seconds(15);
  Clock::Duration node_interval = std::chrono::seconds(15);
  Clock::Duration bastion_interval = std::chrono::seconds(15);
  Clock::Duration drain_timeout = std::chrono::minutes(15);
  Clock::Duration post_drain_delay = std::chrono::seconds(5);
  // Between validation attempts: after a failure, and between consecutive successes
  // (kops: 30 s and 10 s).
  Clock::Duration validate_tick = std::chrono::seconds(30);
  Clock::Duration validate_success_interval = std::chrono::seconds(10);
  // Control planes: how long in-flight connections may take to finish after the
  // instance left the load balancer, how often the waits poll, and how far behind the
  // highest revision a replacement's etcd member may be to count as caught up.
  Clock::Duration lb_drain_timeout = std::chrono::seconds(15);
  Clock::Duration poll_interval = std::chrono::milliseconds(500);
  int64_t max_revision_lag = 100;
};

// A group chosen for the roll with the instances that will be replaced and why.
struct PlannedInstance {
  RollInstance instance;
  std::string reason;  // the cloud's reason, or "forced" (--force)
};
struct PlannedGroup {
  RollGroup group;
  std::vector<PlannedInstance> update;  // in roll order
};

// kInvalidArgument for an unknown --instance-group name or role (naming what exists).
Result<std::vector<RollGroup>> SelectGroups(const std::vector<RollGroup>& groups,
                                            const RollingUpdateOptions& options);
// The update list of each selected group (all groups, even those with nothing to do),
// in roll order: bastions, control planes, API servers, nodes; by name within a kind.
std::vector<PlannedGroup> PlanRollingUpdate(const std::vector<RollGroup>& selected,
                                            const RollingUpdateOptions& options);

// kops' table (NAME STATUS NEEDUPDATE READY MIN TARGET MAX [NODES]) of the selected
// groups in spec order, then the instances that need updating and why.
void RenderRollingUpdateTable(const std::vector<RollGroup>& selected,
                              const RollingUpdateOptions& options, std::ostream& out);
// True when some instance needs updating (or force and some instance runs).
bool AnythingToRoll(const std::vector<PlannedGroup>& plan);

// Performs the roll. Errors say which group/instance and step failed and why.
Status RunRollingUpdate(RollingUpdateCloud& cloud, const RollingUpdateOptions& options,
                        Clock& clock, std::ostream& log);

// The node batch sizes of kops' resolveSettings: {maxSurge, maxUnavailable} for a group
// of `live` instances; kInvalidArgument naming the field for a malformed percentage.
struct BatchSettings {
  int max_surge = 0;
  int max_unavailable = 1;
};
Result<BatchSettings> ResolveBatchSettings(const RollGroup& group, int live);

}  // namespace kops::ops
