// The smallest change to an etcd cluster's layout after which no single zone's loss breaks
// its quorum: with M members the quorum is M/2+1, so every zone may hold at most
// ceil(M/2)-1 members (for odd M: no zone holds a majority). The change counts member
// moves (a control plane moved to another zone) and additions (a new control plane); it
// uses the zones the cluster offers, and only when fewer than three zones are offered
// (two zones can never do it) it adds the zones needed to reach three, naming them.
#pragma once

#include <string>
#include <vector>

namespace kops::ops {

struct PlacedMember {
  std::string name;            // etcd member name
  std::string instance_group;  // its control-plane group
  std::string zone;            // "" when unknown (counted, never moved)
};

struct LayoutStep {
  enum class Kind { kAddZone, kMove, kAdd };
  Kind kind = Kind::kMove;
  std::string member;          // kMove: the member moved
  std::string instance_group;  // kMove: its group
  std::string from_zone;       // kMove
  std::string to_zone;         // kMove, kAdd: the destination; kAddZone: the new zone
  bool operator==(const LayoutStep&) const = default;
};

struct LayoutFix {
  bool needed = false;  // false when the layout already survives any one zone's loss
  int moves = 0;
  int additions = 0;
  std::vector<LayoutStep> steps;  // new zones first, then moves, then additions
};

// members: one etcd cluster's members in spec order. zones: the zones the cluster offers.
// Minimises moves + additions; among equal totals, fewer additions. Moves take the last
// members (spec order) of an over-full zone to the zone with most room (then name order);
// additions go where most room is left.
LayoutFix SmallestQuorumFix(const std::vector<PlacedMember>& members, const std::vector<std::string>& zones);

// n zone names not in zones, after the pattern of the given ones: for zones ending in a
// letter ("us-test-1a", "local-b") the same prefix with the next unused letters; otherwise
// "<first zone>-extra-<i>". zones must not be empty.
std::vector<std::string> NextZoneNames(const std::vector<std::string>& zones, int n);

// A suggestion for the report: one fix, shared by the etcd clusters whose fix is the same
// (main and events usually are).
struct HaSuggestion {
  std::vector<std::string> etcd_clusters;
  std::vector<LayoutStep> steps;
  std::vector<std::string> offered_zones;  // the zones the cluster offered
  std::string message;                     // one sentence per step
};

// Builds the message of a suggestion from its steps.
std::string DescribeSuggestion(const HaSuggestion& s);

}  // namespace kops::ops
