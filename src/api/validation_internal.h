// Parts of the validators, one file each; they record into a shared FieldErrors.
// Internal to src/api: use validation.h.
#pragma once

#include <string>
#include <vector>

#include "api/cluster.h"
#include "api/instance_group.h"
#include "api/validation_errors.h"

namespace kops::api::internal {

// Cloud providers kops knows by name, and those this build implements.
const std::vector<std::string>& KnownCloudProviders();
const std::vector<std::string>& ImplementedCloudProviders();

// True when the cluster's control plane and nodes sit in private subnets: topology.masters
// or topology.nodes is "private", or the cluster has Private subnets and no Public ones.
bool IsPrivateTopology(const Cluster& cluster);

// validation_network.cc: networkCIDR, additionalNetworkCIDRs, nonMasqueradeCIDR,
// serviceClusterIPRange, podCIDR, subnets.
void ValidateNetwork(const Cluster& cluster, bool strict, FieldErrors& errors);
// validation_networking.cc: spec.networking (one provider; kubenet and topology), topology,
// api load balancer.
void ValidateNetworkingAndTopology(const Cluster& cluster, FieldErrors& errors);
// validation_etcd.cc: spec.etcdClusters on their own.
void ValidateEtcdClusters(const Cluster& cluster, FieldErrors& errors);
// validation_instance_group.cc.
void ValidateGroup(const InstanceGroup& group, const Cluster* cluster, FieldErrors& errors);

}  // namespace kops::api::internal
