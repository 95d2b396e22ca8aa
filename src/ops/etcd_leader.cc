#include "ops/etcd_leader.h"

#include <cstdio>
#include <set>

namespace kops::ops {

std::string EtcdMemberIdHex(uint64_t id) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%llx", static_cast<unsigned long long>(id));
  return buf;
}

namespace {

// "a: no running instance; b: leader 1f3e…; c: connection refused"
std::string WhatMembersSaid(const EtcdClusterObservation& c) {
  std::string out;
  for (const EtcdMemberObservation& m : c.members) {
    std::string said;
    if (m.instance_id.empty()) {
      said = "no running instance";
    } else if (!m.reachable) {
      said = "does not answer" + (m.error.empty() ? "" : " (" + m.error + ")");
    } else if (m.leader_id == 0) {
      said = "knows no leader";
    } else {
      said = "leader " + EtcdMemberIdHex(m.leader_id);
    }
    out += (out.empty() ? "" : "; ") + m.name + ": " + said;
  }
  return out.empty() ? "no members in the spec" : out;
}

}  // namespace

Result<EtcdLeader> LeaderOf(const EtcdClusterObservation& c) {
  const std::string what = "etcd cluster " + c.name;
  if (!c.error.empty()) return Unavailable(what + " could not be observed: " + c.error);
  std::set<uint64_t> leaders;
  int reachable = 0;
  for (const EtcdMemberObservation& m : c.members) {
    if (!m.reachable) continue;
    ++reachable;
    if (m.leader_id != 0) leaders.insert(m.leader_id);
  }
  if (reachable == 0) return Unavailable(what + ": no member answers (" + WhatMembersSaid(c) + ")");
  if (leaders.empty()) return Unavailable(what + " has no leader (quorum lost?): " + WhatMembersSaid(c));
  if (leaders.size() > 1) {
    return Unavailable(what + ": members disagree on the leader (an election is under way?): " +
                       WhatMembersSaid(c));
  }
  const uint64_t id = *leaders.begin();
  // The leader answered itself, or only the others did: then its name comes from the
  // member list, and its instance from the spec member of that name.
  std::string name;
  for (const EtcdMemberObservation& m : c.members)
    if (m.reachable && m.member_id == id) name = m.name;
  if (name.empty()) {
    for (const EtcdListedMember& l : c.member_list)
      if (l.id == id) name = l.name;
  }
  for (const EtcdMemberObservation& m : c.members) {
    if (name.empty() || m.name != name) continue;
    if (m.instance_id.empty()) {
      return Unavailable(what + ": leader \"" + name + "\" (" + EtcdMemberIdHex(id) + ") has no running instance");
    }
    return EtcdLeader{c.name, m.name, id, m.instance_id, m.zone};
  }
  return Unavailable(what + ": leader " + EtcdMemberIdHex(id) +
                     (name.empty() ? " is in no member's answer nor the member list"
                                   : " is member \"" + name + "\", which is not in the cluster spec") +
                     " (" + WhatMembersSaid(c) + ")");
}

Result<EtcdLeader> FindEtcdLeader(ValidationSource& source, const std::string& etcd_cluster) {
  std::vector<EtcdClusterObservation> clusters = source.EtcdClusters();
  std::string names;
  for (const EtcdClusterObservation& c : clusters) {
    if (c.name == etcd_cluster) return LeaderOf(c);
    names += (names.empty() ? "" : ", ") + c.name;
  }
  return NotFound("etcd cluster \"" + etcd_cluster + "\" is not in the cluster spec (it has: " +
                  (names.empty() ? "none" : names) + ")");
}

}  // namespace kops::ops
