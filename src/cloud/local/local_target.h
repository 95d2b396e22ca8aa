// The local cloud as the engine sees it: LocalCloudApi, the calls the model's tasks make
// (a seam: ClientCloudApi talks to the daemon, fake_local_cloud_api.h is in memory), and
// LocalTarget, the engine's DirectTarget for cloudProvider "local".
//
// Reads are cluster-scoped snapshots of the daemon's state. ClientCloudApi fetches the
// snapshot once and keeps it until its next write, so the tasks of one run (all reading
// before any writes) cost one round trip; it is thread-safe (executor threads call it).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cloud/local/api_messages.h"
#include "cloud/local/client.h"
#include "engine/direct_target.h"

namespace kops::cloud::local {

class LocalCloudApi {
 public:
  virtual ~LocalCloudApi() = default;
  // The groups, instances, volumes, load balancers and zone ranges of ref's cluster only.
  virtual Result<CloudState> ClusterState(const ClusterRef& ref) = 0;
  // Drops any snapshot kept, so the next ClusterState reads the daemon (polling loops).
  virtual void Refresh() {}
  virtual Result<Group> CreateGroup(const CreateGroupRequest& r) = 0;
  virtual Status DeleteGroup(const ClusterRef& ref, const std::string& name) = 0;
  virtual Result<Volume> CreateVolume(const ClusterRef& ref, const std::string& zone,
                                      const std::map<std::string, std::string>& tags) = 0;
  virtual Result<LoadBalancer> EnsureLoadBalancer(const EnsureLoadBalancerRequest& r) = 0;
  // FailedPrecondition while the volume is attached to a live instance.
  virtual Status DeleteVolume(const ClusterRef& ref, const std::string& volume_id) = 0;
  virtual Result<Volume> SetVolumeTags(const ClusterRef& ref, const std::string& volume_id,
                                       const std::map<std::string, std::string>& tags) = 0;
  // Stops every instance and removes every group, volume, LB and range of the cluster;
  // returns the ids of the instances now terminating.
  virtual Result<std::vector<std::string>> DeleteCluster(const ClusterRef& ref) = 0;
};

// The cluster's part of a whole-cloud state (as GetStatus returns it).
CloudState FilterCluster(const CloudState& all, const std::string& cluster_id);

class ClientCloudApi : public LocalCloudApi {
 public:
  // The client must outlive this object. With saved_state_without_daemon (dry runs, whose
  // client does not autostart), reads when no daemon answers see the state the last
  // daemon saved in the client's state directory — empty when there is none — instead
  // of failing: nothing is started and nothing is created just to look.
  explicit ClientCloudApi(LocalCloudClient& client, bool saved_state_without_daemon = false)
      : client_(client), saved_state_without_daemon_(saved_state_without_daemon) {}

  Result<CloudState> ClusterState(const ClusterRef& ref) override;
  void Refresh() override;
  Result<Group> CreateGroup(const CreateGroupRequest& r) override;
  Status DeleteGroup(const ClusterRef& ref, const std::string& name) override;
  Result<Volume> CreateVolume(const ClusterRef& ref, const std::string& zone,
                              const std::map<std::string, std::string>& tags) override;
  Result<LoadBalancer> EnsureLoadBalancer(const EnsureLoadBalancerRequest& r) override;
  Status DeleteVolume(const ClusterRef& ref, const std::string& volume_id) override;
  Result<Volume> SetVolumeTags(const ClusterRef& ref, const std::string& volume_id,
                               const std::map<std::string, std::string>& tags) override;
  Result<std::vector<std::string>> DeleteCluster(const ClusterRef& ref) override;

 private:
  LocalCloudClient& client_;
  bool saved_state_without_daemon_;
  std::mutex mu_;                    // one call at a time; guards cache_
  std::optional<CloudState> cache_;  // the whole cloud, until the next write
};

class LocalTarget : public engine::DirectTarget {
 public:
  // api must outlive the target.
  explicit LocalTarget(LocalCloudApi& api) : api_(api) {}
  std::string cloud() const override { return "local"; }
  LocalCloudApi& api() { return api_; }

 private:
  LocalCloudApi& api_;
};

// The LocalTarget a task's Apply was given, or FailedPrecondition naming the task.
Result<LocalTarget*> AsLocalTarget(engine::DirectTarget& target, const std::string& task_key);

}  // namespace kops::cloud::local
