// A healthy 3-zone ValidationInput for the validation tests (3 control planes, one
// node group per zone, etcd main and events with members a, b, c).
#pragma once

#include "instance/node_status.h"
#include "ops/validation_types.h"

namespace kops::ops::testing {

inline nlohmann::json ReadyNode(const std::string& name, std::chrono::system_clock::time_point heartbeat) {
  return {{"metadata", {{"name", name}}},
          {"status",
           {{"conditions",
             {{{"type", "Ready"}, {"status", "True"}, {"lastHeartbeatTime", instance::FormatRfc3339(heartbeat)}}}}}}};
}

inline ValidationInput HealthyInput() {
  ValidationInput in;
  in.cluster_name = "ha.local";
  in.now = std::chrono::system_clock::time_point{} + std::chrono::hours(24 * 365 * 55);
  const char* zones[] = {"local-a", "local-b", "local-c"};
  for (int i = 0; i < 3; ++i) {
    std::string z = zones[i], suffix(1, static_cast<char>('a' + i));
    GroupObservation cp{"control-plane-" + z, "ControlPlane", "local", 1, 1, {z}, true, 1, {}};
    cp.machines.push_back({"i-cp" + suffix, z, "127.0.1." + std::to_string(10 + i), true, false});
    GroupObservation nodes{"nodes-" + z, "Node", "local", 1, 1, {z}, true, 1, {}};
    nodes.machines.push_back({"i-node" + suffix, z, "127.0.1." + std::to_string(20 + i), true, false});
    in.groups.push_back(cp);
    in.groups.push_back(nodes);
    in.nodes.push_back(ReadyNode("i-node" + suffix, in.now - std::chrono::seconds(5)));
  }
  for (std::string name : {"main", "events"}) {
    EtcdClusterObservation c;
    c.name = name;
    c.expected_members = {"a", "b", "c"};
    c.member_list_ok = true;
    for (int i = 0; i < 3; ++i) {
      std::string m(1, static_cast<char>('a' + i));
      EtcdMemberObservation o;
      o.name = m;
      o.zone = zones[i];
      o.instance_id = "i-cp" + m;
      o.endpoint = "https://127.0.1." + std::to_string(10 + i) + ":4001";
      o.reachable = o.healthy = true;
      o.member_id = 100 + i;
      o.leader_id = 101;
      o.revision = 50;
      c.members.push_back(o);
      c.member_list.push_back({o.member_id, m, false});
    }
    in.etcd.push_back(c);
  }
  in.api = {"https://127.0.4.1:443", true, 200, "ok"};
  in.nodes_ok = true;
  return in;
}

// The input with zone local-a down: its instances are gone (terminated).
inline ValidationInput ZoneADown() {
  ValidationInput in = HealthyInput();
  for (auto& g : in.groups)
    if (g.name.ends_with("local-a")) g.machines.clear();
  for (auto& c : in.etcd) {
    c.members[0] = {.name = "a", .zone = "local-a"};
  }
  return in;
}

}  // namespace kops::ops::testing
