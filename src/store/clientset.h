// Clientset: kops objects in the state store, laid out as kops lays them out:
//   <cluster>/config                    the Cluster (YAML)
//   <cluster>/instancegroup/<name>      each InstanceGroup (YAML)
//   <cluster>/cluster-completed.spec    written by update (full spec)
//   <cluster>/pki/..., <cluster>/secrets/...   keystore and secrets (keystore.h)
// Every read returns the object with the version it was read at; updates name that
// version and fail with Code::kConflict when someone changed the object meanwhile.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "api/cluster.h"
#include "api/instance_group.h"
#include "base/status.h"
#include "store/vfs.h"

namespace kops::store {

template <class T>
struct Versioned {
  T object;
  std::string version;  // from Vfs; "" for an object not yet stored
};

class Clientset {
 public:
  explicit Clientset(std::unique_ptr<Vfs> vfs);

  Vfs& vfs() { return *vfs_; }
  // The configBase kops records for a cluster in this store: "<store url>/<name>".
  std::string ConfigBaseFor(const std::string& cluster_name) const;

  Result<std::vector<std::string>> ListClusterNames();
  // NotFound: `cluster "NAME" not found in state store URL`.
  Result<Versioned<api::Cluster>> GetCluster(const std::string& name);
  Status UpdateCluster(const api::Cluster& cluster, const std::string& version);

  Result<std::vector<Versioned<api::InstanceGroup>>> ListInstanceGroups(const std::string& cluster);
  Result<Versioned<api::InstanceGroup>> GetInstanceGroup(const std::string& cluster,
                                                         const std::string& name);
  Status CreateInstanceGroup(const std::string& cluster, const api::InstanceGroup& ig);
  Status UpdateInstanceGroup(const std::string& cluster, const api::InstanceGroup& ig,
                             const std::string& version);
  Status DeleteInstanceGroup(const std::string& cluster, const std::string& name);

  // Writes a new cluster and its groups; AlreadyExists when the cluster exists. All or
  // nothing: on a failure part-way, what was written is removed again.
  Status CreateClusterWithGroups(const api::Cluster& cluster,
                                 const std::vector<api::InstanceGroup>& groups);
  // Removes every object under <name>/ (spec, groups, keys, secrets, backups).
  Status DeleteClusterState(const std::string& name);

 private:
  std::unique_ptr<Vfs> vfs_;
};

}  // namespace kops::store
