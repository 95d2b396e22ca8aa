// The etcd-aware control-plane steps of a rolling update (rolling_update.h): quorum
// checks, leadership hand-over, load-balancer drain, replacement wait.
#include <algorithm>
#include <map>

#include "base/strings.h"
#include "ops/lb_drain.h"
#include "ops/rolling_update_roller.h"
#include "ops/validate_wait.h"

namespace kops::ops {

namespace {

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

bool Voting(const EtcdMemberObservation& m) { return m.reachable && m.healthy && !m.learner; }

// The leader's member id as the reachable members report it (0 when none knows one).
uint64_t LeaderId(const EtcdClusterObservation& c) {
  for (const EtcdMemberObservation& m : c.members)
    if (m.reachable && m.leader_id != 0) return m.leader_id;
  return 0;
}

int64_t HighestRevision(const EtcdClusterObservation& c) {
  int64_t rev = 0;
  for (const EtcdMemberObservation& m : c.members) rev = std::max(rev, m.revision);
  return rev;
}

}  // namespace

std::string QuorumProblemWithout(const std::vector<EtcdClusterObservation>& etcd, const std::string& instance_id) {
  std::vector<std::string> problems;
  for (const EtcdClusterObservation& c : etcd) {
    int total = static_cast<int>(c.expected_members.size());
    int quorum = total / 2 + 1;
    int healthy = 0;
    for (const EtcdMemberObservation& m : c.members)
      if (Voting(m) && m.instance_id != instance_id) ++healthy;
    if (healthy >= quorum) continue;
    std::string p = "rolling " + instance_id + " would leave etcd " + c.name + " with " + std::to_string(healthy) +
                    " of " + std::to_string(total) + " members healthy; quorum needs " + std::to_string(quorum);
    std::vector<std::string> down;
    for (const EtcdMemberObservation& m : c.members) {
      if (Voting(m) || m.instance_id == instance_id) continue;
      std::string why = m.instance_id.empty() ? "no running instance" : (m.error.empty() ? "unhealthy" : m.error);
      down.push_back(m.name + (m.zone.empty() ? "" : " in " + m.zone) + ": " + why);
    }
    if (!c.error.empty()) down.push_back(c.error);
    if (!down.empty()) p += " (" + Join(down, "; ") + ")";
    problems.push_back(p);
  }
  return Join(problems, "; ");
}

Status Roller::CheckQuorumWithout(const std::vector<EtcdClusterObservation>& etcd, const std::string& instance_id) {
  std::string problem = QuorumProblemWithout(etcd, instance_id);
  if (problem.empty()) return Status::Ok();
  return FailedPrecondition("refusing to roll the control plane: " + problem);
}

Status Roller::CheckControlPlanePlan(const std::vector<PlannedGroup>& plan) {
  std::vector<std::string> ids;
  for (const PlannedGroup& p : plan)
    if (p.group.role == "ControlPlane")
      for (const PlannedInstance& i : p.update) ids.push_back(i.instance.id);
  if (ids.empty()) return Status::Ok();
  Log("Checking that every etcd cluster keeps quorum without each of " + std::to_string(ids.size()) +
      " control-plane instance(s).");
  std::vector<EtcdClusterObservation> etcd = cloud_.EtcdClusters();
  std::vector<std::string> problems;
  for (const std::string& id : ids) {
    std::string problem = QuorumProblemWithout(etcd, id);
    if (!problem.empty()) problems.push_back(problem);
  }
  if (problems.empty()) return Status::Ok();
  return FailedPrecondition("refusing to roll the control plane, nothing was terminated: " + Join(problems, "; "));
}

Status Roller::MoveLeadershipAway(const std::string& instance_id) {
  std::vector<EtcdClusterObservation> etcd = cloud_.EtcdClusters();
  for (const EtcdClusterObservation& c : etcd) {
    uint64_t leader = LeaderId(c);
    auto here = std::find_if(c.members.begin(), c.members.end(), [&](const EtcdMemberObservation& m) {
      return m.instance_id == instance_id && m.member_id != 0 && m.member_id == leader;
    });
    if (here == c.members.end()) continue;
    const EtcdMemberObservation* target = nullptr;
    for (const EtcdMemberObservation& m : c.members) {
      if (!Voting(m) || m.instance_id == instance_id) continue;
      if (!target || m.revision > target->revision) target = &m;
    }
    if (!target) return FailedPrecondition("etcd " + c.name + ": no healthy member to hand leadership to");
    Log("Moving the leadership of etcd " + c.name + " from member " + Quoted(here->name) + " to member " +
        Quoted(target->name) + " (" + target->instance_id + ").");
    const Clock::TimePoint began = clock_.Now();
    Status st = cloud_.MoveEtcdLeader(c.name, target->member_id);
    if (!st.ok()) return Status(st.code(), "etcd " + c.name + ": move leader: " + st.message());
    // Wait until the members no longer name this instance's member as leader.
    while (true) {
      std::vector<EtcdClusterObservation> now = cloud_.EtcdClusters();
      auto it = std::find_if(now.begin(), now.end(), [&](const EtcdClusterObservation& o) { return o.name == c.name; });
      uint64_t l = it == now.end() ? 0 : LeaderId(*it);
      if (l != 0 && l != here->member_id) break;
      if (clock_.Now() - began >= o_.lb_drain_timeout) {
        return DeadlineExceeded("etcd " + c.name + ": leadership did not leave member " + Quoted(here->name) +
                                " within " + ShortDuration(o_.lb_drain_timeout));
      }
      clock_.SleepFor(o_.poll_interval);
    }
    Log("etcd " + c.name + " leadership moved in " + ShortDuration(clock_.Now() - began) + ".");
  }
  return Status::Ok();
}

Status Roller::TakeOutOfLoadBalancer(const std::string& instance_id) {
  Log("Taking instance " + Quoted(instance_id) + " out of the API load balancer.");
  auto open_connections = [&]() -> Result<int> {
    ASSIGN_OR_RETURN(std::vector<LbBackend> backends, cloud_.LoadBalancerBackends());
    auto it = std::find_if(backends.begin(), backends.end(),
                           [&](const LbBackend& b) { return b.instance_id == instance_id; });
    return it == backends.end() ? 0 : it->connections;
  };
  ASSIGN_OR_RETURN(LbDrained drained,
                   DrainAndAwaitConnections([&] { return cloud_.DrainFromLoadBalancer(instance_id); },
                                            open_connections, clock_, o_.lb_drain_timeout, o_.poll_interval));
  if (drained.open > 0) {
    Log("Going on with " + std::to_string(drained.open) + " connection(s) still open to " + Quoted(instance_id) +
        " after " + ShortDuration(o_.lb_drain_timeout) + ".");
  } else {
    Log("No connection left to " + Quoted(instance_id) + " after " + ShortDuration(drained.took) + ".");
  }
  return Status::Ok();
}

Status Roller::WaitForReplacement(const PlannedGroup& p, const std::set<std::string>& before,
                                  const std::vector<std::pair<std::string, std::string>>& carried) {
  Log("Waiting for the replacement of group " + Quoted(p.group.name) + ": running, etcd members healthy and " +
      "caught up, serving in the API load balancer.");
  const Clock::TimePoint began = clock_.Now();
  const Clock::TimePoint deadline = began + o_.validation_timeout;
  Clock::TimePoint next_report = began + std::chrono::seconds(10);
  std::string waiting_for;
  while (true) {
    std::string replacement;
    Result<std::vector<ops::RollGroup>> groups = cloud_.Groups();
    if (!groups.ok()) waiting_for = "the cloud's instances: " + groups.status().message();
    else {
      for (const ops::RollGroup& g : *groups)
        if (g.name == p.group.name)
          for (const RollInstance& i : g.instances)
            if (i.running && !before.count(i.id) && replacement.empty()) replacement = i.id;
      if (replacement.empty()) waiting_for = "a replacement instance to be running";
    }
    if (!replacement.empty()) {
      waiting_for.clear();
      std::vector<EtcdClusterObservation> etcd = cloud_.EtcdClusters();
      for (const auto& [cluster, member] : carried) {
        auto c = std::find_if(etcd.begin(), etcd.end(), [&](const EtcdClusterObservation& o) { return o.name == cluster; });
        if (c == etcd.end()) continue;
        int64_t top = HighestRevision(*c);
        for (const EtcdMemberObservation& m : c->members) {
          if (m.name != member) continue;
          if (m.instance_id != replacement || !Voting(m)) {
            waiting_for = "etcd " + cluster + " member " + Quoted(member) + " on " + replacement + " to be healthy" +
                          (m.error.empty() ? "" : " (" + m.error + ")");
          } else if (top - m.revision > o_.max_revision_lag) {
            waiting_for = "etcd " + cluster + " member " + Quoted(member) + " to catch up (revision " +
                          std::to_string(m.revision) + " of " + std::to_string(top) + ")";
          }
        }
        if (!waiting_for.empty()) break;
      }
      if (waiting_for.empty()) {
        Result<std::vector<LbBackend>> backends = cloud_.LoadBalancerBackends();
        bool serving = backends.ok() && std::any_of(backends->begin(), backends->end(), [&](const LbBackend& b) {
                         return b.instance_id == replacement && b.serving;
                       });
        if (!serving) waiting_for = "the API on " + replacement + " to serve in the load balancer";
      }
      if (waiting_for.empty()) {
        Log("Replacement " + Quoted(replacement) + " of group " + Quoted(p.group.name) + " is ready after " +
            ShortDuration(clock_.Now() - began) + ".");
        return Status::Ok();
      }
    }
    if (clock_.Now() >= deadline) {
      return DeadlineExceeded("the replacement of group " + Quoted(p.group.name) + " was not ready within " +
                              ShortDuration(o_.validation_timeout) + ": waiting for " + waiting_for);
    }
    if (clock_.Now() >= next_report) {
      Log("Still waiting for " + waiting_for + ".");
      next_report += std::chrono::seconds(10);
    }
    clock_.SleepFor(o_.poll_interval);
  }
}

Status Roller::RollControlPlaneInstance(const PlannedGroup& p, const PlannedInstance& i) {
  const std::string& id = i.instance.id;
  std::set<std::string> before;  // the group's instances now (an earlier one may have been replaced)
  for (const RollInstance& x : p.group.instances) before.insert(x.id);
  if (Result<std::vector<ops::RollGroup>> now = cloud_.Groups(); now.ok()) {
    for (const ops::RollGroup& g : *now)
      if (g.name == p.group.name)
        for (const RollInstance& x : g.instances) before.insert(x.id);
  }
  std::vector<std::pair<std::string, std::string>> carried;
  if (!o_.cloud_only) {
    std::vector<EtcdClusterObservation> etcd = cloud_.EtcdClusters();
    RETURN_IF_ERROR(CheckQuorumWithout(etcd, id));
    for (const EtcdClusterObservation& c : etcd)
      for (const EtcdMemberObservation& m : c.members)
        if (m.instance_id == id) carried.push_back({c.name, m.name});
    RETURN_IF_ERROR(MoveLeadershipAway(id));
    RETURN_IF_ERROR(TakeOutOfLoadBalancer(id));
    RETURN_IF_ERROR(DrainNode(p, i));
  }
  RETURN_IF_ERROR(TerminateInstance(p, i, false));
  if (!o_.cloud_only) RETURN_IF_ERROR(WaitForReplacement(p, before, carried));
  Log("Waiting for " + ShortDuration(o_.control_plane_interval) + " after terminating instance.");
  clock_.SleepFor(o_.control_plane_interval);
  return MaybeValidate(" after terminating instance", o_.validate_count);
}

Status Roller::RollControlPlaneGroup(const PlannedGroup& p) {
  for (const PlannedInstance& i : p.update) {
    const Clock::TimePoint began = clock_.Now();
    RETURN_IF_ERROR(RollControlPlaneInstance(p, i));
    Log("Control-plane instance " + Quoted(i.instance.id) + " replaced in " + ShortDuration(clock_.Now() - began) +
        ".");
  }
  return Status::Ok();
}

}  // namespace kops::ops
