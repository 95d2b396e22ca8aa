// CloudService: dispatch, groups, instances and zones (volumes, load balancers and whole
// clusters are in service_cluster.cc).
#include "cloud/local/service.h"

#include <algorithm>

#include "cloud/local/zones.h"

namespace kops::cloud::local {

namespace {

std::string IdOf(const ClusterRef& ref) { return ClusterId(ref.store_url, ref.cluster); }

Status CheckRef(const ClusterRef& ref) {
  if (ref.cluster.empty()) return InvalidArgument("ref.cluster: the cluster name is empty");
  return Status::Ok();
}

}  // namespace

std::string GroupRole(const Group& g) {
  if (g.tags.count("k8s.io/role/control-plane") || g.tags.count("k8s.io/role/master")) {
    return "ControlPlane";
  }
  if (g.tags.count("k8s.io/role/node")) return "Node";
  if (g.tags.count("k8s.io/role/bastion")) return "Bastion";
  return "";
}

Result<Json> CloudService::Handle(const Request& request) {
  return std::visit([this](const auto& r) { return Do(r); }, request);
}

Result<Json> CloudService::Do(const CreateGroupRequest& r) {
  RETURN_IF_ERROR(CheckRef(r.ref));
  if (r.name.empty()) return InvalidArgument("CreateGroup: name is empty");
  if (r.zones.empty()) return InvalidArgument("CreateGroup " + r.name + ": zones is empty");
  if (r.min_size < 0 || r.max_size < r.min_size) {
    return InvalidArgument("CreateGroup " + r.name + ": want 0 <= min_size <= max_size, got " +
                           std::to_string(r.min_size) + ".." + std::to_string(r.max_size));
  }
  if (r.launch.argv.empty())
    return InvalidArgument("CreateGroup " + r.name + ": launch.argv is empty");
  for (const auto& z : r.zones) {
    ASSIGN_OR_RETURN(ZoneRange range, AllocateZoneRange(state_, r.ref.store_url, r.ref.cluster, z));
    (void)range;
  }
  std::string key = GroupKey(IdOf(r.ref), r.name);
  Group& g = state_.groups[key];  // keeps the backoff of an existing group
  g.cluster_id = IdOf(r.ref);
  g.cluster_name = r.ref.cluster;
  g.name = r.name;
  g.zones = r.zones;
  g.min_size = r.min_size;
  g.max_size = r.max_size;
  g.desired = std::clamp(r.desired, r.min_size, r.max_size);
  if (g.launch != r.launch) g.next_launch_after_ms = g.consecutive_failures = 0;
  g.launch = r.launch;
  g.tags = r.tags;
  return ToJson(g);
}

Result<Json> CloudService::Do(const DeleteGroupRequest& r) {
  state_.groups.erase(GroupKey(IdOf(r.ref), r.name));  // the reconciler ends its instances
  return Json::object();
}

Result<Json> CloudService::Do(const SetDesiredRequest& r) {
  auto it = state_.groups.find(GroupKey(IdOf(r.ref), r.name));
  if (it == state_.groups.end()) {
    return NotFound("group " + r.name + " of cluster " + r.ref.cluster + " does not exist");
  }
  Group& g = it->second;
  if (r.desired < g.min_size || r.desired > g.max_size) {
    return InvalidArgument("SetDesired " + r.name + ": desired " + std::to_string(r.desired) +
                           " is outside " + std::to_string(g.min_size) + ".." +
                           std::to_string(g.max_size));
  }
  g.desired = r.desired;
  return Json::object();
}

Json CloudService::DescribeInstance(const Instance& i) const {
  Json j = ToJson(i);
  auto g = state_.groups.find(i.group_key);
  std::string key = i.group_key;
  j["group"] = key.substr(key.find('/') + 1);
  j["role"] = g == state_.groups.end() ? "" : GroupRole(g->second);
  j["outdated"] = g != state_.groups.end() && i.launch_hash != g->second.LaunchHash();
  return j;
}

Result<Json> CloudService::Do(const DescribeInstancesRequest& r) {
  Json list = Json::array();
  std::string cluster = IdOf(r.ref);
  for (const auto& [id, i] : state_.instances) {
    if (i.cluster_id != cluster) continue;
    if (!r.group.empty() && i.group_key != GroupKey(cluster, r.group)) continue;
    list.push_back(DescribeInstance(i));
  }
  return Json{{"instances", list}};
}

Result<Json> CloudService::Do(const TerminateInstanceRequest& r) {
  auto it = state_.instances.find(r.instance_id);
  if (it == state_.instances.end() || it->second.cluster_id != IdOf(r.ref)) {
    return NotFound("instance " + r.instance_id + " does not exist in cluster " + r.ref.cluster);
  }
  if (r.decrement_desired && it->second.state == InstanceState::kRunning) {
    auto g = state_.groups.find(it->second.group_key);
    if (g != state_.groups.end())
      g->second.desired = std::max(g->second.min_size, g->second.desired - 1);
  }
  RETURN_IF_ERROR(r.force ? applier_.Kill(state_, r.instance_id, "killed by request")
                          : applier_.Terminate(state_, r.instance_id, "terminated by request"));
  return Json{{"instance", DescribeInstance(it->second)}};
}

Status CloudService::SetZoneUp(const ClusterRef& ref, const std::string& zone, bool up) {
  ZoneRange* z = zone == kLoadBalancerZone ? nullptr : state_.FindZone(IdOf(ref), zone);
  if (z == nullptr) {
    std::string known;
    for (const auto& range : state_.zones) {
      if (range.cluster_id == IdOf(ref) && range.zone != kLoadBalancerZone) {
        known += (known.empty() ? "" : ", ") + range.zone;
      }
    }
    return NotFound("zone \"" + zone + "\" is not a zone of cluster " + ref.cluster +
                    " (zones: " + (known.empty() ? "none" : known) + ")");
  }
  z->up = up;
  return Status::Ok();
}

Result<Json> CloudService::Do(const ZoneDownRequest& r) {
  RETURN_IF_ERROR(SetZoneUp(r.ref, r.zone, false));
  return Json::object();  // the next reconcile step kills the zone's instances
}

Result<Json> CloudService::Do(const ZoneUpRequest& r) {
  RETURN_IF_ERROR(SetZoneUp(r.ref, r.zone, true));
  return Json::object();
}

Result<Json> CloudService::Do(const ShutdownRequest&) {
  shutdown_ = true;
  return Json::object();
}

}  // namespace kops::cloud::local
