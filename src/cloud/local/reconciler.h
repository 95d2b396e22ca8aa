// The reconciler: a pure function from the cloud state and the time to the actions that
// bring it toward what the groups want. It changes nothing; the daemon applies the
// actions (launching processes, sending signals, making directories) and calls it again.
//
// Rules, per group (desired clamped to min..max; "running" = kRunning in an up zone):
// - fewer running than desired: launch the difference, each in the up zone of the group
//   with the fewest running instances (ties: the group's zone order); nothing in a down
//   zone; nothing before the group's crash-loop backoff (next_launch_after_ms) ends;
// - more running than desired: terminate the surplus — outdated launch hash first, then
//   from the zone with the most running, then the newest;
// - a running instance in a down zone is killed at once (reason "zone down");
// - an instance of a deleted group is terminated;
// - a terminating instance past the grace period is killed (SIGKILL);
// - volumes attached to a terminated or unknown instance are detached; a terminated
//   instance is forgotten (its record and its directory) after the retention period, or
//   at once when its cluster is gone (no group and no zone range left: DeleteCluster), so
//   a deleted cluster leaves no file behind;
// - a lost volume no live instance holds is recreated empty in its zone, once it is up.
// Dead processes are noticed by ObserveProcesses (observe.h), which runs before this.
#pragma once

#include <string>
#include <vector>

#include "base/clock.h"
#include "cloud/local/model.h"

namespace kops::cloud::local {

struct ReconcileOptions {
  Clock::Duration terminate_grace = std::chrono::seconds(10);
  // How long a terminated instance of a live cluster stays on record (and its console
  // log on disk) for `get instances` and post-mortems.
  Clock::Duration terminated_retention = std::chrono::minutes(5);
};

struct Action {
  enum class Kind {
    kLaunch,          // group_key, zone
    kTerminate,       // instance_id: SIGTERM, state terminating
    kKill,            // instance_id: mark terminating (reason), then SIGKILL now
    kDetachVolume,    // volume_id
    kForget,          // instance_id: drop the terminated record
    kRecreateVolume,  // volume_id: replace by an empty volume with the same tags and zone
  };
  Kind kind;
  std::string group_key;
  std::string zone;
  std::string instance_id;
  std::string volume_id;
  std::string reason;

  bool operator==(const Action&) const = default;
  // e.g. "launch ha.local-1234/nodes in local-a", "terminate i-1 (scale in)".
  std::string ToString() const;
};

// Actions in the order to apply them: kills and detaches before forgets, terminations
// before launches. Deterministic for a given state and time.
std::vector<Action> Reconcile(const CloudState& state, Clock::TimePoint now,
                              const ReconcileOptions& options = {});

}  // namespace kops::cloud::local
