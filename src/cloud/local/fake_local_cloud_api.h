// FakeLocalCloudApi: the local cloud's API (local_target.h) in memory, for tests of the
// model, tasks and update flow without a daemon. Keeps the daemon's rules that matter
// to callers: zone ranges allocated with the first group/volume (zones.h), volumes
// idempotent by zone + tags, the LB on host 1 of the "lb" range. Counts writes.
#pragma once

#include <algorithm>
#include <mutex>

#include "cloud/local/lb_manager.h"
#include "cloud/local/local_target.h"
#include "cloud/local/zones.h"

namespace kops::cloud::local {

class FakeLocalCloudApi : public LocalCloudApi {
 public:
  Result<CloudState> ClusterState(const ClusterRef& ref) override {
    std::lock_guard lock(mu_);
    ++reads;
    return FilterCluster(state, ClusterId(ref.store_url, ref.cluster));
  }
  Result<Group> CreateGroup(const CreateGroupRequest& r) override {
    std::lock_guard lock(mu_);
    ++writes;
    for (const auto& z : r.zones)
      RETURN_IF_ERROR(AllocateZoneRange(state, r.ref.store_url, r.ref.cluster, z).status());
    Group& g = state.groups[GroupKey(Id(r.ref), r.name)];
    g.cluster_id = Id(r.ref);
    g.cluster_name = r.ref.cluster;
    g.name = r.name;
    g.zones = r.zones;
    g.min_size = r.min_size;
    g.max_size = r.max_size;
    g.desired = std::clamp(r.desired, r.min_size, r.max_size);
    g.launch = r.launch;
    g.tags = r.tags;
    if (launch_on_create) Launch(g);
    return g;
  }
  Status DeleteGroup(const ClusterRef& ref, const std::string& name) override {
    std::lock_guard lock(mu_);
    ++writes;
    state.groups.erase(GroupKey(Id(ref), name));
    return Status::Ok();
  }
  Status DeleteVolume(const ClusterRef& ref, const std::string& volume_id) override {
    std::lock_guard lock(mu_);
    ++writes;
    auto it = state.volumes.find(volume_id);
    if (it == state.volumes.end() || it->second.cluster_id != Id(ref))
      return NotFound("volume " + volume_id + " does not exist");
    if (!it->second.attached_to.empty())
      return FailedPrecondition("volume " + volume_id + " is attached to " + it->second.attached_to);
    state.volumes.erase(it);
    return Status::Ok();
  }
  Result<Volume> SetVolumeTags(const ClusterRef& ref, const std::string& volume_id,
                               const std::map<std::string, std::string>& tags) override {
    std::lock_guard lock(mu_);
    ++writes;
    auto it = state.volumes.find(volume_id);
    if (it == state.volumes.end() || it->second.cluster_id != Id(ref))
      return NotFound("volume " + volume_id + " does not exist");
    it->second.tags = tags;
    return it->second;
  }
  Result<Volume> CreateVolume(const ClusterRef& ref, const std::string& zone,
                              const std::map<std::string, std::string>& tags) override {
    std::lock_guard lock(mu_);
    ++writes;
    RETURN_IF_ERROR(AllocateZoneRange(state, ref.store_url, ref.cluster, zone).status());
    for (const auto& [id, v] : state.volumes)
      if (v.cluster_id == Id(ref) && v.zone == zone && v.tags == tags) return v;
    Volume v{.id = "vol-" + std::to_string(state.volumes.size() + 1),
             .cluster_id = Id(ref),
             .zone = zone,
             .tags = tags};
    state.volumes[v.id] = v;
    return v;
  }
  Result<LoadBalancer> EnsureLoadBalancer(const EnsureLoadBalancerRequest& r) override {
    std::lock_guard lock(mu_);
    ++writes;
    ASSIGN_OR_RETURN(ZoneRange range,
                     AllocateZoneRange(state, r.ref.store_url, r.ref.cluster, kLoadBalancerZone));
    LoadBalancer& lb = state.load_balancers[GroupKey(Id(r.ref), r.name)];
    lb.cluster_id = Id(r.ref);
    lb.name = r.name;
    lb.address = range.Address(1);
    lb.port = r.port;
    lb.backend_port = r.backend_port;
    lb.group_keys.clear();
    for (const auto& g : r.groups) lb.group_keys.push_back(GroupKey(lb.cluster_id, g));
    return lb;
  }
  Result<std::vector<std::string>> DeleteCluster(const ClusterRef& ref) override {
    std::lock_guard lock(mu_);
    ++writes;
    std::string id = Id(ref);
    std::vector<std::string> terminating;
    for (auto& [iid, i] : state.instances) {
      if (i.cluster_id == id && i.Live()) {
        i.state = InstanceState::kTerminated;
        terminating.push_back(iid);
      }
    }
    std::erase_if(state.groups, [&](const auto& kv) { return kv.second.cluster_id == id; });
    std::erase_if(state.volumes, [&](const auto& kv) { return kv.second.cluster_id == id; });
    std::erase_if(state.load_balancers, [&](const auto& kv) { return kv.second.cluster_id == id; });
    ReleaseZoneRanges(state, id);
    return terminating;
  }

  CloudState state;
  int reads = 0, writes = 0;
  // As the daemon would soon after: start the group's missing instances (running).
  bool launch_on_create = true;

 private:
  void Launch(const Group& g) {
    int running = 0;
    for (const auto& [id, i] : state.instances)
      if (i.group_key == g.Key() && i.state == InstanceState::kRunning) ++running;
    for (; running < g.desired; ++running) {
      Instance i{.id = "i-" + std::to_string(state.instances.size() + 1),
                 .group_key = g.Key(),
                 .cluster_id = g.cluster_id,
                 .zone = g.zones[0]};
      i.launch_hash = g.LaunchHash();
      state.instances[i.id] = i;
    }
  }
  static std::string Id(const ClusterRef& ref) { return ClusterId(ref.store_url, ref.cluster); }
  std::mutex mu_;
};

}  // namespace kops::cloud::local
