// Where one etcd cluster's backups and control files live: the spec's
// etcdClusters[].backups.backupStore (a VFS URL, as kops takes it), by default
// <state store>/<cluster>/backups/etcd/<etcd cluster>. A URL inside the state store is
// reached through the state store's Vfs; any other is opened on its own.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "api/cluster.h"
#include "base/status.h"
#include "instance/etcd_backup_store.h"
#include "store/vfs.h"

namespace kops::instance {

using VfsOpener = std::function<Result<std::unique_ptr<store::Vfs>>(const std::string& url)>;

class EtcdBackupLocation {
 public:
  // backup_store_url "" means the default. kInvalidArgument naming
  // etcdClusters[<etcd cluster>].backups.backupStore and the URL when it cannot be opened.
  static Result<EtcdBackupLocation> Resolve(store::Vfs& state, const std::string& cluster_name,
                                            const std::string& etcd_cluster,
                                            const std::string& backup_store_url,
                                            const VfsOpener& open = store::OpenVfs);

  // The store's URL, e.g. "memfs://s/ha.example.com/backups/etcd/main".
  std::string Url() const;
  store::Vfs& vfs() const { return *vfs_; }
  const std::string& dir() const { return dir_; }  // "" or "a/b" under vfs()
  // A store over this location; the location must outlive it.
  EtcdBackupStore Store() const { return EtcdBackupStore::At(*vfs_, dir_, etcd_cluster_); }

 private:
  std::shared_ptr<store::Vfs> owned_;  // when outside the state store
  store::Vfs* vfs_ = nullptr;
  std::string dir_;
  std::string etcd_cluster_;
};

// The location of etcd's backups in cluster's spec.
Result<EtcdBackupLocation> EtcdBackupLocationFor(store::Vfs& state, const api::Cluster& cluster,
                                                 const api::EtcdClusterSpec& etcd,
                                                 const VfsOpener& open = store::OpenVfs);

}  // namespace kops::instance
