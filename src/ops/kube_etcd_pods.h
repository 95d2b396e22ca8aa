// The spec's etcd clusters observed through the Kubernetes API, for clouds where etcd's
// client port is out of reach of the operator's machine (AWS: inside the VPC). kops runs
// each member's etcd-manager as a static pod; its mirror pod is
// kube-system/etcd-manager-<etcd cluster>-<node>. A member counts as reachable when that pod
// exists and healthy when it is Running and Ready. Member ids, leader and revision are not
// visible from here and stay 0; the member list is not observed.
#pragma once

#include <string>
#include <vector>

#include "api/cluster.h"
#include "api/instance_group.h"
#include "ops/api_client.h"
#include "ops/kube_nodes.h"
#include "ops/validation_types.h"

namespace kops::ops {

// A running control-plane instance as the cloud reports it.
struct ControlPlaneInstance {
  std::string instance_group, instance_id, zone;
};

// One observation per spec etcd cluster, members in spec order. Each member's instance is the
// first running instance of its instance group; its Node is the one whose spec.providerID
// names that instance. At most one GET of /api/v1/nodes and one of kube-system's pods; an
// API failure becomes each cluster's `error`.
std::vector<EtcdClusterObservation> ObserveEtcdThroughPods(
    const api::Cluster& cluster, const std::vector<api::InstanceGroup>& groups,
    const std::vector<ControlPlaneInstance>& running, ApiClient& api);

// The same with the Nodes already listed by the caller (an error: each cluster's `error`);
// one GET of kube-system's pods.
std::vector<EtcdClusterObservation> ObserveEtcdThroughPods(
    const api::Cluster& cluster, const std::vector<api::InstanceGroup>& groups,
    const std::vector<ControlPlaneInstance>& running, const Result<std::vector<nlohmann::json>>& nodes,
    ApiClient& api);

}  // namespace kops::ops
