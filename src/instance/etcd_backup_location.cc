#include "instance/etcd_backup_location.h"

namespace kops::instance {

Result<EtcdBackupLocation> EtcdBackupLocation::Resolve(store::Vfs& state,
                                                       const std::string& cluster_name,
                                                       const std::string& etcd_cluster,
                                                       const std::string& backup_store_url,
                                                       const VfsOpener& open) {
  EtcdBackupLocation loc;
  loc.etcd_cluster_ = etcd_cluster;
  loc.vfs_ = &state;
  std::string url = backup_store_url;
  while (url.size() > 1 && url.back() == '/') url.pop_back();
  if (url.empty()) {
    loc.dir_ = cluster_name + "/backups/etcd/" + etcd_cluster;
    return loc;
  }
  std::string root = state.Url();
  if (url == root) return loc;
  if (url.size() > root.size() + 1 && url.compare(0, root.size(), root) == 0 &&
      url[root.size()] == '/') {
    loc.dir_ = url.substr(root.size() + 1);
    return loc;
  }
  Result<std::unique_ptr<store::Vfs>> opened = open(url);
  if (!opened.ok()) {
    return InvalidArgument("etcdClusters[" + etcd_cluster + "].backups.backupStore \"" +
                           backup_store_url + "\": " + opened.status().message());
  }
  loc.owned_ = std::move(opened).value();
  loc.vfs_ = loc.owned_.get();
  return loc;
}

std::string EtcdBackupLocation::Url() const {
  return dir_.empty() ? vfs_->Url() : vfs_->Url() + "/" + dir_;
}

Result<EtcdBackupLocation> EtcdBackupLocationFor(store::Vfs& state, const api::Cluster& cluster,
                                                 const api::EtcdClusterSpec& etcd,
                                                 const VfsOpener& open) {
  return EtcdBackupLocation::Resolve(state, cluster.metadata.name, etcd.name,
                                     etcd.backups ? etcd.backups->backup_store : "", open);
}

}  // namespace kops::instance
