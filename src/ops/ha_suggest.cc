#include "ops/ha_suggest.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "base/strings.h"

namespace kops::ops {

namespace {

// The most members one zone may hold so that losing it keeps quorum.
int ZoneLimit(int members) { return (members + 1) / 2 - 1; }

struct Plan {
  int additions = 0;
  int limit = 0;
  int moves = 0;
};

std::optional<Plan> CheapestPlan(const std::map<std::string, int>& counts, int members) {
  std::optional<Plan> best;
  for (int a = 0; a <= members + 6; ++a) {
    int limit = ZoneLimit(members + a);
    int excess = 0, room = 0;
    for (const auto& [zone, c] : counts) {
      excess += std::max(0, c - limit);
      room += std::max(0, limit - c);
    }
    if (room < excess + a) continue;
    if (!best || excess + a < best->moves + best->additions) best = Plan{a, limit, excess};
  }
  return best;
}

// The zone with most room under limit, first in name order among equals.
std::string RoomiestZone(const std::map<std::string, int>& counts, int limit) {
  std::string best;
  int best_room = 0;
  for (const auto& [zone, c] : counts)
    if (limit - c > best_room) best = zone, best_room = limit - c;
  return best;
}

std::vector<LayoutStep> Steps(const std::vector<PlacedMember>& members, std::map<std::string, int> counts,
                              const Plan& plan) {
  std::vector<LayoutStep> steps;
  std::vector<bool> moving(members.size(), false);
  for (auto& [zone, c] : counts) {
    int excess = c - plan.limit;
    for (size_t i = members.size(); i-- > 0 && excess > 0;)
      if (members[i].zone == zone) moving[i] = true, --excess;
    c = std::min(c, plan.limit);
  }
  for (size_t i = 0; i < members.size(); ++i) {
    if (!moving[i]) continue;
    const PlacedMember* m = &members[i];
    std::string to = RoomiestZone(counts, plan.limit);
    ++counts[to];
    steps.push_back({LayoutStep::Kind::kMove, m->name, m->instance_group, m->zone, to});
  }
  for (int i = 0; i < plan.additions; ++i) {
    std::string to = RoomiestZone(counts, plan.limit);
    ++counts[to];
    steps.push_back({LayoutStep::Kind::kAdd, "", "", "", to});
  }
  return steps;
}

}  // namespace

std::vector<std::string> NextZoneNames(const std::vector<std::string>& zones, int n) {
  std::set<std::string> taken(zones.begin(), zones.end());
  std::vector<std::string> out;
  const std::string& first = zones.front();
  bool letter = !first.empty() && first.back() >= 'a' && first.back() <= 'z';
  std::string prefix = letter ? first.substr(0, first.size() - 1) : first + "-extra-";
  for (int i = 0; static_cast<int>(out.size()) < n; ++i) {
    std::string name = letter ? prefix + static_cast<char>('a' + i % 26) + (i < 26 ? "" : std::to_string(i / 26))
                              : prefix + std::to_string(i + 1);
    if (taken.insert(name).second) out.push_back(name);
  }
  return out;
}

LayoutFix SmallestQuorumFix(const std::vector<PlacedMember>& members, const std::vector<std::string>& zones) {
  LayoutFix fix;
  std::map<std::string, int> counts;
  for (const auto& z : zones) counts[z];
  for (const auto& m : members)
    if (!m.zone.empty()) ++counts[m.zone];
  const int total = static_cast<int>(members.size());
  if (total == 0) return fix;
  bool ok = std::all_of(counts.begin(), counts.end(),
                        [&](const auto& zc) { return zc.second <= ZoneLimit(total); });
  if (ok) return fix;
  fix.needed = true;
  if (counts.size() < 3) {
    std::vector<std::string> known;
    for (const auto& [zone, c] : counts) known.push_back(zone);
    if (known.empty()) known.push_back("zone");
    for (const auto& z : NextZoneNames(known, 3 - static_cast<int>(counts.size()))) {
      counts[z] = 0;
      fix.steps.push_back({LayoutStep::Kind::kAddZone, "", "", "", z});
    }
  }
  std::optional<Plan> plan = CheapestPlan(counts, total);
  if (!plan) return fix;  // unreachable with three zones or more
  fix.moves = plan->moves;
  fix.additions = plan->additions;
  for (auto& s : Steps(members, counts, *plan)) fix.steps.push_back(std::move(s));
  return fix;
}

std::string DescribeSuggestion(const HaSuggestion& s) {
  std::vector<std::string> sentences;
  std::vector<std::string> new_zones;
  for (const auto& step : s.steps)
    if (step.kind == LayoutStep::Kind::kAddZone) new_zones.push_back(step.to_zone);
  if (!new_zones.empty()) {
    std::string offered = s.offered_zones.empty() ? "no zone" : "only " + Join(s.offered_zones, ", ");
    std::string what = new_zones.size() == 1 ? "a third zone is needed" : std::to_string(new_zones.size()) +
                                                                               " more zones are needed";
    sentences.push_back("the cluster's subnets offer " + offered + ": " + what + ", e.g. " +
                        Join(new_zones, ", ") + " (add a subnet there)");
  }
  std::map<std::string, int> additions;
  for (const auto& step : s.steps) {
    if (step.kind == LayoutStep::Kind::kMove)
      sentences.push_back("move etcd member " + step.member + " (instance group " + step.instance_group +
                          ") from zone " + step.from_zone + " to zone " + step.to_zone);
    if (step.kind == LayoutStep::Kind::kAdd) ++additions[step.to_zone];
  }
  for (const auto& [zone, n] : additions)
    sentences.push_back(n == 1 ? "add a control plane in zone " + zone
                               : "add " + std::to_string(n) + " control planes in zone " + zone);
  return Join(s.etcd_clusters, ", ") + ": " + Join(sentences, "; ");
}

}  // namespace kops::ops
