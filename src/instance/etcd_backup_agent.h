// EtcdBackupAgent: the backup side of one etcd member on a control-plane instance — the
// scheduled backups (etcd_backups.h), restore commands (etcd_restore.h) and the guard
// on empty bootstraps (etcd_bootstrap_guard.h) — wired to its EtcdManager. ControlPlane
// creates one per member and calls Tick() after each manager tick, on the same thread.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "base/clock.h"
#include "base/http.h"
#include "etcd/client.h"
#include "etcd/manager.h"
#include "instance/etcd_backup_location.h"
#include "instance/etcd_backups.h"
#include "instance/etcd_restore.h"
#include "store/vfs.h"

namespace kops::instance {

struct EtcdBackupAgentConfig {
  std::string cluster_name;
  std::string etcd_cluster;
  std::string member_name;
  std::vector<std::string> member_names;
  std::string client_url;
  std::string peer_url;
  std::string data_dir;
  std::string work_dir;
  std::string token;
  std::string etcdctl = "/usr/bin/etcdctl";
  TlsConfig client_tls;
  EtcdBackupSettings settings;
};

class EtcdBackupAgent {
 public:
  // Everything passed must outlive the agent; backups and restore commands are at location
  // (config.settings.backup_store resolved), vfs is the state store.
  EtcdBackupAgent(EtcdBackupAgentConfig config, EtcdBackupLocation location, store::Vfs& vfs,
                  etcd::PeerDiscovery& discovery,
                  HttpClient& http, Clock& clock, std::function<void(const std::string&)> log);
  ~EtcdBackupAgent();

  // Connects the manager: its bootstrap review and the restore's etcd stop.
  void Attach(etcd::EtcdManager* manager) { manager_ = manager; }
  // For ManagerDeps::review_bootstrap.
  etcd::StartPlan ReviewBootstrap(etcd::StartPlan plan);
  void Tick();

 private:
  EtcdBackupAgentConfig config_;
  store::Vfs& vfs_;
  etcd::EtcdManager* manager_ = nullptr;
  EtcdBackupLocation location_;
  EtcdBackupStore store_;
  std::unique_ptr<etcd::Client> client_;
  std::unique_ptr<ClientSnapshotSource> source_;
  std::unique_ptr<EtcdBackupController> backups_;
  std::unique_ptr<EtcdctlRestorer> restorer_;
  std::unique_ptr<EtcdRestoreController> restore_;
};

}  // namespace kops::instance
