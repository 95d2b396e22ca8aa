// Validation of kops specs, as kops applies it (pkg/apis/kops/validation: validation.go,
// legacy.go, instancegroup.go, cluster.go; upup/pkg/fi/cloudup/new_cluster.go for the
// create-time topology rules).
//
// Every function reports ALL problems found: OK, or one InvalidArgument whose message has
// one line per problem, each naming the field path as the user writes it
// ("spec.etcdClusters[0].etcdMembers", "spec.subnets[1].cidr"), the value, and what would
// be accepted (see validation_errors.h for the line formats).
#pragma once

#include <vector>

#include "api/cluster.h"
#include "api/instance_group.h"
#include "base/status.h"

namespace kops::api {

// The Cluster object alone. strict is kops' strict mode, used on a completed spec before
// an update: fields that defaults fill in (serviceClusterIPRange, subnet CIDRs...) must be
// set, and a cloud provider kops knows but this build does not implement is an error.
Status ValidateCluster(const Cluster& cluster, bool strict);

// One InstanceGroup. With a cluster, also the rules that need it: its subnets exist in the
// cluster; a control-plane group has exactly one zone. cluster may be null.
Status ValidateInstanceGroup(const InstanceGroup& group, const Cluster* cluster);

// The cluster with all its groups (kops' DeepValidate): each group (with the cluster), and
// the cross-object rules: at least one control-plane and one node group; every
// control-plane group is a member of every etcd cluster; every etcd member names an
// existing control-plane group; bastions only with a private topology.
// Does not repeat ValidateCluster's own checks; callers run both (see ValidateAll).
Status ValidateClusterWithGroups(const Cluster& cluster, const std::vector<InstanceGroup>& groups);

// ValidateCluster, then ValidateClusterWithGroups; all errors of both.
Status ValidateAll(const Cluster& cluster, const std::vector<InstanceGroup>& groups, bool strict);

// What may not change once a cluster exists: cloudProvider, etcd cluster names (none may
// be removed), and for each etcd member kept, its instanceGroup. Also validates updated
// (non-strict).
Status ValidateClusterUpdate(const Cluster& old_cluster, const Cluster& updated);

}  // namespace kops::api
