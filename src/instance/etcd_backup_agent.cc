#include "instance/etcd_backup_agent.h"

#include "instance/etcd_bootstrap_guard.h"

namespace kops::instance {

EtcdBackupAgent::EtcdBackupAgent(EtcdBackupAgentConfig config, EtcdBackupLocation location,
                                 store::Vfs& vfs, etcd::PeerDiscovery& discovery, HttpClient& http,
                                 Clock& clock, std::function<void(const std::string&)> log)
    : config_(std::move(config)),
      vfs_(vfs),
      location_(std::move(location)),
      store_(location_.Store()) {
  etcd::ClientOptions o;
  o.endpoints = {config_.client_url};
  o.request_timeout = std::chrono::seconds(60);  // a snapshot streams the whole database
  o.tls = config_.client_tls;
  Result<std::unique_ptr<etcd::Client>> client = etcd::Client::Create(http, o);
  if (client.ok()) {
    client_ = std::move(client).value();
    source_ = std::make_unique<ClientSnapshotSource>(*client_, config_.client_url);
    backups_ = std::make_unique<EtcdBackupController>(store_, *source_, clock, config_.settings,
                                                      static_cast<int>(config_.member_names.size()), log);
  } else if (log) {
    log("etcd " + config_.etcd_cluster + " backups disabled: " + client.status().message());
  }
  restorer_ = std::make_unique<EtcdctlRestorer>(config_.etcdctl, config_.work_dir + "/etcdctl-restore.log", clock);
  EtcdRestoreConfig rc;
  rc.member_name = config_.member_name;
  rc.member_names = config_.member_names;
  rc.peer_url = config_.peer_url;
  rc.data_dir = config_.data_dir;
  rc.work_dir = config_.work_dir;
  rc.token = config_.token;
  EtcdRestoreDeps rd;
  rd.store = &store_;
  rd.discovery = &discovery;
  rd.restorer = restorer_.get();
  rd.clock = &clock;
  rd.stop_etcd = [this] {
    if (manager_) manager_->Stop();
  };
  rd.log = log;
  restore_ = std::make_unique<EtcdRestoreController>(rc, rd);
}

EtcdBackupAgent::~EtcdBackupAgent() = default;

etcd::StartPlan EtcdBackupAgent::ReviewBootstrap(etcd::StartPlan plan) {
  return GuardBootstrap(std::move(plan), store_, vfs_, config_.cluster_name);
}

void EtcdBackupAgent::Tick() {
  restore_->Tick();
  if (backups_) backups_->Tick();
}

}  // namespace kops::instance
