// Subnets of a new cluster and their CIDRs (kops' setupZones and assignCIDRsToSubnets).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "api/cluster.h"
#include "base/status.h"

namespace kops::create {

// One subnet per zone (sorted, named like the zone), then one per additional network
// CIDR: the i-th extra CIDR (i from 1) goes to zone zones[(i-1) mod n] as "<zone>-<i>"
// with that CIDR preset. Returns zone -> subnet names, the zone's own subnet first.
std::map<std::string, std::vector<std::string>> AddZoneSubnets(
    api::ClusterSpec& spec, const std::vector<std::string>& all_zones_sorted,
    const std::vector<std::string>& zones, const std::vector<std::string>& network_cidrs,
    const std::string& egress);

// Gives every subnet without a CIDR one from spec.network_cidr: the subnets lacking
// one are sorted by zone; the network is split into 1, 2, 4 or 8 equal parts, enough
// for the Public/Private subnets plus one part when Utility/DualStack subnets need
// CIDRs; parts overlapping a preset CIDR are dropped; the first part left is split in
// 8 for the utility subnets; the others go to the big subnets in order.
// InvalidArgument "insufficient CIDRs ..." naming the subnet and the network when the
// parts run out, and on an unparsable networkCIDR or subnet CIDR.
Status AssignSubnetCidrs(api::ClusterSpec& spec);

}  // namespace kops::create
