#include "ops/cluster_specs.h"

namespace kops::ops {

Result<ClusterSpecs> LoadClusterSpecs(store::Clientset& clientset, const std::string& name) {
  ClusterSpecs specs;
  ASSIGN_OR_RETURN(auto cluster, clientset.GetCluster(name));
  specs.cluster = std::move(cluster.object);
  ASSIGN_OR_RETURN(auto groups, clientset.ListInstanceGroups(name));
  for (auto& g : groups) specs.groups.push_back(std::move(g.object));
  return specs;
}

}  // namespace kops::ops
