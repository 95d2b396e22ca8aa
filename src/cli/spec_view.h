// Read-only views of specs shared by several verbs (zones of a cluster or a group,
// the role as kops prints it).
#pragma once

#include <string>
#include <vector>

#include "api/cluster.h"
#include "api/instance_group.h"

namespace kops::cli {

// Sorted distinct zones of the cluster's subnets.
std::vector<std::string> ClusterZones(const api::Cluster& cluster);
// Zones of the group: its zones field, else the zones of its subnets.
std::vector<std::string> GroupZones(const api::InstanceGroup& ig, const api::Cluster* cluster);
// "ControlPlane" for Master, the role otherwise (kops' display name).
std::string DisplayRole(const std::string& role);

}  // namespace kops::cli
