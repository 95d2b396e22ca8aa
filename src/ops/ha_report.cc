#include "ops/ha_report.h"

#include <algorithm>
#include <map>
#include <set>

#include "api/defaults.h"
#include "api/etcd_layout.h"
#include "base/strings.h"
#include "channels/instance_types.h"

namespace kops::ops {

namespace {

// n instances over zones as an ASG balances them: evenly, the remainder to the first zones.
std::map<std::string, int> SplitOverZones(int n, const std::vector<std::string>& zones) {
  std::map<std::string, int> out;
  if (zones.empty()) return out;
  const int z = static_cast<int>(zones.size());
  for (int i = 0; i < z; ++i) out[zones[i]] = n / z + (i < n % z ? 1 : 0);
  return out;
}

int Size(const api::InstanceGroup& g) { return std::max(0, g.spec.min_size.value_or(0)); }

// One control-plane instance and the etcd members it runs, per etcd cluster.
struct ControlPlaneInstance {
  std::string name;
  const api::InstanceGroup* group = nullptr;
  std::string zone;
  std::vector<std::vector<std::string>> members;  // index: etcd cluster
};

struct Model {
  const api::Cluster* cluster = nullptr;
  std::vector<api::InstanceGroup> groups;  // defaulted copies
  api::EtcdLayout layout;
  size_t main_etcd = 0;
  std::vector<ControlPlaneInstance> control_planes;
};

std::vector<ControlPlaneInstance> ControlPlaneInstances(const Model& m) {
  std::vector<ControlPlaneInstance> out;
  const auto& etcds = m.cluster->spec.etcd_clusters;
  for (const auto& g : m.groups) {
    if (!g.spec.IsControlPlane()) continue;
    const int n = Size(g);
    auto zones = api::InstanceGroupZones(g, *m.cluster);
    for (int i = 0; i < n; ++i) {
      ControlPlaneInstance cp;
      cp.name = n == 1 ? g.name() : g.name() + "/" + std::to_string(i + 1);
      cp.group = &g;
      cp.zone = zones.size() == 1 ? zones[0] : "";
      cp.members.resize(etcds.size());
      for (size_t e = 0; e < etcds.size(); ++e) {
        int k = 0;
        for (const auto& member : etcds[e].members)
          if (member.instance_group == g.name() && k++ % n == i) cp.members[e].push_back(member.name);
      }
      out.push_back(std::move(cp));
    }
  }
  return out;
}

LossEffect Effect(const Model& m, const std::vector<std::vector<std::string>>& lost_members, int cp_lost) {
  LossEffect effect;
  for (size_t e = 0; e < m.layout.clusters.size(); ++e) {
    const auto& c = m.layout.clusters[e];
    EtcdLoss loss{c.name, c.member_count, c.quorum};
    loss.lost_members = lost_members[e];
    loss.lost = static_cast<int>(loss.lost_members.size());
    loss.left = c.member_count - loss.lost;
    loss.quorum_kept = c.member_count > 0 && loss.left >= c.quorum;
    effect.etcd.push_back(std::move(loss));
  }
  effect.control_planes_left = static_cast<int>(m.control_planes.size()) - cp_lost;
  effect.api_reachable = effect.control_planes_left > 0 && !effect.etcd.empty() &&
                         effect.etcd[m.main_etcd].quorum_kept;
  return effect;
}

NodeCapacity NodesLeftAfter(const Model& m, const std::string& zone) {
  NodeCapacity cap;
  std::set<std::string> unknown;
  for (const auto& g : m.groups) {
    if (g.spec.role != api::kRoleNode) continue;
    auto type = channels::FindMachineType(g.spec.machine_type);
    if (!type) {
      unknown.insert(g.spec.machine_type.empty() ? "(none set in " + g.name() + ")" : g.spec.machine_type);
      continue;
    }
    const int n = Size(g);
    auto split = SplitOverZones(n, api::InstanceGroupZones(g, *m.cluster));
    int lost = split.count(zone) ? split[zone] : 0;
    cap.vcpus_total += n * type->vcpus;
    cap.vcpus_left += (n - lost) * type->vcpus;
  }
  cap.unknown_machine_types.assign(unknown.begin(), unknown.end());
  return cap;
}

ZoneLoss LoseZone(const Model& m, const std::string& zone) {
  ZoneLoss z;
  z.zone = zone;
  std::vector<std::vector<std::string>> lost;
  for (const auto& c : m.layout.clusters) {
    lost.emplace_back();
    for (const auto& zm : c.zones)
      if (zm.zone == zone) lost.back() = zm.members;
  }
  for (const auto& g : m.groups)
    if (g.spec.IsControlPlane()) {
      auto split = SplitOverZones(Size(g), api::InstanceGroupZones(g, *m.cluster));
      if (split.count(zone)) z.control_planes += split[zone];
    }
  z.effect = Effect(m, lost, z.control_planes);
  z.nodes = NodesLeftAfter(m, zone);
  return z;
}

std::string Count(int n, const std::string& what) { return std::to_string(n) + " " + what; }

void AddFindings(const Model& m, HaReport& r) {
  const int cps = static_cast<int>(m.control_planes.size());
  if (cps == 0)
    r.findings.push_back({"NoControlPlane", "", "", "no control-plane instance: the Kubernetes API cannot run"});
  if (cps == 1)
    r.findings.push_back({"SingleControlPlane", "", m.control_planes[0].zone,
                          "a single control plane (" + m.control_planes[0].name +
                              "): no HA; while it is down the Kubernetes API is unavailable (kops' HA docs: "
                              "run several control planes, an odd number, in different zones)"});
  for (const auto& c : m.layout.clusters) {
    if (c.member_count == 0) {
      r.findings.push_back({"NoMembers", c.name, "", "etcd cluster " + c.name + " has no members"});
      continue;
    }
    if (c.member_count % 2 == 0)
      r.findings.push_back({"EvenMembers", c.name, "",
                            "etcd cluster " + c.name + " has " + Count(c.member_count, "members") +
                                ", an even number: quorum is " + std::to_string(c.quorum) + ", so it tolerates " +
                                std::to_string(c.tolerated_failures) + " failure(s), no more than " +
                                std::to_string(c.member_count - 1) +
                                " members would; kops: use an odd number of control-plane zones for quorum"});
    for (const auto& z : c.zones) {
      const int held = static_cast<int>(z.members.size());
      if (z.zone.empty() || 2 * held < c.member_count) continue;
      bool majority = 2 * held > c.member_count;
      r.findings.push_back(
          {majority ? "ZoneMajority" : "ZoneHalf", c.name, z.zone,
           "zone " + z.zone + " holds " + std::to_string(held) + " of " + std::to_string(c.member_count) +
               " members of etcd cluster " + c.name + " (" + Join(z.members, ", ") + ")" +
               (majority ? ", a majority" : ", half of them") + ": losing it leaves " +
               std::to_string(c.member_count - held) + ", below quorum " + std::to_string(c.quorum)});
    }
  }
}

std::vector<std::string> OfferedZones(const api::Cluster& cluster, const std::vector<std::string>& all) {
  std::set<std::string> zones;
  for (const auto& s : cluster.spec.subnets)
    if (!s.zone.empty()) zones.insert(s.zone);
  if (zones.empty()) return all;
  return {zones.begin(), zones.end()};
}

void AddSuggestions(const Model& m, HaReport& r) {
  std::vector<std::string> offered = OfferedZones(*m.cluster, r.zones);
  for (const auto& etcd : m.cluster->spec.etcd_clusters) {
    std::vector<PlacedMember> members;
    for (const auto& member : etcd.members) {
      std::string zone;
      for (const auto& g : m.groups)
        if (g.name() == member.instance_group) {
          auto zones = api::InstanceGroupZones(g, *m.cluster);
          if (zones.size() == 1) zone = zones[0];
        }
      members.push_back({member.name, member.instance_group, zone});
    }
    LayoutFix fix = SmallestQuorumFix(members, offered);
    if (!fix.needed) continue;
    auto same = std::find_if(r.suggestions.begin(), r.suggestions.end(),
                             [&](const HaSuggestion& s) { return s.steps == fix.steps; });
    if (same != r.suggestions.end()) {
      same->etcd_clusters.push_back(etcd.name);
    } else {
      r.suggestions.push_back({{etcd.name}, fix.steps, offered, ""});
    }
  }
  for (auto& s : r.suggestions) s.message = DescribeSuggestion(s);
}

}  // namespace

std::optional<double> NodeCapacity::ShareLeft() const {
  if (!unknown_machine_types.empty() || vcpus_total == 0) return std::nullopt;
  return static_cast<double>(vcpus_left) / vcpus_total;
}

bool LossEffect::AllQuorumsKept() const {
  return std::all_of(etcd.begin(), etcd.end(), [](const EtcdLoss& e) { return e.quorum_kept; });
}

std::vector<std::string> HaReport::ZonesBreakingQuorum() const {
  std::vector<std::string> out;
  for (const auto& z : zone_losses)
    if (!z.effect.AllQuorumsKept()) out.push_back(z.zone);
  return out;
}

HaReport AnalyzeHa(const api::Cluster& cluster, const std::vector<api::InstanceGroup>& groups) {
  Model m;
  m.cluster = &cluster;
  m.groups = groups;
  for (auto& g : m.groups) api::ApplyDefaults(g, cluster);
  m.layout = api::ComputeEtcdLayout(cluster, m.groups);
  for (size_t e = 0; e < m.layout.clusters.size(); ++e)
    if (m.layout.clusters[e].name == "main") {
      m.main_etcd = e;
      break;
    }
  m.control_planes = ControlPlaneInstances(m);

  HaReport r;
  r.cluster = cluster.name();
  r.cloud = cluster.spec.cloud_provider;
  std::set<std::string> zones;
  for (const auto& s : cluster.spec.subnets)
    if (!s.zone.empty()) zones.insert(s.zone);
  for (const auto& g : m.groups)
    for (const auto& z : api::InstanceGroupZones(g, cluster)) zones.insert(z);
  r.zones.assign(zones.begin(), zones.end());
  r.control_planes = static_cast<int>(m.control_planes.size());
  for (const auto& z : r.zones) r.zone_losses.push_back(LoseZone(m, z));
  for (const auto& cp : m.control_planes)
    r.instance_losses.push_back({cp.name, cp.group->name(), cp.zone, Effect(m, cp.members, 1)});
  AddFindings(m, r);
  AddSuggestions(m, r);
  return r;
}

std::string QuorumVerdictLine(const HaReport& report) {
  // Per etcd cluster (spec order): the zone losses that break its quorum.
  std::vector<std::string> clusters;
  std::vector<std::vector<std::string>> losses;
  for (const auto& zl : report.zone_losses) {
    clusters.resize(std::max(clusters.size(), zl.effect.etcd.size()));
    losses.resize(clusters.size());
    for (size_t e = 0; e < zl.effect.etcd.size(); ++e) {
      const EtcdLoss& loss = zl.effect.etcd[e];
      clusters[e] = loss.cluster;
      if (!loss.quorum_kept && loss.members > 0)
        losses[e].push_back("zone " + zl.zone + " (" + std::to_string(loss.lost) + " of " +
                            std::to_string(loss.members) + " members)");
    }
  }
  auto either = [](const std::vector<std::string>& items) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : i + 1 == items.size() ? " or " : ", ") + items[i];
    return out;
  };
  if (std::all_of(losses.begin(), losses.end(), [](const auto& l) { return l.empty(); })) return "";
  if (std::all_of(losses.begin(), losses.end(), [&](const auto& l) { return l == losses[0]; }))
    return "etcd quorum: losing " + either(losses[0]) + " would break quorum";
  std::vector<std::string> per_cluster;
  for (size_t e = 0; e < losses.size(); ++e)
    if (!losses[e].empty()) per_cluster.push_back(clusters[e] + ": losing " + either(losses[e]));
  return "etcd quorum: " + Join(per_cluster, "; ") + " would break quorum";
}

}  // namespace kops::ops
