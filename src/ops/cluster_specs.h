// The spec of a cluster as the operating commands need it: the cluster and its
// instance groups, read from the state store.
#pragma once

#include <string>
#include <vector>

#include "api/cluster.h"
#include "api/instance_group.h"
#include "store/clientset.h"

namespace kops::ops {

struct ClusterSpecs {
  api::Cluster cluster;
  std::vector<api::InstanceGroup> groups;
};

Result<ClusterSpecs> LoadClusterSpecs(store::Clientset& clientset, const std::string& name);

}  // namespace kops::ops
