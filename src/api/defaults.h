// Defaults: what kops fills into a spec when it completes it (the v1alpha2 defaulting
// functions, upup/pkg/fi/cloudup/populate_cluster_spec.go and
// populate_instancegroup_spec.go), limited to what later stages here need: the network
// ranges, API access, stores, etcd backups, topology.
//
// Only empty fields are filled: a value the user set is never changed. Applying twice is
// the same as applying once. Subnet CIDR assignment is not here (create: subnets), nor
// are component settings (kubelet, kube-apiserver...), machine types or images.
#pragma once

#include "api/cluster.h"
#include "api/instance_group.h"

namespace kops::api {

inline constexpr const char* kDefaultNetworkCIDR = "172.20.0.0/16";
inline constexpr const char* kDefaultNonMasqueradeCIDR = "100.64.0.0/10";
inline constexpr const char* kDefaultIPv6ServiceClusterIPRange = "fd00:5e4f:ce::/108";
inline constexpr const char* kDefaultClusterDNSDomain = "cluster.local";
inline constexpr const char* kDefaultEtcdVersion = "3.5.31";
inline constexpr int kDefaultEtcdBackupRetentionDays = 90;

void ApplyDefaults(Cluster& cluster);

// Needs the (defaulted) cluster for the subnets a group without any is placed in.
void ApplyDefaults(InstanceGroup& group, const Cluster& cluster);

}  // namespace kops::api
