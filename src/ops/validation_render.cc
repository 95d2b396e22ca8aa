#include "ops/validation_render.h"

#include <algorithm>

#include "ops/etcd_leader.h"

namespace kops::ops {

void PrintTable(const std::vector<std::vector<std::string>>& rows, std::ostream& out) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - row[i].size() + 2, ' ');
    }
    out << line << "\n";
  }
}

namespace {

std::string JoinComma(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
  return s;
}

}  // namespace

void RenderValidationTable(const ClusterValidation& v, std::ostream& out) {
  std::vector<std::vector<std::string>> groups = {{"NAME", "ROLE", "MACHINETYPE", "MIN", "MAX", "SUBNETS"}};
  for (const auto& g : v.groups) {
    groups.push_back({g.name, g.role, g.machine_type, std::to_string(g.min_size), std::to_string(g.max_size),
                      JoinComma(g.subnets)});
  }
  out << "INSTANCE GROUPS\n";
  PrintTable(groups, out);

  std::vector<std::vector<std::string>> nodes = {{"NAME", "ROLE", "READY"}};
  for (const auto& n : v.nodes) nodes.push_back({n.name, n.role, n.status});
  out << "\nNODE STATUS\n";
  PrintTable(nodes, out);

  std::vector<std::vector<std::string>> etcd = {{"CLUSTER", "MEMBER", "ZONE", "HEALTHY", "LEADER", "REVISION"}};
  for (const auto& e : v.etcd) {
    etcd.push_back({e.cluster, e.member + (e.learner ? " (learner)" : ""), e.zone, e.healthy ? "True" : "False",
                    e.leader ? "*" : "", e.revision > 0 ? std::to_string(e.revision) : "-"});
  }
  out << "\nETCD\n";
  PrintTable(etcd, out);

  if (!v.failures.empty()) {
    std::vector<std::vector<std::string>> errors = {{"KIND", "NAME", "MESSAGE"}};
    for (const auto& f : v.failures) errors.push_back({f.kind, f.name, f.message});
    out << "\nVALIDATION ERRORS\n";
    PrintTable(errors, out);
    out << "\nValidation Failed\n";
  } else {
    out << "\nYour cluster " << v.cluster_name << " is ready\n";
  }
}

nlohmann::json ValidationToJson(const ClusterValidation& v) {
  nlohmann::json j = nlohmann::json::object();
  if (!v.failures.empty()) {
    nlohmann::json failures = nlohmann::json::array();
    for (const auto& f : v.failures) failures.push_back({{"type", f.kind}, {"name", f.name}, {"message", f.message}});
    j["failures"] = failures;
  }
  if (!v.nodes.empty()) {
    nlohmann::json nodes = nlohmann::json::array();
    for (const auto& n : v.nodes) {
      nodes.push_back({{"name", n.name}, {"zone", n.zone}, {"role", n.role}, {"hostname", n.hostname},
                       {"status", n.status}});
    }
    j["nodes"] = nodes;
  }
  nlohmann::json etcd = nlohmann::json::array();
  for (const auto& e : v.etcd) {
    nlohmann::json m = {{"cluster", e.cluster}, {"member", e.member},     {"zone", e.zone},
                        {"instance", e.instance_id}, {"healthy", e.healthy}, {"leader", e.leader},
                        {"learner", e.learner}, {"revision", e.revision}};
    if (e.member_id != 0) m["id"] = EtcdMemberIdHex(e.member_id);
    if (!e.error.empty()) m["error"] = e.error;
    etcd.push_back(m);
  }
  j["etcd"] = etcd;
  return j;
}

}  // namespace kops::ops
