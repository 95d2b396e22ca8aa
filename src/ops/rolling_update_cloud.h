// RollingUpdateCloud: what `kops rolling-update cluster` needs from a cloud and its
// cluster, cloud-neutral, so the algorithm (rolling_update.h) is tested against a fake
// (fake_rolling_update_cloud.h) and runs on the local cloud through
// local_rolling_update_cloud.h. Every call observes or acts once; waiting and retrying
// belong to the algorithm, which sleeps only through its Clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/int_or_string.h"
#include "base/status.h"
#include "ops/validation_types.h"

namespace kops::ops {

// One live cloud instance of an instance group.
struct RollInstance {
  std::string id;
  std::string zone;
  std::string node;  // the Kubernetes Node's name, "" when none is registered
  bool running = false;     // running, not terminating
  std::string need_update;  // why it needs updating ("" = up to date)
};

// An instance group of the spec with what the cloud runs for it.
struct RollGroup {
  std::string name;
  std::string role;  // kops' role: "ControlPlane", "APIServer", "Node", "Bastion"
  int min_size = 0, max_size = 0;
  int target = 0;  // the cloud group's desired capacity
  std::optional<api::IntOrString> max_surge, max_unavailable;  // spec.rollingUpdate
  std::vector<RollInstance> instances;
};

// One backend of the API load balancer as the balancer sees it.
struct LbBackend {
  std::string instance_id;
  bool serving = false;  // health checks pass and it takes new connections
  bool draining = false;  // taken out: no new connections
  int connections = 0;    // connections open through the balancer now
};

class RollingUpdateCloud {
 public:
  virtual ~RollingUpdateCloud() = default;

  // The spec's instance groups in spec order, each with its live instances and why each
  // needs updating (its launch configuration differs from the group's).
  virtual Result<std::vector<RollGroup>> Groups() = 0;
  // Terminates an instance; its group replaces it unless decrement_desired (which also
  // lowers the group's target by one, as AWS's TerminateInstanceInAutoScalingGroup).
  virtual Status Terminate(const std::string& group, const std::string& instance_id,
                           bool decrement_desired) = 0;
  // Sets a group's target size (surge).
  virtual Status SetTarget(const std::string& group, int target) = 0;

  // Marks the Node unschedulable (kubectl cordon).
  virtual Status CordonNode(const std::string& node) = 0;
  // true once the node's agent has seen the cordon and reported itself drained.
  virtual Result<bool> NodeDrained(const std::string& node) = 0;
  // Deletes the Node object (kops does so just before terminating its instance, so that a
  // replacement registering the same name is not born cordoned). A Node already gone is
  // not an error.
  virtual Status DeleteNode(const std::string& node) = 0;

  // Stops the API load balancer sending new connections to the instance.
  virtual Status DrainFromLoadBalancer(const std::string& instance_id) = 0;
  // The API load balancer's backends now.
  virtual Result<std::vector<LbBackend>> LoadBalancerBackends() = 0;

  // Every etcd cluster of the spec, each member asked on its own endpoint.
  virtual std::vector<EtcdClusterObservation> EtcdClusters() = 0;
  // Hands the leadership of etcd_cluster to the member with id to_member_id.
  virtual Status MoveEtcdLeader(const std::string& etcd_cluster, uint64_t to_member_id) = 0;

  // One validation of the whole cluster (validate cluster's evaluation).
  virtual Result<ClusterValidation> Validate() = 0;
};

}  // namespace kops::ops
