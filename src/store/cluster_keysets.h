// The CA keysets of a cluster as kops names them in its keystore (pki/private/<name>):
// the API's kubernetes-ca, the etcd clients' CA and, per etcd cluster, the peers' and the
// etcd manager's CAs (cilium's etcd has a clients CA of its own).
#pragma once

#include <string>
#include <vector>

#include "api/cluster.h"

namespace kops::store {

// Sorted by name.
std::vector<std::string> ClusterCaKeysets(const api::Cluster& cluster);

// What kops' `update cluster` keeps in the keystore of an AWS cluster besides those: the
// API aggregation layer's CA and the service-account signing keypair (sorted by name).
std::vector<std::string> AwsClusterKeysets(const api::Cluster& cluster);

}  // namespace kops::store
