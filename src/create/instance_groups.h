// The instance groups of a new cluster (kops' setupControlPlane/setupNodes/
// setupKarpenterNodes/setupAPIServers) and the defaults filled in afterwards (image
// from the channel for the machine type's architecture, machine type per role,
// subnets for groups that have none).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "api/cluster.h"
#include "api/instance_group.h"
#include "base/status.h"
#include "create/control_plane.h"
#include "create/options.h"

namespace kops::create {

using ZoneSubnets = std::map<std::string, std::vector<std::string>>;

std::vector<api::InstanceGroup> ControlPlaneGroups(const CreateClusterOptions& opt,
                                                   const std::vector<ControlPlaneSlot>& slots,
                                                   const ZoneSubnets& subnets,
                                                   bool dualstack_private);
// Node groups: one per zone with the node count spread (first zones get the
// remainder), the zone's extra subnets when it has any; or one Karpenter group.
Result<std::vector<api::InstanceGroup>> NodeGroups(const CreateClusterOptions& opt,
                                                   const ZoneSubnets& subnets);
std::vector<api::InstanceGroup> ApiServerGroups(const CreateClusterOptions& opt,
                                                const ZoneSubnets& subnets);

// Image, machine type and subnets for every group that lacks them.
Status FillGroupDefaults(const CreateClusterOptions& opt, const api::Cluster& cluster,
                         std::vector<api::InstanceGroup>& groups);

}  // namespace kops::create
