#include "cloud/local/reconciler.h"

#include <algorithm>
#include <map>
#include <set>

namespace kops::cloud::local {

std::string Action::ToString() const {
  std::string why = reason.empty() ? "" : " (" + reason + ")";
  switch (kind) {
    case Kind::kLaunch:
      return "launch " + group_key + " in " + zone + why;
    case Kind::kTerminate:
      return "terminate " + instance_id + why;
    case Kind::kKill:
      return "kill " + instance_id + why;
    case Kind::kDetachVolume:
      return "detach " + volume_id + why;
    case Kind::kForget:
      return "forget " + instance_id + why;
    case Kind::kRecreateVolume:
      return "recreate " + volume_id + " in " + zone + why;
  }
  return "?";
}

namespace {

using Kind = Action::Kind;

Action InstanceAction(Kind kind, const Instance& i, std::string reason) {
  return Action{kind, i.group_key, i.zone, i.id, "", std::move(reason)};
}

// Instances to terminate so that `running` shrinks by `surplus`.
std::vector<const Instance*> PickSurplus(std::vector<const Instance*> running, int surplus,
                                         const std::string& launch_hash) {
  std::vector<const Instance*> out;
  while (surplus-- > 0 && !running.empty()) {
    std::map<std::string, int> per_zone;
    for (const Instance* i : running) per_zone[i->zone]++;
    auto key = [&](const Instance* i) {
      return std::make_tuple(i->launch_hash != launch_hash, per_zone[i->zone], i->launched_at_ms,
                             i->id);
    };
    auto it =
        std::max_element(running.begin(), running.end(),
                         [&](const Instance* a, const Instance* b) { return key(a) < key(b); });
    out.push_back(*it);
    running.erase(it);
  }
  return out;
}

void ReconcileGroup(const CloudState& state, const Group& g,
                    const std::vector<const Instance*>& running, int64_t now_ms,
                    std::vector<Action>& terminations, std::vector<Action>& launches) {
  int desired = std::clamp(g.desired, g.min_size, std::max(g.min_size, g.max_size));
  int count = static_cast<int>(running.size());
  if (count > desired) {
    for (const Instance* i : PickSurplus(running, count - desired, g.LaunchHash())) {
      terminations.push_back(InstanceAction(Kind::kTerminate, *i, "scale in"));
    }
    return;
  }
  if (count == desired || now_ms < g.next_launch_after_ms) return;
  std::map<std::string, int> per_zone;
  for (const Instance* i : running) per_zone[i->zone]++;
  for (int n = count; n < desired; ++n) {
    const std::string* best = nullptr;
    for (const auto& z : g.zones) {
      if (!state.ZoneUp(g.cluster_id, z)) continue;
      if (best == nullptr || per_zone[z] < per_zone[*best]) best = &z;
    }
    if (best == nullptr) return;  // every zone of the group is down
    per_zone[*best]++;
    launches.push_back(Action{Kind::kLaunch, g.Key(), *best, "", "", "below desired"});
  }
}

// A cluster is gone once DeleteCluster removed its groups and released its zone ranges.
std::set<std::string> LiveClusters(const CloudState& state) {
  std::set<std::string> out;
  for (const auto& [key, g] : state.groups) out.insert(g.cluster_id);
  for (const auto& z : state.zones) out.insert(z.cluster_id);
  return out;
}

}  // namespace

std::vector<Action> Reconcile(const CloudState& state, Clock::TimePoint now,
                              const ReconcileOptions& options) {
  int64_t now_ms = ToMillis(now);
  int64_t grace_ms = ToMillis(Clock::TimePoint{} + options.terminate_grace);
  int64_t retention_ms = ToMillis(Clock::TimePoint{} + options.terminated_retention);
  std::vector<Action> kills, detaches, forgets, terminations, launches, volumes;

  std::map<std::string, std::vector<const Instance*>> running;  // by group key
  const std::set<std::string> live_clusters = LiveClusters(state);
  for (const auto& [id, i] : state.instances) {
    bool zone_up = state.ZoneUp(i.cluster_id, i.zone);
    bool group_exists = state.groups.count(i.group_key) > 0;
    switch (i.state) {
      case InstanceState::kRunning:
        if (!zone_up) {
          kills.push_back(InstanceAction(Kind::kKill, i, "zone down"));
        } else if (!group_exists) {
          terminations.push_back(InstanceAction(Kind::kTerminate, i, "group deleted"));
        } else {
          running[i.group_key].push_back(&i);
        }
        break;
      case InstanceState::kTerminating:
        if (!zone_up || now_ms - i.terminate_requested_at_ms >= grace_ms) {
          kills.push_back(
              InstanceAction(Kind::kKill, i, zone_up ? "grace period over" : "zone down"));
        }
        break;
      case InstanceState::kTerminated:
        if (!live_clusters.count(i.cluster_id)) {
          forgets.push_back(InstanceAction(Kind::kForget, i, "cluster deleted"));
        } else if (now_ms - i.terminated_at_ms >= retention_ms) {
          forgets.push_back(InstanceAction(Kind::kForget, i, "terminated"));
        }
        break;
    }
  }
  for (const auto& [key, g] : state.groups) {
    ReconcileGroup(state, g, running[key], now_ms, terminations, launches);
  }
  for (const auto& [id, v] : state.volumes) {
    auto holder = state.instances.find(v.attached_to);
    bool held = !v.attached_to.empty();
    if (held && (holder == state.instances.end() || !holder->second.Live())) {
      detaches.push_back(Action{Kind::kDetachVolume, "", v.zone, v.attached_to, id,
                                "instance " + v.attached_to + " terminated"});
      held = false;
    }
    if (v.lost && !held && state.ZoneUp(v.cluster_id, v.zone)) {
      volumes.push_back(Action{Kind::kRecreateVolume, "", v.zone, "", id, "lost"});
    }
  }
  std::vector<Action> out;
  for (auto* list : {&kills, &detaches, &forgets, &terminations, &volumes, &launches}) {
    out.insert(out.end(), list->begin(), list->end());
  }
  return out;
}

}  // namespace kops::cloud::local
