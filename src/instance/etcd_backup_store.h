// EtcdBackupStore: one etcd cluster's backups and control files in the state store, in
// etcd-manager's layout (etcd/backup_layout.h) under
// <cluster>/backups/etcd/<etcd cluster>/ — the directory StoreDiscovery also uses.
// Besides kops' files, a member that has carried out a restore command writes
// control/<command>/restored-<member> (etcd-manager ignores files other than
// _command.json there). The Vfs is not owned and must outlive this object.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "etcd/backup_layout.h"
#include "store/vfs.h"

namespace kops::instance {

struct StoredBackup {
  std::string name;
  etcd::WallTime time;
};

struct StoredCommand {
  std::string name;  // the control/<name>/ directory
  etcd::RestoreCommand restore;
};

class EtcdBackupStore {
 public:
  // At the default location, <cluster>/backups/etcd/<etcd cluster>/ in vfs.
  EtcdBackupStore(store::Vfs& vfs, std::string cluster_name, std::string etcd_cluster);
  // At dir ("" for vfs' root) in vfs (etcd_backup_location.h resolves the spec's backupStore).
  static EtcdBackupStore At(store::Vfs& vfs, const std::string& dir, std::string etcd_cluster);

  const std::string& etcd_cluster() const { return etcd_cluster_; }
  // The store's URL ("<state store>/<cluster>/backups/etcd/<etcd cluster>" by default).
  std::string Url() const;

  // Complete backups (those with a meta file), oldest first.
  Result<std::vector<StoredBackup>> List();
  // Writes <name>/etcd.backup.gz, then <name>/_etcd_backup.meta.
  Status Add(const std::string& name, const std::string& gzipped_snapshot,
             const etcd::BackupInfo& info);
  // kNotFound naming the backup and the store when it has no meta file.
  Result<etcd::BackupInfo> ReadInfo(const std::string& name);
  Result<std::string> ReadData(const std::string& name);  // the gzipped snapshot
  Status Remove(const std::string& name);

  // Restore commands, oldest first (other commands and unreadable ones are skipped).
  Result<std::vector<StoredCommand>> RestoreCommands();
  Status AddCommand(const std::string& name, const etcd::RestoreCommand& command);
  // Deletes the command and its restored-<member> markers.
  Status RemoveCommand(const std::string& name);
  Status MarkRestored(const std::string& command, const std::string& member);
  Result<std::vector<std::string>> RestoredMembers(const std::string& command);

  Status WriteClusterSpec(const etcd::ClusterSpecInfo& spec);
  // nullopt when there is none yet.
  Result<std::optional<etcd::ClusterSpecInfo>> ReadClusterSpec();

 private:
  std::string Path(const std::string& rel) const { return base_ + rel; }

  store::Vfs& vfs_;
  std::string cluster_name_;
  std::string etcd_cluster_;
  std::string base_;  // "<cluster>/backups/etcd/<etcd cluster>/" by default; "" or ends in '/'
};

}  // namespace kops::instance
