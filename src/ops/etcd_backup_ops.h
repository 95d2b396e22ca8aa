// `kops etcd backups list`, `kops etcd backup` and `kops etcd restore` as library calls
// (src/cli/etcd_cmd.cc parses the flags). The backups and control files are in each etcd
// cluster's backup store (its spec's backups.backupStore, by default in the state store;
// instance/etcd_backup_location.h) in etcd-manager's layout; the members are
// reached at the client URLs they published there, over TLS with a client certificate
// issued from the keystore's etcd clients CA (in memory only).
#pragma once

#include <chrono>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "api/cluster.h"
#include "base/clock.h"
#include "base/http.h"
#include "instance/etcd_backups.h"
#include "ops/validation.h"
#include "store/keystore.h"
#include "store/vfs.h"

namespace kops::ops {

struct EtcdBackupRow {
  std::string etcd_cluster;
  std::string name;
  etcd::WallTime time;
  std::string etcd_version;
  size_t size = 0;  // bytes of etcd.backup.gz
};

// The backups of the named etcd clusters (all of the spec's when empty), per cluster
// oldest first. kNotFound naming the spec's etcd clusters for an unknown name.
Result<std::vector<EtcdBackupRow>> ListEtcdBackups(store::Vfs& vfs, const api::Cluster& cluster,
                                                   const std::vector<std::string>& etcd_clusters);

struct EtcdAccess {
  HttpClient* http = nullptr;
  store::Keystore* keystore = nullptr;
  Clock* clock = nullptr;
  std::chrono::milliseconds timeout{5000};
};

// A backup now, taken from the current leader of etcd_cluster.
Result<instance::TakenBackup> BackupEtcdNow(store::Vfs& vfs, const api::Cluster& cluster,
                                            const std::string& etcd_cluster, const EtcdAccess& access,
                                            std::ostream& progress);

struct EtcdRestoreOptions {
  std::string etcd_cluster = "main";
  std::string backup;
  bool yes = false;
  bool empty = false;  // allow a new empty cluster instead (needs force)
  bool force = false;
  Clock::Duration timeout = std::chrono::minutes(10);
};

// Without yes: writes what would happen to out. With yes: asks every member to restore
// (a restore command in the control directory), waits until each restored, the etcd
// cluster has all its members healthy, and validate_once reports the cluster healthy
// (as `validate cluster`), with progress on `progress`; then removes the command.
// kDeadlineExceeded naming what was still missing when timeout passes.
Status RestoreEtcd(store::Vfs& vfs, const api::Cluster& cluster, const EtcdRestoreOptions& options,
                   const EtcdAccess& access,
                   const std::function<Result<ValidationInput>()>& observe, std::ostream& out,
                   std::ostream& progress);

}  // namespace kops::ops
