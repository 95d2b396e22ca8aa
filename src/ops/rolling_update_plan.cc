// What a rolling update would do: group selection, update lists, batch sizes, the table.
#include <algorithm>
#include <cmath>
#include <set>

#include "base/strings.h"
#include "ops/rolling_update.h"
#include "ops/validation_render.h"

namespace kops::ops {

namespace {

// kops' role name for a --instance-group-roles value (case-insensitive), "" if unknown.
std::string ParseRole(const std::string& value) {
  std::string v = ToLower(value);
  if (v == "control-plane" || v == "controlplane" || v == "master") return "ControlPlane";
  if (v == "apiserver") return "APIServer";
  if (v == "node") return "Node";
  if (v == "bastion") return "Bastion";
  return "";
}

int RoleRank(const std::string& role) {
  if (role == "Bastion") return 0;
  if (role == "ControlPlane") return 1;
  if (role == "APIServer") return 2;
  return 3;
}

}  // namespace

Result<std::vector<RollGroup>> SelectGroups(const std::vector<RollGroup>& groups,
                                            const RollingUpdateOptions& o) {
  std::set<std::string> roles;
  for (const std::string& r : o.roles) {
    std::string role = ParseRole(r);
    if (role.empty()) {
      return InvalidArgument("--instance-group-roles \"" + r +
                             "\": want control-plane, apiserver, node or bastion");
    }
    roles.insert(role);
  }
  std::set<std::string> names(o.instance_groups.begin(), o.instance_groups.end());
  for (const std::string& n : names) {
    bool found = std::any_of(groups.begin(), groups.end(), [&](const RollGroup& g) { return g.name == n; });
    if (!found) {
      std::vector<std::string> known;
      for (const RollGroup& g : groups) known.push_back(g.name);
      return InvalidArgument("--instance-group \"" + n + "\": no such instance group (groups: " +
                             (known.empty() ? "none" : Join(known, ", ")) + ")");
    }
  }
  std::vector<RollGroup> out;
  for (const RollGroup& g : groups) {
    if (!names.empty() && !names.count(g.name)) continue;
    if (!roles.empty() && !roles.count(g.role)) continue;
    out.push_back(g);
  }
  return out;
}

std::vector<PlannedGroup> PlanRollingUpdate(const std::vector<RollGroup>& selected,
                                            const RollingUpdateOptions& o) {
  std::vector<PlannedGroup> plan;
  for (const RollGroup& g : selected) {
    PlannedGroup p{g, {}};
    for (const RollInstance& i : g.instances) {
      if (!i.running) continue;
      if (!i.need_update.empty()) p.update.push_back({i, i.need_update});
    }
    if (o.force) {
      for (const RollInstance& i : g.instances)
        if (i.running && i.need_update.empty()) p.update.push_back({i, "forced"});
    }
    plan.push_back(std::move(p));
  }
  std::stable_sort(plan.begin(), plan.end(), [](const PlannedGroup& a, const PlannedGroup& b) {
    int ra = RoleRank(a.group.role), rb = RoleRank(b.group.role);
    return ra != rb ? ra < rb : a.group.name < b.group.name;
  });
  return plan;
}

bool AnythingToRoll(const std::vector<PlannedGroup>& plan) {
  return std::any_of(plan.begin(), plan.end(), [](const PlannedGroup& p) { return !p.update.empty(); });
}

void RenderRollingUpdateTable(const std::vector<RollGroup>& selected, const RollingUpdateOptions& o,
                              std::ostream& out) {
  std::vector<std::vector<std::string>> rows = {{"NAME", "STATUS", "NEEDUPDATE", "READY", "MIN", "TARGET", "MAX"}};
  if (!o.cloud_only) rows[0].push_back("NODES");
  for (const RollGroup& g : selected) {
    int need = 0, ready = 0, nodes = 0;
    for (const RollInstance& i : g.instances) {
      if (!i.running) continue;
      (i.need_update.empty() ? ready : need)++;
      if (!i.node.empty()) ++nodes;
    }
    std::vector<std::string> row = {g.name, need > 0 ? "NeedsUpdate" : "Ready", std::to_string(need),
                                    std::to_string(ready), std::to_string(g.min_size),
                                    std::to_string(g.target), std::to_string(g.max_size)};
    if (!o.cloud_only) row.push_back(std::to_string(nodes));
    rows.push_back(std::move(row));
  }
  PrintTable(rows, out);
  std::vector<std::vector<std::string>> instances = {{"INSTANCE", "GROUP", "ZONE", "NODE", "REASON"}};
  for (const PlannedGroup& p : PlanRollingUpdate(selected, o)) {
    for (const PlannedInstance& i : p.update) {
      instances.push_back({i.instance.id, p.group.name, i.instance.zone,
                           i.instance.node.empty() ? "-" : i.instance.node, i.reason});
    }
  }
  if (instances.size() > 1) {
    out << "\n";
    PrintTable(instances, out);
  }
}

namespace {

// An IntOrString as a count of `live`: a percentage rounds up or down as asked.
Result<int> Resolve(const api::IntOrString& v, int live, bool round_up, const std::string& field) {
  if (!v.is_string) {
    if (v.int_value < 0) return InvalidArgument(field + " " + v.ToString() + ": must not be negative");
    return static_cast<int>(v.int_value);
  }
  std::string s = v.string_value;
  if (s.empty() || s.back() != '%') {
    return InvalidArgument(field + " \"" + s + "\": want an integer or a percentage such as \"25%\"");
  }
  int pct = 0;
  try {
    size_t used = 0;
    pct = std::stoi(s.substr(0, s.size() - 1), &used);
    if (used != s.size() - 1 || pct < 0) throw std::invalid_argument(s);
  } catch (...) {
    return InvalidArgument(field + " \"" + s + "\": want an integer or a percentage such as \"25%\"");
  }
  double exact = live * pct / 100.0;
  return static_cast<int>(round_up ? std::ceil(exact) : std::floor(exact));
}

}  // namespace

Result<BatchSettings> ResolveBatchSettings(const RollGroup& g, int live) {
  BatchSettings s{0, 1};
  std::string prefix = "instance group " + g.name + ": spec.rollingUpdate.";
  if (g.max_surge) {
    ASSIGN_OR_RETURN(s.max_surge, Resolve(*g.max_surge, live, true, prefix + "maxSurge"));
  }
  if (g.max_unavailable) {
    ASSIGN_OR_RETURN(s.max_unavailable, Resolve(*g.max_unavailable, live, false, prefix + "maxUnavailable"));
    if (g.max_unavailable->is_string && s.max_unavailable == 0) s.max_unavailable = 1;  // a share is at least 1
  } else {
    s.max_unavailable = s.max_surge > 0 ? 0 : 1;  // kops: surging alone means none unavailable
  }
  return s;
}

}  // namespace kops::ops
