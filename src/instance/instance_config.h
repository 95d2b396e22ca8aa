// What one instance runs, derived from the environment the local cloud daemon sets and
// from the cluster spec. Pure functions, unit-tested.
//
// Environment (set by the daemon for `kops toolbox instance run`): KOPS_STATE_STORE,
// KOPS_CLUSTER_NAME, KOPS_INSTANCE_ID, KOPS_INSTANCE_GROUP, KOPS_ZONE, KOPS_ADDRESS,
// KOPS_CLOUD_SOCKET; optional KOPS_API_ENDPOINT (the load balancer, "https://host[:port]"),
// KOPS_INSTANCE_DIR (work directory; default /tmp/kops-instance-<id>), KOPS_API_PORT
// (default 443), KOPS_NODE_HEARTBEAT_SECONDS (default 10).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "api/cluster.h"
#include "api/instance_group.h"
#include "base/status.h"

namespace kops::instance {

struct InstanceEnv {
  std::string state_store, cluster_name, instance_id, instance_group, zone, address;
  std::string cloud_socket;
  std::string api_endpoint;  // may be empty: then derived from the spec
  std::string work_dir;
  int api_port = 443;
  int heartbeat_seconds = 10;
};

// Reads the variables through getenv (injectable for tests). kInvalidArgument naming
// every required variable that is missing.
Result<InstanceEnv> ReadInstanceEnv(const std::function<const char*(const char*)>& getenv);

struct EtcdMembership {
  std::string etcd_cluster;  // "main"
  std::string member;        // this instance's member name
  std::vector<std::string> all_members;
  int client_port = 4001;
  int peer_port = 2380;
};

// kops' ports: main 4001/2380, events 4002/2381, others (cilium) 4003/2382.
std::pair<int, int> EtcdPorts(const std::string& etcd_cluster);

struct InstancePlan {
  bool control_plane = false;
  std::vector<EtcdMembership> etcd;     // control plane: one per etcd cluster with a member here
  std::string api_endpoint;             // where nodes register (the load balancer)
  std::vector<std::string> api_sans;    // extra SANs of the API certificate
};

// The member names of etcd cluster `etcd_cluster` in the spec (empty when it has none).
std::vector<std::string> EtcdMemberNamesOf(const api::Cluster& cluster,
                                           const std::string& etcd_cluster);

// The group must exist in groups (kNotFound otherwise). A control-plane group whose name
// no etcd member names runs only the API stand-in.
Result<InstancePlan> PlanInstance(const api::Cluster& cluster,
                                  const std::vector<api::InstanceGroup>& groups,
                                  const std::string& group_name, const std::string& api_endpoint);

}  // namespace kops::instance
