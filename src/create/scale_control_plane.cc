#include "create/scale_control_plane.h"

#include <algorithm>
#include <map>
#include <set>

#include "api/etcd_layout.h"
#include "api/meta.h"
#include "base/strings.h"
#include "create/cloud_inference.h"
#include "create/control_plane.h"
#include "create/subnets.h"

namespace kops::create {
namespace {

using Kind = ScaleStep::Kind;

ScaleStep Step(Kind kind, std::string group, std::string member,
               std::vector<std::string> etcd_clusters, std::string description) {
  ScaleStep s;
  s.kind = kind;
  s.group = std::move(group);
  s.member = std::move(member);
  s.etcd_clusters = std::move(etcd_clusters);
  s.description = std::move(description);
  return s;
}

struct Existing {
  const api::InstanceGroup* group;
  std::string zone;
  std::string member;  // its member name in the first etcd cluster ("" when none)
};

std::string Join(const std::vector<std::string>& v, const char* sep = ", ") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

Status CheckZones(const api::Cluster& cluster, const std::vector<std::string>& zones) {
  if (zones.empty())
    return InvalidArgument("--zones: expected at least one zone for the control planes");
  std::set<std::string> seen;
  const std::string& cloud = cluster.spec.cloud_provider;
  std::string region;
  for (const auto& s : cluster.spec.subnets)
    if (!s.zone.empty() && region.empty()) region = s.zone.substr(0, s.zone.size() - 1);
  for (const auto& z : zones) {
    if (!seen.insert(z).second) return InvalidArgument("--zones: zone \"" + z + "\" is listed twice");
    bool ok = cloud == api::kCloudLocal
                  ? StartsWith(z, "local-") && z.size() > 6
                  : GuessCloudForZone(z) == cloud &&
                        (region.empty() || z.substr(0, z.size() - 1) == region);
    if (!ok)
      return InvalidArgument(
          "--zones: zone \"" + z + "\" cannot be used by cluster \"" + cluster.name() +
          "\" (cloud " + cloud + "); expected " +
          (cloud == api::kCloudLocal ? std::string("a local cloud zone local-<name>, e.g. local-b")
                                     : "a zone of region " + region));
  }
  return Status::Ok();
}

// The zone of every control-plane group, or an error for a group in several zones.
Result<std::vector<Existing>> ExistingControlPlanes(const api::Cluster& cluster,
                                                    const std::vector<api::InstanceGroup>& groups) {
  std::vector<Existing> out;
  for (const auto& g : groups) {
    if (!g.spec.IsControlPlane()) continue;
    std::vector<std::string> zones = api::InstanceGroupZones(g, cluster);
    if (zones.size() != 1)
      return InvalidArgument("instance group \"" + g.name() +
                             "\": a control-plane group must run in exactly one zone, it has " +
                             std::to_string(zones.size()));
    Existing e{&g, zones[0], ""};
    if (!cluster.spec.etcd_clusters.empty())
      for (const auto& m : cluster.spec.etcd_clusters[0].members)
        if (m.instance_group == g.name()) e.member = m.name;
    out.push_back(e);
  }
  return out;
}

bool Older(const Existing& a, const Existing& b) {
  const auto& ta = a.group->metadata.creation_timestamp;
  const auto& tb = b.group->metadata.creation_timestamp;
  if (ta != tb) return ta < tb;
  return a.group->name() < b.group->name();
}

struct Matching {
  std::vector<int> slot_owner;      // per slot: index into existing, or -1
  std::vector<int> removed;         // indices into existing, not yet ordered
};

Matching MatchSlots(const std::vector<ControlPlaneSlot>& slots, const std::vector<Existing>& existing) {
  Matching m;
  m.slot_owner.assign(slots.size(), -1);
  std::vector<bool> used(existing.size(), false);
  for (size_t s = 0; s < slots.size(); ++s)
    for (size_t e = 0; e < existing.size(); ++e)
      if (!used[e] && existing[e].group->name() == slots[s].group_name &&
          existing[e].zone == slots[s].zone) {
        m.slot_owner[s] = static_cast<int>(e);
        used[e] = true;
      }
  std::vector<int> order(existing.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return Older(existing[a], existing[b]); });
  for (size_t s = 0; s < slots.size(); ++s) {
    if (m.slot_owner[s] >= 0) continue;
    for (int e : order)
      if (!used[e] && existing[e].zone == slots[s].zone) {
        m.slot_owner[s] = e;
        used[e] = true;
        break;
      }
  }
  for (size_t e = 0; e < existing.size(); ++e)
    if (!used[e]) m.removed.push_back(static_cast<int>(e));
  return m;
}

// Removal order: each time the group whose removal leaves the most distinct zones among
// the control planes still there, newest first among equals.
std::vector<int> RemovalOrder(const std::vector<Existing>& existing, std::vector<int> removed) {
  std::vector<bool> gone(existing.size(), false);
  std::vector<int> order;
  while (!removed.empty()) {
    int best = -1;
    size_t best_zones = 0;
    for (int cand : removed) {
      std::set<std::string> zones;
      for (size_t e = 0; e < existing.size(); ++e)
        if (!gone[e] && static_cast<int>(e) != cand) zones.insert(existing[e].zone);
      bool better = best < 0 || zones.size() > best_zones ||
                    (zones.size() == best_zones && Older(existing[best], existing[cand]));
      if (better) {
        best = cand;
        best_zones = zones.size();
      }
    }
    gone[best] = true;
    order.push_back(best);
    removed.erase(std::find(removed.begin(), removed.end(), best));
  }
  return order;
}

std::set<std::string> AllMemberNames(const api::Cluster& cluster) {
  std::set<std::string> names;
  for (const auto& etcd : cluster.spec.etcd_clusters)
    for (const auto& m : etcd.members) names.insert(m.name);
  return names;
}

// Names the slots: an owned slot keeps its group's name and member (a group written by
// an interrupted run has no member yet: it gets create's name for it); a new slot gets
// create's names, or the next free "<zone>-<k>" when the group or member name is taken.
// Taken: every existing group, and the members of existing groups (a member naming a
// group that does not exist was written by an interrupted run of this command).
void NameSlots(std::vector<ControlPlaneSlot>& slots, const Matching& match,
               const std::vector<Existing>& existing, const api::Cluster& cluster,
               const std::vector<api::InstanceGroup>& groups, std::vector<std::string>& member_names) {
  std::set<std::string> taken_groups, taken_members;
  for (const auto& g : groups) taken_groups.insert(g.name());
  for (const auto& etcd : cluster.spec.etcd_clusters)
    for (const auto& m : etcd.members)
      if (taken_groups.count(m.instance_group)) taken_members.insert(m.name);
  std::vector<std::string> names;
  for (size_t s = 0; s < slots.size(); ++s)
    names.push_back(match.slot_owner[s] >= 0 ? existing[match.slot_owner[s]].group->name()
                                             : slots[s].group_name);
  member_names = EtcdMemberNames(names);
  for (size_t s = 0; s < slots.size(); ++s) {
    if (match.slot_owner[s] >= 0) {
      const std::string& have = existing[match.slot_owner[s]].member;
      if (!have.empty()) member_names[s] = have;
      else
        for (int k = 2, base = 0; taken_members.count(member_names[s]); ++k, base = 1)
          member_names[s] = (base ? member_names[s].substr(0, member_names[s].rfind('-'))
                                  : member_names[s]) + "-" + std::to_string(k);
      taken_members.insert(member_names[s]);
      slots[s].group_name = names[s];
      continue;
    }
    for (int k = 2; taken_groups.count(names[s]) || taken_members.count(member_names[s]); ++k) {
      names[s] = "control-plane-" + slots[s].zone + "-" + std::to_string(k);
      member_names[s] = EtcdMemberNames(names)[s];
    }
    slots[s].group_name = names[s];
    taken_groups.insert(names[s]);
    taken_members.insert(member_names[s]);
  }
}

// Subnets for zones that have none, CIDRs by create's allocation inside the network.
Result<std::vector<api::ClusterSubnetSpec>> NewSubnets(api::Cluster& cluster,
                                                       const std::vector<std::string>& zones,
                                                       std::vector<std::string>& resized) {
  std::set<std::string> have;
  std::string egress, type = api::kSubnetPublic;
  for (const auto& s : cluster.spec.subnets) {
    have.insert(s.zone);
    if (s.type == api::kSubnetPublic || s.type == api::kSubnetPrivate) type = s.type;
  }
  std::vector<std::string> missing;
  for (const auto& z : zones)
    if (!have.count(z)) missing.push_back(z);
  std::sort(missing.begin(), missing.end());
  if (missing.empty()) return std::vector<api::ClusterSubnetSpec>{};
  if (type == api::kSubnetPrivate)
    return InvalidArgument("--zones " + Join(missing) +
                           ": adding zones to a private-topology cluster needs utility subnets "
                           "too; add the subnets with kops edit cluster first");
  size_t first_new = cluster.spec.subnets.size();
  for (const auto& z : missing) {
    api::ClusterSubnetSpec s;
    s.name = z;
    s.zone = z;
    s.type = type;
    cluster.spec.subnets.push_back(s);
  }
  api::ClusterSpec before = cluster.spec;
  Status assigned = AssignSubnetCidrs(cluster.spec);
  if (!assigned.ok() && cluster.spec.cloud_provider == api::kCloudLocal) {
    // The existing subnets fill the network (one zone gets all of it): on the local cloud
    // a subnet's CIDR names no resource (zones are loopback ranges), so create's
    // allocation is run over every subnet, as create would have for these zones.
    cluster.spec = before;
    for (auto& s : cluster.spec.subnets)
      if (s.type == api::kSubnetPublic) s.cidr.clear();
    assigned = AssignSubnetCidrs(cluster.spec);
    for (size_t i = 0; assigned.ok() && i < first_new; ++i)
      if (before.subnets[i].cidr != cluster.spec.subnets[i].cidr)
        resized.push_back("subnet " + before.subnets[i].name + " " + before.subnets[i].cidr +
                          " -> " + cluster.spec.subnets[i].cidr);
  }
  RETURN_IF_ERROR(assigned.WithContext("allocating CIDRs for the subnets of " + Join(missing)));
  return std::vector<api::ClusterSubnetSpec>(cluster.spec.subnets.begin() + first_new,
                                             cluster.spec.subnets.end());
}

api::InstanceGroup NewGroupLike(const api::InstanceGroup& model, const std::string& name,
                                const std::string& subnet, const std::string& timestamp,
                                const std::string& cluster_name) {
  api::InstanceGroup g;
  g.spec = model.spec;
  g.metadata.name = name;
  g.metadata.creation_timestamp = timestamp;
  g.metadata.labels[api::kLabelCluster] = cluster_name;
  g.spec.subnets = {subnet};
  g.spec.zones.clear();
  g.spec.min_size = 1;
  g.spec.max_size = 1;
  g.spec.node_labels[api::kLabelInstanceGroup] = name;
  return g;
}

std::string SubnetOf(const api::Cluster& cluster, const std::string& zone) {
  for (const auto& s : cluster.spec.subnets)
    if (s.zone == zone && (s.type == api::kSubnetPublic || s.type == api::kSubnetPrivate))
      return s.name;
  return zone;
}

// Adds member `member` for group to every etcd cluster lacking one; true when it added.
bool AddMembers(api::Cluster& cluster, const std::string& group, const std::string& member) {
  bool added = false;
  for (auto& etcd : cluster.spec.etcd_clusters) {
    bool has = false;
    for (const auto& m : etcd.members) has = has || m.instance_group == group;
    if (has) continue;
    api::EtcdMemberSpec spec;
    if (!etcd.members.empty()) spec = etcd.members.front();  // volume type, encryption
    spec.name = member;
    spec.instance_group = group;
    etcd.members.push_back(spec);
    added = true;
  }
  return added;
}

std::vector<std::string> EtcdNames(const api::Cluster& cluster) {
  std::vector<std::string> names;
  for (const auto& e : cluster.spec.etcd_clusters) names.push_back(e.name);
  return names;
}

// Spec members etcd does not list as started voting members, and etcd members the spec
// does not name (per etcd cluster).
// `leaving`: members of groups this plan removes (never waited for).
void CompareWithEtcd(const api::Cluster& cluster, const std::vector<EtcdMembershipSeen>& etcd,
                     const std::set<std::string>& leaving, bool& missing_voters,
                     std::map<std::string, std::vector<std::string>>& extra) {
  for (const auto& seen : etcd) {
    const api::EtcdClusterSpec* spec = nullptr;
    for (const auto& e : cluster.spec.etcd_clusters)
      if (e.name == seen.etcd_cluster) spec = &e;
    if (!spec) continue;
    std::set<std::string> wanted;
    for (const auto& m : spec->members) wanted.insert(m.name);
    for (const auto& name : wanted) {
      if (leaving.count(name)) continue;
      bool voting = false;
      for (const auto& m : seen.members) voting = voting || (m.name == name && !m.learner);
      missing_voters = missing_voters || !voting;
    }
    for (const auto& m : seen.members)
      if (!m.name.empty() && !wanted.count(m.name)) extra[m.name].push_back(seen.etcd_cluster);
  }
}

struct Removal {
  std::string group;   // "" when the spec no longer has it
  std::string member;
  std::vector<std::string> etcd_clusters;
};

// The spec loses every removed group and member in one write (etcd member counts stay
// odd, as validation requires), then etcd loses the members one at a time, and only then
// are their instances and volumes deleted.
void AddRemovalSteps(ScalePlan& plan, const std::vector<Removal>& removals, bool in_spec) {
  if (removals.empty()) return;
  std::vector<std::string> groups, members;
  for (const auto& r : removals) {
    if (!r.group.empty()) groups.push_back(r.group);
    if (!r.member.empty()) members.push_back(r.member);
  }
  if (in_spec) {
    ScaleStep step = Step(Kind::kRemoveFromSpec, "", "", {},
                          "remove instance groups " + Join(groups) + " and their etcd members " +
                              Join(members) + " from the spec");
    step.groups = groups;
    plan.steps.push_back(step);
  }
  for (const auto& r : removals)
    if (!r.member.empty())
      plan.steps.push_back(Step(Kind::kRemoveEtcdMember, r.group, r.member, r.etcd_clusters,
                          "remove etcd member " + r.member + " from etcd " +
                              Join(r.etcd_clusters) +
                              " (its manager sees it left the spec and stays out)"));
  plan.steps.push_back(Step(Kind::kApply, "", "", {},
                        groups.empty() ? "apply the spec (update cluster --yes)"
                                       : "apply the spec: delete autoscaling groups " +
                                             Join(groups) + " and their instances"));
  plan.steps.push_back(Step(Kind::kDeleteVolumes, "", "", {},
                        "delete the etcd volumes of members " + Join(members) +
                            " (their members no longer exist)"));
}

}  // namespace

const char* ScaleStepKindName(ScaleStep::Kind kind) {
  switch (kind) {
    case Kind::kAddToSpec: return "add-to-spec";
    case Kind::kApply: return "apply";
    case Kind::kWaitForMembers: return "wait-for-members";
    case Kind::kRemoveFromSpec: return "remove-from-spec";
    case Kind::kRemoveEtcdMember: return "remove-etcd-member";
    case Kind::kDeleteVolumes: return "delete-volumes";
  }
  return "?";
}

api::Cluster WithoutMembersOf(const api::Cluster& cluster, const std::string& group) {
  api::Cluster out = cluster;
  for (auto& etcd : out.spec.etcd_clusters)
    etcd.members.erase(std::remove_if(etcd.members.begin(), etcd.members.end(),
                                      [&](const api::EtcdMemberSpec& m) {
                                        return m.instance_group == group;
                                      }),
                       etcd.members.end());
  return out;
}

Result<ScalePlan> PlanControlPlaneScale(const api::Cluster& cluster,
                                        const std::vector<api::InstanceGroup>& groups,
                                        const ScaleRequest& request, const ScaleObserved& seen) {
  RETURN_IF_ERROR(CheckZones(cluster, request.zones));
  int32_t count = request.count == 0 ? static_cast<int32_t>(request.zones.size()) : request.count;
  if (count < 1)
    return InvalidArgument("--count " + std::to_string(count) +
                           ": expected at least 1 control-plane node");
  if (count % 2 == 0)
    return InvalidArgument("--count " + std::to_string(count) +
                           ": Should be an odd number of control-plane-zones for quorum. Use "
                           "--zones and --control-plane-zones to declare node zones and "
                           "control-plane zones separately");
  ASSIGN_OR_RETURN(std::vector<ControlPlaneSlot> slots,
                   PlaceControlPlanes(request.zones, request.zones, count));
  ASSIGN_OR_RETURN(std::vector<Existing> existing, ExistingControlPlanes(cluster, groups));
  if (existing.empty())
    return FailedPrecondition("cluster \"" + cluster.name() + "\" has no control-plane group to scale");

  ScalePlan plan;
  plan.target_count = count;
  plan.grown_cluster = cluster;
  ASSIGN_OR_RETURN(plan.new_subnets, NewSubnets(plan.grown_cluster, request.zones, plan.resized_subnets));
  Matching match = MatchSlots(slots, existing);
  std::vector<std::string> members;
  NameSlots(slots, match, existing, cluster, groups, members);

  const api::InstanceGroup& model = *existing.front().group;
  for (size_t s = 0; s < slots.size(); ++s) {
    const std::string& group = slots[s].group_name;
    if (match.slot_owner[s] < 0) {
      plan.new_groups.push_back(NewGroupLike(model, group, SubnetOf(plan.grown_cluster, slots[s].zone),
                                             request.timestamp, cluster.name()));
    }
    if (AddMembers(plan.grown_cluster, group, members[s]))
      plan.new_members.push_back(group + "=" + members[s]);
  }
  if (!plan.new_subnets.empty() || !plan.new_groups.empty() || !plan.new_members.empty()) {
    std::vector<std::string> parts;
    for (const auto& s : plan.new_subnets) parts.push_back("subnet " + s.name + " " + s.cidr);
    for (const auto& r : plan.resized_subnets) parts.push_back(r);
    for (const auto& g : plan.new_groups) parts.push_back("instance group " + g.name());
    for (const auto& m : plan.new_members) parts.push_back("etcd member " + m);
    plan.steps.push_back(Step(Kind::kAddToSpec, "", "", EtcdNames(cluster),
                          "add to the spec: " + Join(parts)));
  }

  std::set<std::string> leaving;
  for (int e : match.removed) leaving.insert(existing[e].member);
  bool missing_voters = false;
  std::map<std::string, std::vector<std::string>> extra;
  CompareWithEtcd(plan.grown_cluster, seen.etcd, leaving, missing_voters, extra);
  std::vector<ScaleStep> grow = std::move(plan.steps);
  plan.steps.clear();
  // First finish a removal cut short: etcd members the spec no longer names, then
  // autoscaling groups and volumes it no longer names.
  // Newest first: a later member's name sorts after an earlier one's (a-2 after a).
  std::vector<Removal> cut_short, removals, spec_cut_short;
  for (auto it = extra.rbegin(); it != extra.rend(); ++it) cut_short.push_back({"", it->first, it->second});
  for (int e : RemovalOrder(existing, match.removed)) {
    const Existing& gone = existing[e];
    plan.removed_groups.push_back(gone.group->name());
    // A group without members: a RemoveFromSpec stopped between the cluster write and
    // the group deletions. Its groups leave the spec before etcd and the cloud lose the
    // members, as in an uninterrupted run (their volumes are still attached).
    (gone.member.empty() ? spec_cut_short : removals)
        .push_back({gone.group->name(), gone.member, EtcdNames(cluster)});
  }
  if (!spec_cut_short.empty()) {
    spec_cut_short.insert(spec_cut_short.end(), cut_short.begin(), cut_short.end());
    AddRemovalSteps(plan, spec_cut_short, true);
  } else {
    AddRemovalSteps(plan, cut_short, false);
  }
  if (extra.empty()) {
    std::set<std::string> spec_groups, spec_members = AllMemberNames(cluster);
    for (const auto& g : groups) spec_groups.insert(g.name());
    std::vector<std::string> stale_groups, stale_volumes;
    for (const auto& g : seen.cloud_groups)
      if (!spec_groups.count(g)) stale_groups.push_back(g);
    for (const auto& m : seen.volume_members)
      if (!spec_members.count(m)) stale_volumes.push_back(m);
    if (!stale_groups.empty())
      plan.steps.push_back(Step(Kind::kApply, "", "", {},
                            "apply the spec: delete autoscaling groups " + Join(stale_groups) +
                                " that left it"));
    if (!stale_groups.empty() || !stale_volumes.empty())
      plan.steps.push_back(Step(Kind::kDeleteVolumes, "", "", {},
                            "delete the etcd volumes of members no longer in the spec" +
                                (stale_volumes.empty() ? "" : ": " + Join(stale_volumes))));
  }
  plan.steps.insert(plan.steps.end(), grow.begin(), grow.end());
  if (!grow.empty() || missing_voters) {
    plan.steps.push_back(Step(Kind::kApply, "", "", {}, "apply the spec (update cluster --yes)"));
    plan.steps.push_back(Step(Kind::kWaitForMembers, "", "", EtcdNames(cluster),
                          "wait until etcd " + Join(EtcdNames(cluster)) +
                              " list every member of the spec as a healthy voting member "
                              "(new members join as learners, one at a time)"));
  }
  AddRemovalSteps(plan, removals, true);
  return plan;
}

}  // namespace kops::create
