// Applier: carries out the reconciler's actions (reconciler.h) and the API's direct
// instance and volume operations on the real world — processes through the
// ProcessRunner, directories under the StateDir — and records the result in CloudState.
//
// - Launch: a new instance id (ids.h), the lowest free address of the zone's range, an
//   instance directory (its working dir unless the LaunchSpec names one; console.log
//   there), and the group's LaunchSpec started behind `supervisor_prefix` with the
//   environment KOPS_INSTANCE_ID, KOPS_INSTANCE_GROUP, KOPS_ZONE, KOPS_ADDRESS,
//   KOPS_CLUSTER_NAME, KOPS_CLUSTER_ID and KOPS_CLOUD_SOCKET added. A start failure
//   backs the group off (next_launch_after_ms) instead of failing the loop.
// - Terminate: drain in the load balancers, SIGTERM to the instance's process group, state
//   terminating (the reconciler SIGKILLs it after the grace period).
// - Kill: mark terminating with the reason first (so observe does not count the death as a
//   crash), then SIGKILL.
// - RecreateVolume: a new id with the same tags and zone and an empty directory; the lost
//   one is removed. LoseVolume marks it lost and deletes its directory.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/clock.h"
#include "cloud/local/lb_manager.h"
#include "cloud/local/model.h"
#include "cloud/local/process_runner.h"
#include "cloud/local/reconciler.h"
#include "cloud/local/state_dir.h"

namespace kops::cloud::local {

struct ApplierOptions {
  // Put before the instance's argv, e.g. {"/usr/bin/kops", "toolbox", "local-cloud",
  // "supervise", "--"} (supervisor.h). Empty: the instance runs unsupervised.
  std::vector<std::string> supervisor_prefix;
  std::string socket_path;  // given to instances as KOPS_CLOUD_SOCKET
  Clock::Duration start_failure_backoff = std::chrono::seconds(2);
};

class Applier {
 public:
  Applier(ProcessRunner& runner, const StateDir& dir, Clock& clock, LoadBalancerManager& lbs,
          ApplierOptions options)
      : runner_(runner), dir_(dir), clock_(clock), lbs_(lbs), options_(std::move(options)) {}

  Status Apply(CloudState& state, const Action& action);

  // The new instance's id.
  Result<std::string> Launch(CloudState& state, const std::string& group_key,
                             const std::string& zone);
  // Both OK for an instance that is already terminated; kNotFound for an unknown id.
  Status Terminate(CloudState& state, const std::string& instance_id, const std::string& reason);
  Status Kill(CloudState& state, const std::string& instance_id, const std::string& reason);

  Result<Volume> CreateVolume(CloudState& state, const std::string& cluster_id,
                              const std::string& zone,
                              const std::map<std::string, std::string>& tags);
  Status LoseVolume(CloudState& state, const std::string& volume_id);
  // Forgets the volume and removes its directory (cluster deletion).
  Status DeleteVolume(CloudState& state, const std::string& volume_id);

 private:
  Status RecreateVolume(CloudState& state, const std::string& volume_id);
  Status Forget(CloudState& state, const std::string& instance_id);

  ProcessRunner& runner_;
  const StateDir& dir_;
  Clock& clock_;
  LoadBalancerManager& lbs_;
  ApplierOptions options_;
};

}  // namespace kops::cloud::local
