// The engine tasks of the local cloud model (model_builder.h makes them). Each Find reads
// the daemon's actual state through LocalCloudApi, so a dry run shows only differences
// and a converged cluster shows none; each Apply calls the daemon through the
// LocalTarget it is given (keypairs go to the state store's keystore instead).
//
//   Keypair          a CA keyset in the keystore (kubernetes-ca, etcd CAs); Find: exists.
//   Zone             one zone's loopback range. The daemon allocates a range when the
//                    first group or volume of the zone is created, so Apply has nothing
//                    to call; Find reports the range once it exists and publishes "range".
//   Volume           one etcd member's volume in its zone, found by zone + exact tags, else
//                    by zone + its etcd member (the member list in the tag changed:
//                    Apply retags it, as kops retags EBS volumes); publishes "id".
//   Cleanup          no resource of its own: its deletions remove the autoscaling groups
//                    of instance groups the spec no longer has, and the detached volumes
//                    of etcd members it no longer has (an attached one waits for its
//                    instance to terminate: the next update deletes it).
//   LoadBalancer     the API load balancer (haproxy) in front of the control-plane
//                    groups; publishes "address" and "endpoint" (https://address:port).
//   AutoscalingGroup one instance group: zones, sizes, launch command and environment,
//                    tags. Desired is min on creation and kept (clamped by the daemon) on
//                    change. Env values may be References (the LB endpoint).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cloud/local/local_target.h"
#include "engine/context.h"
#include "engine/task.h"
#include "store/keystore.h"
#include "store/vfs.h"

namespace kops::cloud::local {

using StringMap = std::map<std::string, std::string>;

engine::Value::Map ToValueMap(const StringMap& m);

class KeypairTask : public engine::Task {
 public:
  // vfs (the state store) must outlive the task.
  KeypairTask(std::string keyset, store::Vfs& vfs, std::string cluster_name,
              store::KeystoreOptions options = {});
  engine::Fields Expected() const override;
  Result<std::optional<engine::Fields>> Find(engine::Context& ctx) override;
  Status Apply(engine::DirectTarget& target, const engine::Change& change,
               engine::Context& ctx) override;

 private:
  store::Vfs& vfs_;
  std::string cluster_name_;
  store::KeystoreOptions options_;
};

// Common to the tasks that read the daemon: the cluster and where to read it.
class LocalCloudTask : public engine::Task {
 public:
  LocalCloudTask(std::string kind, std::string name, LocalCloudApi& reader, ClusterRef ref)
      : Task(std::move(kind), std::move(name)), reader_(reader), ref_(std::move(ref)) {}

 protected:
  Result<CloudState> State() { return reader_.ClusterState(ref_); }
  const ClusterRef& ref() const { return ref_; }

 private:
  LocalCloudApi& reader_;
  ClusterRef ref_;
};

class ZoneTask : public LocalCloudTask {
 public:
  ZoneTask(std::string zone, LocalCloudApi& reader, ClusterRef ref);
  engine::Fields Expected() const override;
  Result<std::optional<engine::Fields>> Find(engine::Context& ctx) override;
  Status Apply(engine::DirectTarget& target, const engine::Change& change,
               engine::Context& ctx) override;
};

// The etcd cluster and member of a volume's k8s.io/etcd/<cluster>=<member>/<all> tag.
std::optional<std::pair<std::string, std::string>> EtcdMemberOfVolume(const StringMap& tags);

class VolumeTask : public LocalCloudTask {
 public:
  VolumeTask(std::string name, std::string zone, StringMap tags, LocalCloudApi& reader,
             ClusterRef ref);
  engine::Fields Expected() const override;
  Result<std::optional<engine::Fields>> Find(engine::Context& ctx) override;
  Status Apply(engine::DirectTarget& target, const engine::Change& change,
               engine::Context& ctx) override;

 private:
  std::string zone_;
  StringMap tags_;
  std::string found_id_;  // the volume Find matched; Apply retags it
};

struct LoadBalancerSpec {
  std::string name = "api";  // the daemon's name for it
  int port = 443, backend_port = 443;
  std::vector<std::string> groups;  // instance group names, sorted
};

class LoadBalancerTask : public LocalCloudTask {
 public:
  LoadBalancerTask(std::string task_name, LoadBalancerSpec spec, LocalCloudApi& reader,
                   ClusterRef ref);
  engine::Fields Expected() const override;
  Result<std::optional<engine::Fields>> Find(engine::Context& ctx) override;
  Status Apply(engine::DirectTarget& target, const engine::Change& change,
               engine::Context& ctx) override;

 private:
  void Publish(const LoadBalancer& lb, engine::Context& ctx) const;
  LoadBalancerSpec spec_;
};

struct GroupSpec {
  std::string name;  // the instance group's name (the daemon's group name)
  std::vector<std::string> zones;
  int min_size = 0, max_size = 0;
  std::vector<std::string> argv;
  engine::Value::Map env;  // strings, or References resolved at Apply
  StringMap tags;
};

class GroupTask : public LocalCloudTask {
 public:
  GroupTask(std::string task_name, GroupSpec spec, LocalCloudApi& reader, ClusterRef ref);
  engine::Fields Expected() const override;
  Result<std::optional<engine::Fields>> Find(engine::Context& ctx) override;
  Status Apply(engine::DirectTarget& target, const engine::Change& change,
               engine::Context& ctx) override;
  const GroupSpec& spec() const { return spec_; }

 private:
  GroupSpec spec_;
};

// What the spec keeps; everything else of the cluster is deleted by CleanupTask.
struct KeptResources {
  std::set<std::string> groups;  // instance group names
  std::set<std::pair<std::string, std::string>> etcd_members;  // (etcd cluster, member)
  std::map<std::string, std::string> group_task_names;  // group -> "<ig>.masters.<cluster>"
};

class CleanupTask : public LocalCloudTask {
 public:
  CleanupTask(std::string cluster_name, KeptResources kept, LocalCloudApi& reader, ClusterRef ref);
  engine::Fields Expected() const override;
  Result<std::optional<engine::Fields>> Find(engine::Context& ctx) override;
  Status Apply(engine::DirectTarget& target, const engine::Change& change,
               engine::Context& ctx) override;
  Result<std::vector<engine::Deletion>> FindDeletions(engine::Context& ctx) override;

 private:
  KeptResources kept_;
};

}  // namespace kops::cloud::local
