// The cluster-level settings of a new cluster that come straight from flags (access
// lists, feature gates, discovery store, labels, per-role group settings) and kops'
// PerformAssignments (networkCIDR, nonMasqueradeCIDR, public API name, subnet CIDRs).
#pragma once

#include <vector>

#include "api/cluster.h"
#include "api/instance_group.h"
#include "base/status.h"
#include "create/options.h"

namespace kops::create {

// authorization, IAM, kubelet, feature gates, API/SSH access, discovery store.
Status ApplyClusterBasics(const CreateClusterOptions& opt, api::ClusterSpec& spec,
                          const std::string& cluster_name);

// --cloud-labels, security groups, tenancy, volume sizes, public IPs, --dns-zone,
// --network-cidr, --api-public-name (kops' RunCreateCluster, after NewCluster).
Status ApplyFlagOverrides(const CreateClusterOptions& opt, api::Cluster& cluster,
                          std::vector<api::InstanceGroup>& groups);

// networkCIDR (172.20.0.0/16 unless given), nonMasqueradeCIDR (100.64.0.0/10),
// masterPublicName (api.<name> with public DNS), subnet CIDRs.
Status PerformAssignments(api::Cluster& cluster);

}  // namespace kops::create
