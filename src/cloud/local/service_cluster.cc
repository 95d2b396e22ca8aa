// CloudService: volumes, load balancers, whole clusters and status.
#include <unistd.h>

#include "cloud/local/service.h"
#include "cloud/local/volumes.h"
#include "cloud/local/zones.h"

namespace kops::cloud::local {

namespace {

std::string IdOf(const ClusterRef& ref) { return ClusterId(ref.store_url, ref.cluster); }

Status CheckVolume(const CloudState& state, const ClusterRef& ref, const std::string& id) {
  auto it = state.volumes.find(id);
  if (it == state.volumes.end() || it->second.cluster_id != IdOf(ref)) {
    return NotFound("volume " + id + " does not exist in cluster " + ref.cluster);
  }
  return Status::Ok();
}

}  // namespace

Result<Json> CloudService::Do(const CreateVolumeRequest& r) {
  if (r.zone.empty()) return InvalidArgument("CreateVolume: zone is empty");
  ASSIGN_OR_RETURN(ZoneRange range,
                   AllocateZoneRange(state_, r.ref.store_url, r.ref.cluster, r.zone));
  (void)range;
  for (const auto& [id, v] : state_.volumes) {
    if (v.cluster_id == IdOf(r.ref) && v.zone == r.zone && v.tags == r.tags) return ToJson(v);
  }
  ASSIGN_OR_RETURN(Volume v, applier_.CreateVolume(state_, IdOf(r.ref), r.zone, r.tags));
  return ToJson(v);
}

Result<Json> CloudService::Do(const LoseVolumeRequest& r) {
  RETURN_IF_ERROR(CheckVolume(state_, r.ref, r.volume_id));
  RETURN_IF_ERROR(applier_.LoseVolume(state_, r.volume_id));
  return Json::object();
}

Result<Json> CloudService::Do(const DeleteVolumeRequest& r) {
  RETURN_IF_ERROR(CheckVolume(state_, r.ref, r.volume_id));
  const Volume& v = state_.volumes.at(r.volume_id);
  if (!v.attached_to.empty()) {
    auto inst = state_.instances.find(v.attached_to);
    if (inst != state_.instances.end() && inst->second.state != InstanceState::kTerminated)
      return FailedPrecondition("volume " + r.volume_id + " is attached to instance " +
                                v.attached_to + "; delete it once that instance has terminated");
  }
  RETURN_IF_ERROR(applier_.DeleteVolume(state_, r.volume_id));
  return Json::object();
}

Result<Json> CloudService::Do(const SetVolumeTagsRequest& r) {
  RETURN_IF_ERROR(CheckVolume(state_, r.ref, r.volume_id));
  Volume& v = state_.volumes.at(r.volume_id);
  v.tags = r.tags;
  return ToJson(v);
}

Result<Json> CloudService::Do(const DescribeVolumesRequest& r) {
  Json list = Json::array();
  for (const Volume* v : FindVolumes(state_, IdOf(r.ref), r.tag_filters, r.zone)) {
    list.push_back(ToJson(*v));
  }
  return Json{{"volumes", list}};
}

Result<Json> CloudService::Do(const AttachVolumeRequest& r) {
  RETURN_IF_ERROR(CheckVolume(state_, r.ref, r.volume_id));
  RETURN_IF_ERROR(AttachVolume(state_, r.volume_id, r.instance_id));
  return Json::object();
}

Result<Json> CloudService::Do(const ClaimVolumeRequest& r) {
  auto inst = state_.instances.find(r.instance_id);
  if (inst == state_.instances.end())
    return NotFound("instance " + r.instance_id + " does not exist");
  if (!r.ref.cluster.empty() && inst->second.cluster_id != IdOf(r.ref)) {
    return NotFound("instance " + r.instance_id + " does not exist in cluster " + r.ref.cluster);
  }
  ASSIGN_OR_RETURN(std::string id, ClaimVolume(state_, r.instance_id, r.tag_filters));
  return ToJson(state_.volumes.at(id));
}

Result<Json> CloudService::Do(const EnsureLoadBalancerRequest& r) {
  if (r.name.empty()) return InvalidArgument("EnsureLoadBalancer: name is empty");
  ASSIGN_OR_RETURN(ZoneRange range,
                   AllocateZoneRange(state_, r.ref.store_url, r.ref.cluster, kLoadBalancerZone));
  LoadBalancer& lb = state_.load_balancers[GroupKey(IdOf(r.ref), r.name)];
  lb.cluster_id = IdOf(r.ref);
  lb.name = r.name;
  lb.address = range.Address(1);
  lb.port = r.port;
  lb.backend_port = r.backend_port;
  lb.group_keys.clear();
  for (const auto& g : r.groups) lb.group_keys.push_back(GroupKey(lb.cluster_id, g));
  return ToJson(lb);  // haproxy is started or reloaded by the next step
}

Result<Json> CloudService::Do(const DeleteClusterRequest& r) {
  std::string cluster = IdOf(r.ref);
  Json terminating = Json::array();
  std::erase_if(state_.groups, [&](const auto& kv) { return kv.second.cluster_id == cluster; });
  for (auto& [id, i] : state_.instances) {
    if (i.cluster_id != cluster || !i.Live()) continue;
    RETURN_IF_ERROR(applier_.Terminate(state_, id, "cluster deleted"));
    terminating.push_back(id);
  }
  for (auto it = state_.load_balancers.begin(); it != state_.load_balancers.end();) {
    if (it->second.cluster_id != cluster) {
      ++it;
      continue;
    }
    lbs_.Stop(it->second);
    it = state_.load_balancers.erase(it);
  }
  std::vector<std::string> volumes;
  for (const auto& [id, v] : state_.volumes) {
    if (v.cluster_id == cluster) volumes.push_back(id);
  }
  for (const auto& id : volumes) RETURN_IF_ERROR(applier_.DeleteVolume(state_, id));
  ReleaseZoneRanges(state_, cluster);
  return Json{{"terminating", terminating}};
}

Result<Json> CloudService::Do(const StatusRequest&) {
  Json j = ToJson(state_);
  j["daemon"] = {{"pid", static_cast<int>(getpid())}, {"state_dir", state_dir_}};
  return j;
}

}  // namespace kops::cloud::local
