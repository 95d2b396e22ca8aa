// Which zone's loss would break etcd quorum (beyond kops): with N members, quorum is
// N/2+1; a zone holding more than N - quorum members takes quorum with it.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace kops::create {

struct ZoneRisk {
  std::string zone;
  int members_in_zone = 0;
  int total_members = 0;
};

// The zones whose loss leaves fewer than a quorum of members, in zone order.
// member_zones holds one zone per etcd member.
std::vector<ZoneRisk> ZonesBreakingQuorum(const std::vector<std::string>& member_zones);

// One line for stderr, or "" when no single zone's loss breaks quorum, e.g.
// "etcd quorum: losing zone us-east-1a (2 of 3 members) would break quorum".
std::string QuorumRiskLine(const std::vector<std::string>& member_zones);

}  // namespace kops::create
