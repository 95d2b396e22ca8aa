#include "ops/ha_report_render.h"

#include <cmath>
#include <string>
#include <vector>

#include "base/strings.h"
#include "ops/validation_render.h"

namespace kops::ops {

namespace {

std::string EtcdCell(const EtcdLoss& e) {
  if (e.members == 0) return "no members";
  return std::string(e.quorum_kept ? "kept" : "LOST") + " (" + std::to_string(e.left) + " of " +
         std::to_string(e.members) + " left)";
}

std::string ApiCell(const LossEffect& effect) {
  if (effect.api_reachable) return "reachable";
  return effect.control_planes_left == 0 ? "DOWN (no control plane left)" : "DOWN (etcd main quorum lost)";
}

std::string CapacityCell(const NodeCapacity& c) {
  if (!c.unknown_machine_types.empty()) return "unknown (machine type " + Join(c.unknown_machine_types, ", ") + " not in the catalogue)";
  if (c.vcpus_total == 0) return "no nodes";
  long percent = std::lround(100.0 * c.vcpus_left / c.vcpus_total);
  return std::to_string(percent) + "% (" + std::to_string(c.vcpus_left) + " of " + std::to_string(c.vcpus_total) +
         " vCPUs)";
}

std::vector<std::string> EtcdHeaders(const HaReport& r) {
  std::vector<std::string> out;
  const std::vector<EtcdLoss>* etcd = !r.zone_losses.empty()       ? &r.zone_losses[0].effect.etcd
                                      : !r.instance_losses.empty() ? &r.instance_losses[0].effect.etcd
                                                                   : nullptr;
  if (etcd)
    for (const auto& e : *etcd) out.push_back("ETCD " + e.cluster);
  return out;
}

nlohmann::json EffectJson(const LossEffect& effect, nlohmann::json j) {
  nlohmann::json etcd = nlohmann::json::array();
  for (const auto& e : effect.etcd)
    etcd.push_back({{"cluster", e.cluster},
                    {"members", e.members},
                    {"quorum", e.quorum},
                    {"lost", e.lost},
                    {"left", e.left},
                    {"lostMembers", e.lost_members},
                    {"quorumKept", e.quorum_kept}});
  j["etcd"] = etcd;
  j["controlPlanesLeft"] = effect.control_planes_left;
  j["apiReachable"] = effect.api_reachable;
  j["quorumKept"] = effect.AllQuorumsKept();
  return j;
}

const char* ActionName(LayoutStep::Kind k) {
  switch (k) {
    case LayoutStep::Kind::kAddZone: return "add-zone";
    case LayoutStep::Kind::kMove: return "move";
    case LayoutStep::Kind::kAdd: return "add";
  }
  return "";
}

}  // namespace

void RenderHaReportTable(const HaReport& r, std::ostream& out) {
  out << "HA report for cluster " << r.cluster << " (cloud " << r.cloud << "): " << r.control_planes
      << " control plane" << (r.control_planes == 1 ? "" : "s") << ", zones " << Join(r.zones, ", ") << "\n\n";
  std::vector<std::string> etcd_headers = EtcdHeaders(r);

  out << "ZONE LOSSES\n";
  std::vector<std::vector<std::string>> zones{{"ZONE", "CONTROL PLANES"}};
  zones[0].insert(zones[0].end(), etcd_headers.begin(), etcd_headers.end());
  zones[0].insert(zones[0].end(), {"API", "NODE CAPACITY LEFT"});
  for (const auto& z : r.zone_losses) {
    std::vector<std::string> row{z.zone, std::to_string(z.control_planes)};
    for (const auto& e : z.effect.etcd) row.push_back(EtcdCell(e));
    row.push_back(ApiCell(z.effect));
    row.push_back(CapacityCell(z.nodes));
    zones.push_back(std::move(row));
  }
  PrintTable(zones, out);

  out << "\nCONTROL-PLANE INSTANCE LOSSES\n";
  std::vector<std::vector<std::string>> instances{{"INSTANCE", "ZONE"}};
  instances[0].insert(instances[0].end(), etcd_headers.begin(), etcd_headers.end());
  instances[0].push_back("API");
  for (const auto& i : r.instance_losses) {
    std::vector<std::string> row{i.instance, i.zone.empty() ? "(several or none)" : i.zone};
    for (const auto& e : i.effect.etcd) row.push_back(EtcdCell(e));
    row.push_back(ApiCell(i.effect));
    instances.push_back(std::move(row));
  }
  PrintTable(instances, out);

  if (r.findings.empty() && r.suggestions.empty()) {
    out << "\nNothing to flag: every etcd cluster keeps quorum when any one zone is lost.\n";
    return;
  }
  out << "\nFINDINGS\n";
  for (const auto& f : r.findings) out << "- " << f.message << "\n";
  if (r.suggestions.empty()) return;
  out << "\nSUGGESTIONS (the smallest change after which no single zone's loss breaks quorum)\n";
  for (const auto& s : r.suggestions) out << "- " << s.message << "\n";
}

nlohmann::json HaReportToJson(const HaReport& r) {
  nlohmann::json zones = nlohmann::json::array(), instances = nlohmann::json::array(),
                 findings = nlohmann::json::array(), suggestions = nlohmann::json::array();
  for (const auto& z : r.zone_losses) {
    auto share = z.nodes.ShareLeft();
    zones.push_back(EffectJson(
        z.effect, {{"zone", z.zone},
                   {"controlPlanes", z.control_planes},
                   {"nodeCapacity",
                    {{"vcpusTotal", z.nodes.vcpus_total},
                     {"vcpusLeft", z.nodes.vcpus_left},
                     {"shareLeft", share ? nlohmann::json(std::round(*share * 10000) / 10000) : nlohmann::json()},
                     {"unknownMachineTypes", z.nodes.unknown_machine_types}}}}));
  }
  for (const auto& i : r.instance_losses)
    instances.push_back(
        EffectJson(i.effect, {{"instance", i.instance}, {"instanceGroup", i.instance_group}, {"zone", i.zone}}));
  for (const auto& f : r.findings)
    findings.push_back({{"kind", f.kind}, {"etcdCluster", f.etcd_cluster}, {"zone", f.zone}, {"message", f.message}});
  for (const auto& s : r.suggestions) {
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& st : s.steps)
      steps.push_back({{"action", ActionName(st.kind)},
                       {"zone", st.to_zone},
                       {"member", st.member},
                       {"instanceGroup", st.instance_group},
                       {"fromZone", st.from_zone}});
    suggestions.push_back({{"etcdClusters", s.etcd_clusters}, {"message", s.message}, {"steps", steps}});
  }
  return {{"cluster", r.cluster},
          {"cloud", r.cloud},
          {"controlPlanes", r.control_planes},
          {"zonesBreakingQuorum", r.ZonesBreakingQuorum()},
          {"zones", zones},
          {"instances", instances},
          {"findings", findings},
          {"suggestions", suggestions}};
}

}  // namespace kops::ops
