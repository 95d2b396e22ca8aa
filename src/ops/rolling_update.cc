// RunRollingUpdate: order of groups, node batches, drains and validation (kops'
// rollingupdate.go and instancegroups.go); the control-plane steps are in
// rolling_update_control_plane.cc.
#include "ops/rolling_update.h"
#include "base/time_format.h"

#include <algorithm>
#include <ctime>
#include <set>

#include "base/strings.h"
#include "ops/rolling_update_roller.h"
#include "ops/validate_wait.h"

namespace kops::ops {

namespace {

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

// "instance \"i-1\", node \"n\", in group \"nodes\"".
std::string Describe(const PlannedGroup& p, const PlannedInstance& i) {
  std::string s = "instance " + Quoted(i.instance.id);
  if (!i.instance.node.empty()) s += ", node " + Quoted(i.instance.node);
  return s + ", in group " + Quoted(p.group.name);
}

std::string FailureMessages(const ClusterValidation& v) {
  std::vector<std::string> m;
  for (const ValidationFailure& f : v.failures) m.push_back(f.message);
  return Join(m, ", ");
}

// A failed validation stops the whole roll (kops' ValidationTimeoutError).
constexpr Code kValidationFailed = Code::kDeadlineExceeded;

}  // namespace

void Roller::Log(const std::string& message) {
  log_ << "I" << FormatUtc(clock_.WallNow(), "%m%d %H:%M:%S") << " rollingupdate] " << message << " [" << ShortDuration(clock_.Now() - start_)
       << "]\n";
  log_.flush();
}

Status Roller::ValidateWithTimeout(int count) {
  if (count <= 0) {
    Log("Skipping cluster validation because validate-count was 0.");
    return Status::Ok();
  }
  const Clock::TimePoint deadline = clock_.Now() + o_.validation_timeout;
  int successes = 0;
  std::string last;
  while (true) {
    Result<ClusterValidation> v = cloud_.Validate();
    if (v.ok() && v->healthy()) {
      if (++successes >= count) {
        Log("Cluster validated.");
        return Status::Ok();
      }
      Log("Cluster validated; revalidating in " + ShortDuration(o_.validate_success_interval) +
          " to make sure it does not flap.");
      clock_.SleepFor(o_.validate_success_interval);
      continue;
    }
    successes = 0;
    last = v.ok() ? FailureMessages(*v) : v.status().message();
    if (clock_.Now() >= deadline) {
      Log("Cluster did not pass validation within deadline: " + last + ".");
      break;
    }
    Log("Cluster did not pass validation, will retry in " + ShortDuration(o_.validate_tick) + ": " + last + ".");
    clock_.SleepFor(std::min(o_.validate_tick, std::max(deadline - clock_.Now(), Clock::Duration{1})));
  }
  return Status(kValidationFailed, "cluster did not validate within a duration of \"" +
                                       ShortDuration(o_.validation_timeout) + "\": " + last);
}

Status Roller::MaybeValidate(const std::string& operation, int count) {
  if (o_.cloud_only) {
    Log("Not validating cluster as cloudonly flag is set.");
    return Status::Ok();
  }
  Log("Validating the cluster.");
  Status st = ValidateWithTimeout(count);
  if (st.ok()) return st;
  if (o_.fail_on_validate_error) {
    Log("Cluster did not validate within " + ShortDuration(o_.validation_timeout) + ".");
    return Status(kValidationFailed, "error validating cluster" + operation + ": " + st.message());
  }
  Log("Cluster validation failed" + operation + ", proceeding since fail-on-validate-error is set to false: " +
      st.message());
  return Status::Ok();
}

Status Roller::DrainNode(const PlannedGroup& p, const PlannedInstance& i) {
  if (p.group.role == "Bastion") return Status::Ok();
  if (o_.cloud_only) {
    Log("Not draining cluster nodes as 'cloudonly' flag is set.");
    return Status::Ok();
  }
  const std::string& node = i.instance.node;
  if (node.empty()) {
    Log("Skipping drain of instance " + Quoted(i.instance.id) + ", because it is not registered in kubernetes.");
    return Status::Ok();
  }
  Log("Draining the node: " + Quoted(node) + ".");
  const Clock::TimePoint began = clock_.Now();
  Status st = cloud_.CordonNode(node);
  while (st.ok()) {
    Result<bool> drained = cloud_.NodeDrained(node);
    if (drained.ok() && *drained) break;
    if (clock_.Now() - began >= o_.drain_timeout) {
      st = DeadlineExceeded("node " + Quoted(node) + " was not drained within " + ShortDuration(o_.drain_timeout) +
                            (drained.ok() ? " (its agent has not acknowledged the cordon)"
                                          : ": " + drained.status().message()));
      break;
    }
    clock_.SleepFor(o_.poll_interval);
  }
  if (!st.ok()) {
    if (o_.fail_on_drain_error) return FailedPrecondition("failed to drain node " + Quoted(node) + ": " + st.message());
    Log("Ignoring error draining node " + Quoted(node) + ": " + st.message());
    return Status::Ok();
  }
  Log("Node " + Quoted(node) + " drained in " + ShortDuration(clock_.Now() - began) + ".");
  if (o_.post_drain_delay > Clock::Duration::zero()) {
    Log("Waiting for " + ShortDuration(o_.post_drain_delay) + " for pods to stabilize after draining.");
    clock_.SleepFor(o_.post_drain_delay);
  }
  return Status::Ok();
}

Status Roller::TerminateInstance(const PlannedGroup& p, const PlannedInstance& i, bool decrement) {
  const std::string& node = i.instance.node;
  if (p.group.role != "Bastion" && !o_.cloud_only && !node.empty()) {
    Log("Deleting node " + Quoted(node) + " from kubernetes.");
    Status deleted = cloud_.DeleteNode(node);
    if (!deleted.ok()) return Status(deleted.code(), "error deleting node " + Quoted(node) + ": " + deleted.message());
  }
  Log("Stopping " + Describe(p, i) + " (" + i.reason + ").");
  Status st = cloud_.Terminate(p.group.name, i.instance.id, decrement);
  if (!st.ok()) return Status(st.code(), "error deleting " + Describe(p, i) + ": " + st.message());
  return st;
}

Status Roller::RollNodeGroup(const PlannedGroup& p, Clock::Duration interval) {
  int live = 0;
  bool none_ready = true;
  for (const RollInstance& i : p.group.instances) {
    if (!i.running) continue;
    ++live;
    if (i.need_update.empty()) none_ready = false;
  }
  BatchSettings s{0, 1};
  if (p.group.role != "Bastion") {
    ASSIGN_OR_RETURN(s, ResolveBatchSettings(p.group, live));
  }
  int surge = std::min<int>(s.max_surge, static_cast<int>(p.update.size()));
  int concurrency = surge + s.max_unavailable;
  if (concurrency == 0) {
    Log("Rolling updates for InstanceGroup " + Quoted(p.group.name) + " are disabled (maxSurge and maxUnavailable are 0).");
    return Status::Ok();
  }
  if (surge > 0 && o_.cloud_only) surge = 0, concurrency = std::max(1, s.max_unavailable);
  if (surge > 0) {
    Log("Surging group " + Quoted(p.group.name) + " by " + std::to_string(surge) + " instance(s) (target " +
        std::to_string(p.group.target) + " -> " + std::to_string(p.group.target + surge) + ").");
    RETURN_IF_ERROR(cloud_.SetTarget(p.group.name, p.group.target + surge));
    Log("Waiting for " + ShortDuration(interval) + " after surging.");
    clock_.SleepFor(interval);
    RETURN_IF_ERROR(MaybeValidate(" after surging", o_.validate_count));
  }
  int surplus = surge;  // terminations that also lower the target back
  size_t next = 0;
  bool first = true;
  while (next < p.update.size()) {
    size_t batch = (first && none_ready && surge == 0) ? 1 : static_cast<size_t>(concurrency);
    batch = std::min(batch, p.update.size() - next);
    first = false;
    if (batch > 1) Log("Rolling " + std::to_string(batch) + " instances of group " + Quoted(p.group.name) + " at once.");
    for (size_t k = next; k < next + batch; ++k) RETURN_IF_ERROR(DrainNode(p, p.update[k]));
    for (size_t k = next; k < next + batch; ++k) {
      RETURN_IF_ERROR(TerminateInstance(p, p.update[k], surplus > 0));
      if (surplus > 0) --surplus;
    }
    next += batch;
    Log("Waiting for " + ShortDuration(interval) + " after terminating instance(s).");
    clock_.SleepFor(interval);
    if (p.group.role == "Bastion") {
      Log("Deleted a bastion instance, and continuing with rolling-update.");
      continue;
    }
    RETURN_IF_ERROR(MaybeValidate(" after terminating instance", o_.validate_count));
  }
  return Status::Ok();
}

Status Roller::RollGroup(const PlannedGroup& p, Clock::Duration interval) {
  if (p.update.empty()) return Status::Ok();
  Log("Rolling group " + Quoted(p.group.name) + " (" + p.group.role + "): " + std::to_string(p.update.size()) +
      " instance(s) to replace.");
  const Clock::TimePoint began = clock_.Now();
  if (p.group.role != "Bastion") RETURN_IF_ERROR(MaybeValidate("", 1));
  Status st = p.group.role == "ControlPlane" ? RollControlPlaneGroup(p) : RollNodeGroup(p, interval);
  if (st.ok()) Log("Group " + Quoted(p.group.name) + " rolled in " + ShortDuration(clock_.Now() - began) + ".");
  return st;
}

Status Roller::Run() {
  ASSIGN_OR_RETURN(std::vector<ops::RollGroup> groups, cloud_.Groups());
  ASSIGN_OR_RETURN(std::vector<ops::RollGroup> selected, SelectGroups(groups, o_));
  std::vector<PlannedGroup> plan = PlanRollingUpdate(selected, o_);
  if (!AnythingToRoll(plan)) {
    Log("No rolling-update required.");
    return Status::Ok();
  }
  if (!o_.cloud_only) RETURN_IF_ERROR(CheckControlPlanePlan(plan));
  std::vector<std::string> errors;
  std::vector<std::string> names;
  for (const PlannedGroup& p : plan) names.push_back(p.group.name);
  for (const PlannedGroup& p : plan) {
    const std::string& role = p.group.role;
    if (role == "Bastion") {
      Status st = RollGroup(p, o_.bastion_interval);
      if (!st.ok()) return Status(st.code(), "bastion not healthy after update, stopping rolling-update: " + st.message());
    } else if (role == "ControlPlane") {
      Status st = RollGroup(p, o_.control_plane_interval);
      if (!st.ok()) {
        return Status(st.code(), "control-plane node not healthy after update, stopping rolling-update: " + st.message());
      }
    } else {
      Status st = RollGroup(p, o_.node_interval);
      if (st.ok()) continue;
      Log("failed to roll InstanceGroup " + Quoted(p.group.name) + ": " + st.message());
      if (st.code() == kValidationFailed) return st;
      errors.push_back("group " + Quoted(p.group.name) + ": " + st.message());
    }
  }
  std::sort(names.begin(), names.end());
  Log("Completed rolling update for cluster instance groups [" + Join(names, " ") + "].");
  if (!errors.empty()) return FailedPrecondition(Join(errors, "; "));
  return Status::Ok();
}

Status RunRollingUpdate(RollingUpdateCloud& cloud, const RollingUpdateOptions& options, Clock& clock,
                        std::ostream& log) {
  return Roller(cloud, options, clock, log).Run();
}

}  // namespace kops::ops
