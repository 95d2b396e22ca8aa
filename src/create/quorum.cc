#include "create/quorum.h"

namespace kops::create {

std::vector<ZoneRisk> ZonesBreakingQuorum(const std::vector<std::string>& member_zones) {
  std::map<std::string, int> per_zone;
  for (const auto& z : member_zones) ++per_zone[z];
  const int total = static_cast<int>(member_zones.size());
  const int quorum = total / 2 + 1;
  std::vector<ZoneRisk> risks;
  for (const auto& [zone, count] : per_zone)
    if (total - count < quorum) risks.push_back({zone, count, total});
  return risks;
}

std::string QuorumRiskLine(const std::vector<std::string>& member_zones) {
  auto risks = ZonesBreakingQuorum(member_zones);
  if (risks.empty()) return "";
  std::string line = "etcd quorum: losing ";
  for (size_t i = 0; i < risks.size(); ++i) {
    if (i) line += i + 1 == risks.size() ? " or " : ", ";
    line += "zone " + risks[i].zone + " (" + std::to_string(risks[i].members_in_zone) + " of " +
            std::to_string(risks[i].total_members) + " members)";
  }
  line += " would break quorum";
  return line;
}

}  // namespace kops::create
