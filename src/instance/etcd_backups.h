// Scheduled etcd backups, as kops' etcd-manager takes them: only the member that is the
// etcd leader backs up, when the newest backup in the store is older than the interval
// (so a leader change neither skips nor doubles one), and prunes old backups (at most
// once per cleanup interval) by etcd/backup_retention.h. TakeEtcdBackup is also what
// `kops etcd backup` calls.
//
// Settings from the spec's etcdClusters[].manager: backupInterval (default 15m),
// backupRetentionDays (daily retention "<n>d"), env ETCD_MANAGER_HOURLY_BACKUPS_RETENTION
// and ETCD_MANAGER_DAILY_BACKUPS_RETENTION (etcd-manager's variables, which win); the
// instance's environment variable KOPS_ETCD_BACKUP_INTERVAL overrides the interval (tests).
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <string>

#include "api/cluster.h"
#include "base/clock.h"
#include "base/status.h"
#include "etcd/backup_retention.h"
#include "etcd/client.h"
#include "instance/etcd_backup_store.h"

namespace kops::instance {

struct EtcdBackupSettings {
  Clock::Duration interval = std::chrono::minutes(15);
  etcd::RetentionPolicy retention;
  Clock::Duration cleanup_interval = std::chrono::hours(1);
  Clock::Duration leader_poll = std::chrono::seconds(10);  // how often a follower looks again
  std::string backup_store;  // etcdClusters[].backups.backupStore; "" for the default
};

// Settings of every etcd cluster of the spec, by name. kInvalidArgument naming the field
// (e.g. "etcdClusters[main].manager.backupInterval") and the value.
Result<std::map<std::string, EtcdBackupSettings>> EtcdBackupSettingsFor(
    const api::Cluster& cluster, const std::function<const char*(const char*)>& getenv);

// The member a backup is taken from.
class EtcdSnapshotSource {
 public:
  virtual ~EtcdSnapshotSource() = default;
  // Whether this member is the etcd leader now.
  virtual Result<bool> IsLeader() = 0;
  virtual Result<std::string> Version() = 0;  // the server version, "3.4.23"
  virtual Result<std::string> Snapshot() = 0;
};

// The member at endpoint through client (which must outlive this).
class ClientSnapshotSource : public EtcdSnapshotSource {
 public:
  ClientSnapshotSource(etcd::Client& client, std::string endpoint)
      : client_(client), endpoint_(std::move(endpoint)) {}
  Result<bool> IsLeader() override;
  Result<std::string> Version() override;
  Result<std::string> Snapshot() override;

 private:
  etcd::Client& client_;
  std::string endpoint_;
};

struct TakenBackup {
  std::string name;
  size_t snapshot_bytes = 0;
  size_t stored_bytes = 0;  // gzipped
};

// Snapshot, gzip, and store as BackupName(now, sequence) with its meta file.
Result<TakenBackup> TakeEtcdBackup(EtcdBackupStore& store, EtcdSnapshotSource& source,
                                   etcd::WallTime now, int sequence, int member_count);

class EtcdBackupController {
 public:
  EtcdBackupController(EtcdBackupStore& store, EtcdSnapshotSource& source, Clock& clock,
                       EtcdBackupSettings settings, int member_count,
                       std::function<void(const std::string&)> log);
  // One round: nothing until the next check is due; then a backup when this member leads
  // and the newest stored backup is older than the interval; then pruning when due.
  void Tick();

 private:
  void Prune();
  void Log(const std::string& line);

  EtcdBackupStore& store_;
  EtcdSnapshotSource& source_;
  Clock& clock_;
  EtcdBackupSettings settings_;
  int member_count_;
  std::function<void(const std::string&)> log_;
  Clock::TimePoint next_check_{};
  Clock::TimePoint next_cleanup_{};
  int sequence_ = 0;
};

}  // namespace kops::instance
