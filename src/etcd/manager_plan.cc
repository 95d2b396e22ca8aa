#include "etcd/manager_plan.h"

#include <algorithm>

namespace kops::etcd {
namespace {

using Kind = StartPlan::Kind;
using State = EtcdProcessSpec::ClusterState;

bool HasPeerUrl(const Member& m, const std::string& url) {
  return std::find(m.peer_urls.begin(), m.peer_urls.end(), url) != m.peer_urls.end();
}

const Member* FindByName(const std::vector<Member>& members, const std::string& name) {
  for (const Member& m : members)
    if (m.name == name) return &m;
  return nullptr;
}

const Member* FindByPeerUrl(const std::vector<Member>& members, const std::string& url) {
  for (const Member& m : members)
    if (HasPeerUrl(m, url)) return &m;
  return nullptr;
}

// etcd ignores --initial-cluster when it has data, but the flag must still parse.
NamedUrls KnownMembers(const StartObservation& obs) {
  NamedUrls out;
  for (const auto& [name, url] : obs.spec_members)
    if (!url.empty() && name != obs.self_name) out.emplace_back(name, url);
  out.emplace_back(obs.self_name, obs.self_peer_url);
  return out;
}

StartPlan DecideEmpty(const StartObservation& obs, bool wipe) {
  StartPlan plan;
  plan.wipe_data = wipe;
  if (!obs.cluster_created) {
    for (const auto& [name, url] : obs.spec_members) {
      if (url.empty()) {
        plan.reason = "waiting for member " + name + " to publish its address";
        return plan;
      }
    }
    plan.kind = Kind::kBootstrap;
    plan.state = State::kNew;
    plan.initial_cluster = obs.spec_members;
    plan.reason = "first bring-up: forming the cluster from all " +
                  std::to_string(obs.spec_members.size()) + " members";
    return plan;
  }
  if (!obs.members) {
    plan.reason = "the cluster exists but no member answers; waiting (never bootstrap over it)";
    return plan;
  }
  const std::vector<Member>& members = *obs.members;
  const Member* mine = FindByPeerUrl(members, obs.self_peer_url);
  if (!obs.self_in_spec) {
    plan.reason = "member " + obs.self_name + " is no longer in the spec; not rejoining";
    return plan;
  }
  if (mine && mine->is_learner && mine->client_urls.empty()) {
    plan.kind = Kind::kStartLearner;
    plan.state = State::kExisting;
    plan.learner_member_id = mine->id;
    plan.initial_cluster = JoinInitialCluster(members, 0, obs.self_name, obs.self_peer_url);
    plan.reason = "resuming an earlier learner add: starting as a learner";
    return plan;
  }
  const Member* old = FindByName(members, obs.self_name);
  if (!old) old = mine;
  for (const Member& m : members) {
    if (!m.is_learner || (old && m.id == old->id)) continue;
    plan.reason = "waiting for learner " + (m.name.empty() ? std::to_string(m.id) : m.name) +
                  " to be promoted (etcd allows one learner at a time)";
    return plan;
  }
  plan.kind = Kind::kReplace;
  plan.state = State::kExisting;
  plan.add_learner = true;
  plan.remove_member_id = old ? old->id : 0;
  plan.initial_cluster =
      JoinInitialCluster(members, plan.remove_member_id, obs.self_name, obs.self_peer_url);
  plan.reason = old ? "empty data dir: replacing old member " + std::to_string(old->id) +
                          " with a learner"
                    : "empty data dir: joining as a learner";
  return plan;
}

}  // namespace

const char* StartPlanKindName(StartPlan::Kind kind) {
  switch (kind) {
    case Kind::kWait: return "wait";
    case Kind::kBootstrap: return "bootstrap";
    case Kind::kRestart: return "restart";
    case Kind::kReplace: return "replace";
    case Kind::kStartLearner: return "start-learner";
  }
  return "?";
}

NamedUrls JoinInitialCluster(const std::vector<Member>& members, uint64_t exclude_id,
                             const std::string& self_name, const std::string& self_peer_url) {
  NamedUrls out;
  for (const Member& m : members) {
    if (m.id == exclude_id || m.name.empty() || m.peer_urls.empty()) continue;
    if (m.name == self_name || HasPeerUrl(m, self_peer_url)) continue;
    out.emplace_back(m.name, m.peer_urls.front());
  }
  out.emplace_back(self_name, self_peer_url);
  return out;
}

StartPlan DecideStart(const StartObservation& obs) {
  if (!obs.self_in_spec && (!obs.has_data || !obs.cluster_created)) {
    StartPlan plan;
    plan.reason = "member " + obs.self_name + " is no longer in the spec; not joining";
    return plan;
  }
  if (!obs.has_data) return DecideEmpty(obs, false);
  if (obs.members) {
    const Member* mine = FindByName(*obs.members, obs.self_name);
    if (!mine) mine = FindByPeerUrl(*obs.members, obs.self_peer_url);
    if (!mine && !obs.self_in_spec) {
      StartPlan plan;
      plan.reason = "member " + obs.self_name +
                    " was removed from the cluster and is no longer in the spec; not rejoining";
      return plan;
    }
    if (!mine) {
      StartPlan plan = DecideEmpty(obs, true);
      plan.reason = "this member was removed from the cluster; discarding its data. " + plan.reason;
      return plan;
    }
    StartPlan plan;
    plan.kind = Kind::kRestart;
    plan.state = State::kExisting;
    plan.initial_cluster = KnownMembers(obs);
    plan.reason = "rejoining with its data";
    if (mine->is_learner) {
      plan.learner_member_id = mine->id;
      plan.reason += " as a learner (promoted once caught up)";
    }
    if (!HasPeerUrl(*mine, obs.self_peer_url)) {
      plan.update_member_id = mine->id;
      plan.reason += " (peer URL changed to " + obs.self_peer_url + ")";
    }
    return plan;
  }
  StartPlan plan;
  plan.kind = Kind::kRestart;
  plan.state = State::kExisting;
  plan.initial_cluster = KnownMembers(obs);
  plan.reason = "restarting on its data (no other member answered)";
  return plan;
}

}  // namespace kops::etcd
