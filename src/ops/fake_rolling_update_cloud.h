// FakeRollingUpdateCloud: a RollingUpdateCloud in memory for the rolling-update tests.
// Groups keep their target: a terminated instance is replaced at once by an up-to-date
// one ("<group>-r<n>") that carries the same etcd members (healthy, caught up) and
// serves in the load balancer, unless the test says otherwise. Every action is
// recorded in `events` ("terminate i-1", "cordon n-1", "lb-drain i-1",
// "move-leader main m2", "set-target nodes 4", "validate") in call order.
#pragma once

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ops/rolling_update_cloud.h"

namespace kops::ops {

struct FakeEtcdMember {
  std::string name;
  std::string instance_id;
  uint64_t id = 0;
  bool healthy = true;
  int64_t revision = 100;
};

class FakeRollingUpdateCloud : public RollingUpdateCloud {
 public:
  std::vector<RollGroup> groups;
  std::map<std::string, std::vector<FakeEtcdMember>> etcd;  // cluster -> members
  std::map<std::string, uint64_t> leader;                   // cluster -> member id
  std::deque<bool> validations;  // scripted results (front first); healthy when empty
  std::set<std::string> nodes_never_drained;
  int lb_connections_polls = 0;   // polls a drained backend still shows connections
  int lb_drain_unavailable = 0;   // drain calls answered Unavailable before one succeeds
  bool replace_terminated = true;
  bool replacement_serves = true;
  std::vector<std::string> events;
  int replacements = 0;

  Result<std::vector<RollGroup>> Groups() override { return groups; }

  Status Terminate(const std::string& group, const std::string& id, bool decrement) override {
    events.push_back("terminate " + id);
    RollGroup* g = Find(group);
    if (!g) return NotFound("group " + group);
    auto it = std::find_if(g->instances.begin(), g->instances.end(), [&](const RollInstance& i) { return i.id == id; });
    if (it == g->instances.end()) return NotFound("instance " + id);
    g->instances.erase(it);
    if (decrement) {
      --g->target;
      return Status::Ok();
    }
    if (!replace_terminated) {
      for (auto& [c, members] : etcd)
        for (auto& m : members)
          if (m.instance_id == id) m.instance_id.clear();
      return Status::Ok();
    }
    std::string fresh = Launch(*g);
    for (auto& [c, members] : etcd)
      for (auto& m : members)
        if (m.instance_id == id) m.instance_id = fresh;
    return Status::Ok();
  }

  Status SetTarget(const std::string& group, int target) override {
    events.push_back("set-target " + group + " " + std::to_string(target));
    RollGroup* g = Find(group);
    if (!g) return NotFound("group " + group);
    while (static_cast<int>(g->instances.size()) < target) Launch(*g);
    g->target = target;
    return Status::Ok();
  }

  Status CordonNode(const std::string& node) override {
    events.push_back("cordon " + node);
    cordoned.insert(node);
    return Status::Ok();
  }
  Status DeleteNode(const std::string& node) override {
    events.push_back("delete-node " + node);
    return Status::Ok();
  }
  Result<bool> NodeDrained(const std::string& node) override {
    return cordoned.count(node) > 0 && !nodes_never_drained.count(node);
  }

  Status DrainFromLoadBalancer(const std::string& id) override {
    events.push_back("lb-drain " + id);
    if (lb_drain_unavailable > 0) {
      --lb_drain_unavailable;
      return Unavailable("load balancer api: drain " + id + ": No such server.");
    }
    lb_drained.insert(id);
    return Status::Ok();
  }
  Result<std::vector<LbBackend>> LoadBalancerBackends() override {
    std::vector<LbBackend> out;
    for (const RollGroup& g : groups) {
      if (g.role != "ControlPlane") continue;
      for (const RollInstance& i : g.instances) {
        bool drained = lb_drained.count(i.id) > 0;
        int conns = 0;
        if (drained && lb_connections_polls > 0) conns = lb_connections_polls--;
        bool fresh = i.id.find("-r") != std::string::npos;
        out.push_back({i.id, !drained && (!fresh || replacement_serves), drained, conns});
      }
    }
    return out;
  }

  std::vector<EtcdClusterObservation> EtcdClusters() override {
    std::vector<EtcdClusterObservation> out;
    for (const auto& [name, members] : etcd) {
      EtcdClusterObservation c;
      c.name = name;
      for (const FakeEtcdMember& m : members) {
        c.expected_members.push_back(m.name);
        EtcdMemberObservation o;
        o.name = m.name;
        o.instance_id = m.instance_id;
        bool up = !m.instance_id.empty() && m.healthy;
        o.reachable = up;
        o.healthy = up;
        o.member_id = m.id;
        o.leader_id = up ? leader[name] : 0;
        o.revision = up ? m.revision : 0;
        if (!up) o.error = "connection refused";
        c.members.push_back(o);
      }
      out.push_back(std::move(c));
    }
    return out;
  }
  Status MoveEtcdLeader(const std::string& cluster, uint64_t to) override {
    for (const FakeEtcdMember& m : etcd[cluster])
      if (m.id == to) events.push_back("move-leader " + cluster + " " + m.name);
    leader[cluster] = to;
    return Status::Ok();
  }

  Result<ClusterValidation> Validate() override {
    events.push_back("validate");
    bool healthy = true;
    if (!validations.empty()) {
      healthy = validations.front();
      validations.pop_front();
    }
    ClusterValidation v;
    if (!healthy) v.failures.push_back({"Node", "n", "node \"n\" is not ready"});
    return v;
  }

  // Events that start with prefix, in order.
  std::vector<std::string> Only(const std::string& prefix) const {
    std::vector<std::string> out;
    for (const std::string& e : events)
      if (e.rfind(prefix, 0) == 0) out.push_back(e);
    return out;
  }

 private:
  RollGroup* Find(const std::string& name) {
    for (RollGroup& g : groups)
      if (g.name == name) return &g;
    return nullptr;
  }
  std::string Launch(RollGroup& g) {
    std::string fresh = g.name + "-r" + std::to_string(++replacements);
    g.instances.push_back({fresh, "", g.role == "Node" ? fresh : "", true, ""});
    return fresh;
  }
  std::set<std::string> cordoned;
  std::set<std::string> lb_drained;
};

}  // namespace kops::ops
