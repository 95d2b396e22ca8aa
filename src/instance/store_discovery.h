// PeerDiscovery over the state store, next to etcd-manager's own files for the etcd
// cluster (<cluster>/backups/etcd/<etcd cluster>/):
//   control/etcd-cluster-created   the marker etcd-manager writes once the cluster formed
//   discovery/<member>             {"name","peerURL","clientURL"} published by each member
// The Vfs is not owned and must outlive this object.
#pragma once

#include "etcd/manager_deps.h"
#include "store/vfs.h"

namespace kops::instance {

class StoreDiscovery : public etcd::PeerDiscovery {
 public:
  StoreDiscovery(store::Vfs& vfs, std::string cluster_name, std::string etcd_cluster);

  Status Publish(const etcd::PeerRecord& self) override;
  Result<std::vector<etcd::PeerRecord>> List() override;
  Result<bool> IsCreated() override;
  Status MarkCreated() override;

  std::string BaseDir() const { return base_; }

 private:
  store::Vfs& vfs_;
  std::string base_;  // "<cluster>/backups/etcd/<etcd cluster>/"
};

}  // namespace kops::instance
