#include "cloud/local/volumes.h"

namespace kops::cloud::local {

std::map<std::string, std::string> EtcdVolumeTags(const std::string& cluster_name,
                                                  const std::string& etcd_cluster,
                                                  const std::string& member,
                                                  const std::vector<std::string>& all_members) {
  std::string members;
  for (const auto& m : all_members) members += (members.empty() ? "" : ",") + m;
  return {{"k8s.io/etcd/" + etcd_cluster, member + "/" + members},
          {"k8s.io/role/control-plane", "1"},
          {"k8s.io/role/master", "1"},
          {"kubernetes.io/cluster/" + cluster_name, "owned"}};
}

bool VolumeMatches(const Volume& v, const std::map<std::string, std::string>& filters) {
  for (const auto& [key, value] : filters) {
    auto it = v.tags.find(key);
    if (it == v.tags.end() || (!value.empty() && it->second != value)) return false;
  }
  return true;
}

std::vector<const Volume*> FindVolumes(const CloudState& state, const std::string& cluster_id,
                                       const std::map<std::string, std::string>& filters,
                                       const std::string& zone) {
  std::vector<const Volume*> out;
  for (const auto& [id, v] : state.volumes) {  // std::map: sorted by id
    if (v.cluster_id == cluster_id && (zone.empty() || v.zone == zone) &&
        VolumeMatches(v, filters)) {
      out.push_back(&v);
    }
  }
  return out;
}

Status AttachVolume(CloudState& state, const std::string& volume_id,
                    const std::string& instance_id) {
  auto v = state.volumes.find(volume_id);
  if (v == state.volumes.end()) return NotFound("volume " + volume_id + " does not exist");
  auto i = state.instances.find(instance_id);
  if (i == state.instances.end()) return NotFound("instance " + instance_id + " does not exist");
  Volume& vol = v->second;
  const Instance& inst = i->second;
  std::string both = "volume " + volume_id + " to instance " + instance_id;
  if (vol.attached_to == instance_id) return Status::Ok();
  if (inst.state != InstanceState::kRunning) {
    return FailedPrecondition("cannot attach " + both + ": the instance is " +
                              InstanceStateName(inst.state));
  }
  if (vol.zone != inst.zone) {
    return FailedPrecondition("cannot attach " + both + ": the volume is in zone " + vol.zone +
                              ", the instance in zone " + inst.zone);
  }
  if (!vol.attached_to.empty()) {
    return FailedPrecondition("cannot attach " + both + ": it is attached to instance " +
                              vol.attached_to);
  }
  if (vol.lost) {
    return FailedPrecondition("cannot attach " + both + ": the volume is lost");
  }
  vol.attached_to = instance_id;
  return Status::Ok();
}

Result<std::string> ClaimVolume(CloudState& state, const std::string& instance_id,
                                const std::map<std::string, std::string>& filters) {
  auto i = state.instances.find(instance_id);
  if (i == state.instances.end()) return NotFound("instance " + instance_id + " does not exist");
  const Instance& inst = i->second;
  for (const Volume* v : FindVolumes(state, inst.cluster_id, filters, inst.zone)) {
    if (v->attached_to == instance_id) return v->id;
  }
  for (const Volume* v : FindVolumes(state, inst.cluster_id, filters, inst.zone)) {
    if (v->attached_to.empty() && !v->lost) {
      std::string id = v->id;
      RETURN_IF_ERROR(AttachVolume(state, id, instance_id));
      return id;
    }
  }
  return NotFound("no available volume in zone " + inst.zone + " for instance " + instance_id);
}

Status DetachVolume(CloudState& state, const std::string& volume_id) {
  auto v = state.volumes.find(volume_id);
  if (v == state.volumes.end()) return NotFound("volume " + volume_id + " does not exist");
  v->second.attached_to.clear();
  return Status::Ok();
}

Status LoseVolume(CloudState& state, const std::string& volume_id) {
  auto v = state.volumes.find(volume_id);
  if (v == state.volumes.end()) return NotFound("volume " + volume_id + " does not exist");
  v->second.lost = true;
  return Status::Ok();
}

}  // namespace kops::cloud::local
