// Restoring one etcd member from a backup, when a restore command (kops' etcd-manager
// `restore-backup`, written by `kops etcd restore`) is in the store's control directory.
//
// Every member's controller carries out the newest restore command it has not marked
// done: it downloads and unpacks the backup, runs `etcdctl snapshot restore` into a fresh
// directory on its volume with the full initial cluster (every spec member by its
// published peer URL, the same on every member) and a token derived from the command
// (a new cluster id, so restored members never mix with members still on the old data),
// stops etcd, swaps the restored directory in (the old one is kept as
// <data dir>.pre-restore until the next restore), and marks itself restored in the
// store. The etcd manager then starts etcd on the restored data. A member that was down
// restores when it comes back, as long as the command is there. Tick() is called between
// manager ticks on the supervising thread.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "etcd/manager_deps.h"
#include "etcd/manager_plan.h"
#include "instance/etcd_backup_store.h"

namespace kops::instance {

struct SnapshotRestoreRequest {
  std::string snapshot_file;
  std::string member_name;
  etcd::NamedUrls initial_cluster;  // every member, self included
  std::string token;
  std::string peer_url;  // this member's
  std::string data_dir;  // must not exist
};

// etcdctl snapshot restore argv (ETCDCTL_API=3 is the 3.4 default).
std::vector<std::string> EtcdctlRestoreArgv(const std::string& etcdctl,
                                            const SnapshotRestoreRequest& request);

class SnapshotRestorer {
 public:
  virtual ~SnapshotRestorer() = default;
  virtual Status Restore(const SnapshotRestoreRequest& request) = 0;
};

// Runs etcdctl (output appended to log_path), bounded by timeout.
class EtcdctlRestorer : public SnapshotRestorer {
 public:
  EtcdctlRestorer(std::string etcdctl, std::string log_path, Clock& clock,
                  Clock::Duration timeout = std::chrono::seconds(120))
      : etcdctl_(std::move(etcdctl)), log_path_(std::move(log_path)), clock_(clock), timeout_(timeout) {}
  Status Restore(const SnapshotRestoreRequest& request) override;

 private:
  std::string etcdctl_;
  std::string log_path_;
  Clock& clock_;
  Clock::Duration timeout_;
};

// The initial cluster of a restore: every spec member with its published peer URL (self
// by its own). kUnavailable naming the members that have not published one.
Result<etcd::NamedUrls> RestoreInitialCluster(const std::vector<std::string>& member_names,
                                              const std::string& self,
                                              const std::string& self_peer_url,
                                              const std::vector<etcd::PeerRecord>& peers);

// The --initial-cluster-token of a restore: the cluster's token plus the command name.
std::string RestoreToken(const std::string& cluster_token, const std::string& command);

struct EtcdRestoreConfig {
  std::string member_name;
  std::vector<std::string> member_names;
  std::string peer_url;
  std::string data_dir;  // etcd's data dir on the volume
  std::string work_dir;  // for the downloaded snapshot
  std::string token;     // the cluster's token (ManagerToken)
  Clock::Duration poll_interval = std::chrono::seconds(1);
};

struct EtcdRestoreDeps {
  EtcdBackupStore* store = nullptr;
  etcd::PeerDiscovery* discovery = nullptr;
  SnapshotRestorer* restorer = nullptr;
  Clock* clock = nullptr;
  std::function<void()> stop_etcd;
  std::function<void(const std::string&)> log;
};

class EtcdRestoreController {
 public:
  EtcdRestoreController(EtcdRestoreConfig config, EtcdRestoreDeps deps);
  // Looks for a command every poll_interval; carries one out when due. Errors are
  // logged and retried at the next poll.
  void Tick();
  // The last restore error ("" after a success).
  const std::string& last_error() const { return last_error_; }

 private:
  Status Execute(const StoredCommand& command);
  void Log(const std::string& line);

  EtcdRestoreConfig config_;
  EtcdRestoreDeps deps_;
  Clock::TimePoint next_poll_{};
  std::set<std::string> done_;  // commands known restored here
  std::string last_error_;
};

}  // namespace kops::instance
