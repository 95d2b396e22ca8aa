// What `validate cluster` observes and concludes, as plain data. A ValidationSource
// (validation_source.h) fills a ValidationInput from some cloud; EvaluateCluster
// (validation.h) turns it into a ClusterValidation without any I/O.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kops::ops {

// One cloud instance of an instance group.
struct MachineObservation {
  std::string id;
  std::string zone;
  std::string address;
  bool running = false;   // live and not terminating
  bool outdated = false;  // launched from an older launch spec (kops: NeedsUpdate)
};

// An instance group: its spec and what the cloud runs for it.
struct GroupObservation {
  std::string name;
  std::string role;  // kops' role: "ControlPlane", "Node", "Bastion", "APIServer"
  std::string machine_type;
  int min_size = 0;
  int max_size = 0;
  std::vector<std::string> subnets;
  bool found_in_cloud = false;
  int desired = 0;  // the cloud group's desired capacity when found
  std::vector<MachineObservation> machines;
};

// One etcd member as its own endpoint reports it.
struct EtcdMemberObservation {
  std::string name;  // spec member name
  std::string zone;
  std::string instance_id;  // "" when no running instance carries it
  std::string endpoint;     // client URL asked, "" when there is no instance
  bool reachable = false;   // StatusOf answered
  std::string error;        // why not reachable / not healthy
  bool healthy = false;     // /health answered healthy
  uint64_t member_id = 0;
  uint64_t leader_id = 0;  // 0: knows no leader
  int64_t revision = 0;
  bool learner = false;
};

// A member of the etcd cluster's own member list.
struct EtcdListedMember {
  uint64_t id = 0;
  std::string name;  // "" until started
  bool learner = false;
};

struct EtcdClusterObservation {
  std::string name;                            // "main", "events"
  std::vector<std::string> expected_members;   // spec member names
  std::vector<EtcdMemberObservation> members;  // one per expected member, spec order
  bool member_list_ok = false;
  std::string member_list_error;
  std::vector<EtcdListedMember> member_list;
  std::string error;  // the cluster could not be observed at all (e.g. no client CA)
  // Observed from outside the cluster's network (AWS: through the members' etcd-manager
  // pods): each member's health only; leader, revisions and member list unknown.
  bool health_only = false;
};

struct ApiObservation {
  std::string endpoint;  // "https://127.x.y.z:443" (the load balancer), "" when unknown
  bool reachable = false;
  int status = 0;
  std::string message;  // body (trimmed) or transport error
};

struct ValidationInput {
  std::string cluster_name;
  std::vector<GroupObservation> groups;
  std::vector<EtcdClusterObservation> etcd;
  ApiObservation api;
  bool nodes_ok = false;
  std::string nodes_error;
  std::vector<nlohmann::json> nodes;  // Node objects from /api/v1/nodes
  std::chrono::system_clock::time_point now;  // wall time the nodes were read
  // Control-plane instances register Nodes (a real kubelet runs on them: AWS); the local
  // cloud's control planes register none.
  bool control_plane_nodes = false;
};

// kops' ValidationError: {type, name, message}.
struct ValidationFailure {
  std::string kind;  // "InstanceGroup", "Machine", "Node", "EtcdCluster", "EtcdMember", "API"
  std::string name;
  std::string message;
  bool operator==(const ValidationFailure&) const = default;
};

// kops' ValidationNode.
struct ValidationNode {
  std::string name;
  std::string zone;
  std::string role;  // "node", "control-plane"
  std::string hostname;
  std::string status;  // "True" / "False"
  std::string reason;  // why not ready
};

// One row of the ETCD table.
struct EtcdMemberRow {
  std::string cluster;
  std::string member;
  std::string zone;
  std::string instance_id;
  bool healthy = false;
  bool leader = false;
  bool learner = false;
  int64_t revision = 0;
  std::string error;
  uint64_t member_id = 0;  // as the member itself reported it; 0 when it did not answer
};

struct ClusterValidation {
  std::string cluster_name;
  std::vector<GroupObservation> groups;  // for the INSTANCE GROUPS table
  std::vector<ValidationNode> nodes;
  std::vector<EtcdMemberRow> etcd;
  std::vector<ValidationFailure> failures;
  bool healthy() const { return failures.empty(); }
};

}  // namespace kops::ops
