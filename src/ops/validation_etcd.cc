// The etcd rules of EvaluateCluster (validation.h).
#include <algorithm>
#include <set>

#include "ops/validation.h"

namespace kops::ops {
namespace {

std::string MemberRef(const EtcdClusterObservation& c, const std::string& member) {
  return "etcd-" + c.name + "/" + member;
}

std::string Hex(uint64_t id) {
  char buf[32];
  snprintf(buf, sizeof buf, "%llx", static_cast<unsigned long long>(id));
  return buf;
}

// The name of a member id, from the member list or the members' own answers.
std::string NameOfId(const EtcdClusterObservation& c, uint64_t id) {
  for (const auto& m : c.member_list)
    if (m.id == id && !m.name.empty()) return m.name;
  for (const auto& m : c.members)
    if (m.member_id == id) return m.name;
  return "id " + Hex(id);
}

std::string LearnerMessage(const EtcdClusterObservation& c, const std::string& member) {
  return "etcd member \"" + member + "\" of cluster " + c.name + " is still a learner";
}

void CheckMembers(const EtcdClusterObservation& c, ClusterValidation& out) {
  for (const EtcdMemberObservation& m : c.members) {
    std::string who = "etcd member \"" + m.name + "\" of cluster " + c.name +
                      (m.zone.empty() ? "" : " (zone " + m.zone + ")");
    if (m.instance_id.empty()) {
      out.failures.push_back({"EtcdMember", MemberRef(c, m.name), who + " has no running instance"});
    } else if (!m.reachable) {
      out.failures.push_back({"EtcdMember", MemberRef(c, m.name),
                              who + " on " + m.instance_id + " does not answer: " + m.error});
    } else if (!m.healthy) {
      out.failures.push_back({"EtcdMember", MemberRef(c, m.name),
                              who + " is not healthy" + (m.error.empty() ? "" : ": " + m.error)});
    } else if (m.learner) {
      // Its own status still says learner (the member list may already show it promoted:
      // the two are read one after the other): not voting yet.
      out.failures.push_back({"EtcdMember", MemberRef(c, m.name), LearnerMessage(c, m.name)});
    }
  }
}

// Exactly one leader, agreed by every reachable member, and a member itself.
uint64_t CheckLeader(const EtcdClusterObservation& c, ClusterValidation& out) {
  std::set<uint64_t> leaders;
  int reachable = 0;
  for (const auto& m : c.members) {
    if (!m.reachable) continue;
    ++reachable;
    if (m.leader_id != 0) leaders.insert(m.leader_id);
  }
  if (reachable == 0) {
    out.failures.push_back({"EtcdCluster", "etcd-" + c.name, "etcd cluster " + c.name + " has no reachable member"});
    return 0;
  }
  if (leaders.empty()) {
    out.failures.push_back({"EtcdCluster", "etcd-" + c.name,
                            "etcd cluster " + c.name + " has no leader (quorum lost?)"});
    return 0;
  }
  if (leaders.size() > 1) {
    std::vector<std::string> names;
    for (uint64_t id : leaders) names.push_back(NameOfId(c, id));
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    out.failures.push_back({"EtcdCluster", "etcd-" + c.name,
                            "etcd cluster " + c.name + " members disagree on the leader: " + list});
    return 0;
  }
  uint64_t leader = *leaders.begin();
  bool known = std::any_of(c.members.begin(), c.members.end(),
                           [&](const auto& m) { return m.member_id == leader; }) ||
               std::any_of(c.member_list.begin(), c.member_list.end(),
                           [&](const auto& m) { return m.id == leader; });
  if (!known) {
    out.failures.push_back({"EtcdCluster", "etcd-" + c.name,
                            "etcd cluster " + c.name + " leader " + Hex(leader) + " is not a known member"});
  }
  return leader;
}

void CheckRevisions(const EtcdClusterObservation& c, const ValidationOptions& o, ClusterValidation& out) {
  int64_t top = 0;
  for (const auto& m : c.members)
    if (m.reachable && m.healthy) top = std::max(top, m.revision);
  for (const auto& m : c.members) {
    if (!m.reachable || !m.healthy || top - m.revision <= o.max_revision_lag) continue;
    out.failures.push_back({"EtcdMember", MemberRef(c, m.name),
                            "etcd member \"" + m.name + "\" of cluster " + c.name + " is " +
                                std::to_string(top - m.revision) + " revisions behind (at " +
                                std::to_string(m.revision) + ", highest " + std::to_string(top) + ")"});
  }
}

void CheckMemberList(const EtcdClusterObservation& c, ClusterValidation& out) {
  if (!c.member_list_ok) {
    out.failures.push_back({"EtcdCluster", "etcd-" + c.name,
                            "etcd cluster " + c.name + ": member list failed: " + c.member_list_error});
    return;
  }
  std::set<std::string> expected(c.expected_members.begin(), c.expected_members.end());
  std::set<std::string> listed;
  for (const auto& m : c.member_list) {
    if (m.name.empty()) {
      out.failures.push_back({"EtcdMember", "etcd-" + c.name + "/" + Hex(m.id),
                              "etcd cluster " + c.name + " has member " + Hex(m.id) + " that has not started"});
      continue;
    }
    listed.insert(m.name);
    if (!expected.count(m.name)) {
      out.failures.push_back({"EtcdMember", MemberRef(c, m.name),
                              "etcd cluster " + c.name + " has member \"" + m.name + "\" that is not in the spec"});
    }
    const bool reported = std::any_of(out.failures.begin(), out.failures.end(), [&](const ValidationFailure& f) {
      return f.name == MemberRef(c, m.name) && f.message == LearnerMessage(c, m.name);
    });
    if (m.learner && !reported) out.failures.push_back({"EtcdMember", MemberRef(c, m.name), LearnerMessage(c, m.name)});
  }
  for (const auto& name : c.expected_members) {
    if (!listed.count(name)) {
      out.failures.push_back({"EtcdMember", MemberRef(c, name),
                              "etcd member \"" + name + "\" of cluster " + c.name + " is not in the member list"});
    }
  }
}

// For a health-only observation: enough healthy members for quorum.
void CheckHealthyQuorum(const EtcdClusterObservation& c, ClusterValidation& out) {
  int total = static_cast<int>(c.expected_members.size());
  int healthy = static_cast<int>(
      std::count_if(c.members.begin(), c.members.end(), [](const auto& m) { return m.reachable && m.healthy; }));
  if (healthy >= total / 2 + 1) return;
  out.failures.push_back({"EtcdCluster", "etcd-" + c.name,
                          "etcd cluster " + c.name + " has " + std::to_string(healthy) + " of " + std::to_string(total) +
                              " members healthy; quorum needs " + std::to_string(total / 2 + 1)});
}

}  // namespace

void EvaluateEtcd(const std::vector<EtcdClusterObservation>& clusters, const ValidationOptions& options,
                  ClusterValidation& out) {
  for (const EtcdClusterObservation& c : clusters) {
    if (!c.error.empty()) {
      out.failures.push_back({"EtcdCluster", "etcd-" + c.name, "etcd cluster " + c.name + ": " + c.error});
      for (const auto& m : c.members)
        out.etcd.push_back({c.name, m.name, m.zone, m.instance_id, false, false, false, 0, c.error});
      continue;
    }
    CheckMembers(c, out);
    uint64_t leader = 0;
    if (c.health_only) {
      CheckHealthyQuorum(c, out);
    } else {
      leader = CheckLeader(c, out);
      CheckRevisions(c, options, out);
      CheckMemberList(c, out);
    }
    for (const auto& m : c.members) {
      bool is_leader = leader != 0 && m.reachable && m.member_id == leader;
      out.etcd.push_back({c.name, m.name, m.zone, m.instance_id, m.reachable && m.healthy, is_leader,
                          m.learner, m.revision, m.error, m.reachable ? m.member_id : 0});
    }
  }
}

}  // namespace kops::ops
