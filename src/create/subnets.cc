#include "create/subnets.h"

#include <algorithm>

#include "base/cidr.h"

namespace kops::create {

std::map<std::string, std::vector<std::string>> AddZoneSubnets(
    api::ClusterSpec& spec, const std::vector<std::string>& all_zones_sorted,
    const std::vector<std::string>& zones, const std::vector<std::string>& network_cidrs,
    const std::string& egress) {
  std::map<std::string, std::vector<std::string>> by_zone;
  for (const std::string& zone : all_zones_sorted) {
    api::ClusterSubnetSpec s;
    s.name = zone;
    s.zone = zone;
    s.egress = egress;
    spec.subnets.push_back(s);
    by_zone[zone].push_back(zone);
  }
  for (size_t i = 1; i < network_cidrs.size() && !zones.empty(); ++i) {
    const std::string& zone = zones[(i - 1) % zones.size()];
    api::ClusterSubnetSpec s;
    s.name = zone + "-" + std::to_string(i);
    s.zone = zone;
    s.cidr = network_cidrs[i];
    s.egress = egress;
    spec.subnets.push_back(s);
    by_zone[zone].push_back(s.name);
  }
  return by_zone;
}

namespace {

bool IsBig(const api::ClusterSubnetSpec& s) {
  return s.type == api::kSubnetPublic || s.type == api::kSubnetPrivate;
}

}  // namespace

Status AssignSubnetCidrs(api::ClusterSpec& spec) {
  std::vector<api::ClusterSubnetSpec*> big, little;
  std::vector<Cidr> reserved;
  for (auto& s : spec.subnets) {
    if (!IsBig(s) && s.type != api::kSubnetUtility && s.type != api::kSubnetDualStack)
      return InvalidArgument("subnet \"" + s.name + "\" has unknown type \"" + s.type +
                             "\"; expected Public, Private, Utility or DualStack");
    if (!s.cidr.empty()) {
      auto c = Cidr::Parse(s.cidr);
      if (!c.ok())
        return InvalidArgument("subnet \"" + s.name + "\": " + c.status().message());
      reserved.push_back(c->Network());
      continue;
    }
    (IsBig(s) ? big : little).push_back(&s);
  }
  if (big.empty() && little.empty()) return Status::Ok();
  auto network = Cidr::Parse(spec.network_cidr);
  if (!network.ok())
    return InvalidArgument("networkCIDR \"" + spec.network_cidr + "\": " +
                           network.status().message());
  size_t needed = big.size() + (little.empty() ? 0 : 1);
  int k = 0;
  while ((size_t(1) << k) < needed && k < 3) ++k;
  std::vector<Cidr> parts;
  if (auto split = network->Network().Split(k); split.ok()) {
    for (const Cidr& p : *split) {
      bool overlaps = std::any_of(reserved.begin(), reserved.end(),
                                  [&](const Cidr& r) { return r.Overlaps(p); });
      if (!overlaps) parts.push_back(p);
    }
  }
  auto by_zone = [](const api::ClusterSubnetSpec* a, const api::ClusterSubnetSpec* b) {
    return a->zone < b->zone;
  };
  std::stable_sort(big.begin(), big.end(), by_zone);
  std::stable_sort(little.begin(), little.end(), by_zone);
  auto insufficient = [&](const api::ClusterSubnetSpec* s, const char* kind) {
    return InvalidArgument("insufficient CIDRs remaining in networkCIDR " + spec.network_cidr +
                           " for automatic allocation to " + kind + " subnet \"" + s->name +
                           "\": " + std::to_string(needed) +
                           " parts needed, the network is split into at most 8 and parts "
                           "overlapping preset subnet CIDRs are skipped; use fewer zones, "
                           "another --network-cidr or set the subnets' CIDRs");
  };
  std::vector<Cidr> little_parts;
  if (!little.empty()) {
    if (parts.empty()) return insufficient(little.front(), "utility");
    auto split = parts.front().Split(3);
    if (split.ok()) little_parts = *split;
    parts.erase(parts.begin());
  }
  size_t next = 0;
  for (auto* s : big) {
    if (next >= parts.size()) return insufficient(s, "zone");
    s->cidr = parts[next++].ToString();
  }
  next = 0;
  for (auto* s : little) {
    if (next >= little_parts.size()) return insufficient(s, "utility");
    s->cidr = little_parts[next++].ToString();
  }
  return Status::Ok();
}

}  // namespace kops::create
