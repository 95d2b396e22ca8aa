#include "store/cluster_keysets.h"

#include <set>

namespace kops::store {

std::vector<std::string> ClusterCaKeysets(const api::Cluster& cluster) {
  std::set<std::string> names{"kubernetes-ca", "etcd-clients-ca"};
  for (const auto& etcd : cluster.spec.etcd_clusters) {
    names.insert("etcd-peers-ca-" + etcd.name);
    names.insert("etcd-manager-ca-" + etcd.name);
    if (etcd.name == "cilium") names.insert("etcd-clients-ca-cilium");
  }
  return {names.begin(), names.end()};
}

std::vector<std::string> AwsClusterKeysets(const api::Cluster& cluster) {
  std::vector<std::string> cas = ClusterCaKeysets(cluster);
  std::set<std::string> names(cas.begin(), cas.end());
  names.insert("apiserver-aggregator-ca");
  names.insert("service-account");
  return {names.begin(), names.end()};
}

}  // namespace kops::store
