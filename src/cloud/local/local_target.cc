#include "cloud/local/local_target.h"

#include "cloud/local/state_dir.h"
#include "cloud/local/state_json.h"

namespace kops::cloud::local {

CloudState FilterCluster(const CloudState& all, const std::string& cluster_id) {
  CloudState s;
  for (const auto& [k, g] : all.groups)
    if (g.cluster_id == cluster_id) s.groups[k] = g;
  for (const auto& [k, i] : all.instances)
    if (i.cluster_id == cluster_id) s.instances[k] = i;
  for (const auto& [k, v] : all.volumes)
    if (v.cluster_id == cluster_id) s.volumes[k] = v;
  for (const auto& [k, lb] : all.load_balancers)
    if (lb.cluster_id == cluster_id) s.load_balancers[k] = lb;
  for (const auto& z : all.zones)
    if (z.cluster_id == cluster_id) s.zones.push_back(z);
  return s;
}

Result<CloudState> ClientCloudApi::ClusterState(const ClusterRef& ref) {
  std::lock_guard lock(mu_);
  if (!cache_ && saved_state_without_daemon_ && !client_.DaemonAnswers()) {
    ASSIGN_OR_RETURN(CloudState saved, StateDir(client_.options().state_dir).Load());
    cache_ = std::move(saved);
  }
  if (!cache_) {
    ASSIGN_OR_RETURN(Json status, client_.GetStatus());
    ASSIGN_OR_RETURN(CloudState all, CloudStateFromJson(status));
    cache_ = std::move(all);
  }
  return FilterCluster(*cache_, ClusterId(ref.store_url, ref.cluster));
}

void ClientCloudApi::Refresh() {
  std::lock_guard lock(mu_);
  cache_.reset();
}

Result<Group> ClientCloudApi::CreateGroup(const CreateGroupRequest& r) {
  std::lock_guard lock(mu_);
  cache_.reset();
  return client_.CreateGroup(r);
}

Status ClientCloudApi::DeleteGroup(const ClusterRef& ref, const std::string& name) {
  std::lock_guard lock(mu_);
  cache_.reset();
  return client_.DeleteGroup(ref, name);
}

Result<Volume> ClientCloudApi::CreateVolume(const ClusterRef& ref, const std::string& zone,
                                            const std::map<std::string, std::string>& tags) {
  std::lock_guard lock(mu_);
  cache_.reset();
  return client_.CreateVolume(ref, zone, tags);
}

Result<LoadBalancer> ClientCloudApi::EnsureLoadBalancer(const EnsureLoadBalancerRequest& r) {
  std::lock_guard lock(mu_);
  cache_.reset();
  return client_.EnsureLoadBalancer(r);
}

Status ClientCloudApi::DeleteVolume(const ClusterRef& ref, const std::string& volume_id) {
  std::lock_guard lock(mu_);
  cache_.reset();
  return client_.DeleteVolume(ref, volume_id);
}

Result<Volume> ClientCloudApi::SetVolumeTags(const ClusterRef& ref, const std::string& volume_id,
                                             const std::map<std::string, std::string>& tags) {
  std::lock_guard lock(mu_);
  cache_.reset();
  return client_.SetVolumeTags(ref, volume_id, tags);
}

Result<std::vector<std::string>> ClientCloudApi::DeleteCluster(const ClusterRef& ref) {
  std::lock_guard lock(mu_);
  cache_.reset();
  return client_.DeleteCluster(ref);
}

Result<LocalTarget*> AsLocalTarget(engine::DirectTarget& target, const std::string& task_key) {
  auto* local = dynamic_cast<LocalTarget*>(&target);
  if (local == nullptr) {
    return FailedPrecondition(task_key + " can only be applied to the local cloud, not to " +
                              target.cloud());
  }
  return local;
}

}  // namespace kops::cloud::local
