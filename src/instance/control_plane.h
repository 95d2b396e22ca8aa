// ControlPlane: everything a control-plane instance runs — one EtcdManager per etcd
// cluster with a member here (volume claimed by kops' tag in the instance's zone, TLS
// from the keystore's etcd CAs, discovery in the state store) and the API stand-in on
// the instance address, backed by its local etcd main member.
//
// Start() claims volumes, writes certificates, starts the API listener and one
// supervising thread per etcd member (EtcdManager::Tick every tick_interval, so a slow
// call for one cluster never delays the other); Stop() (and the destructor) stops the
// API, joins the threads and kills etcd. Start/Stop from one thread.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "base/http.h"
#include "etcd/client.h"
#include "etcd/manager.h"
#include "etcd/manager_cluster_api.h"
#include "etcd/manager_process.h"
#include "instance/apiserver.h"
#include "instance/etcd_backup_agent.h"
#include "instance/etcd_object_store.h"
#include "instance/instance_config.h"
#include "instance/store_discovery.h"
#include "instance/volume_claimer.h"
#include "store/keystore.h"
#include "store/vfs.h"

namespace kops::instance {

struct ControlPlaneConfig {
  std::string cluster_name;
  std::string zone;
  std::string address;
  std::string work_dir;  // certificates and etcd logs
  std::vector<EtcdMembership> etcd;
  std::vector<std::string> api_sans;
  int api_port = 443;
  std::string etcd_binary = "/usr/bin/etcd";
  int heartbeat_interval_ms = 100;
  int election_timeout_ms = 500;
  std::chrono::milliseconds tick_interval{100};
  // Backup schedule and retention per etcd cluster (defaults when absent).
  std::map<std::string, EtcdBackupSettings> etcd_backups;
};

struct ControlPlaneDeps {
  store::Vfs* vfs = nullptr;          // the state store
  VolumeClaimer* volumes = nullptr;
  HttpClient* http = nullptr;
  Clock* clock = nullptr;
  std::function<void(const std::string&)> log;
  // The member names the spec gives an etcd cluster now (etcd::ManagerDeps::spec_members);
  // empty: the names the instance started with.
  std::function<Result<std::vector<std::string>>(const std::string& etcd_cluster)> spec_members;
};

class ControlPlane {
 public:
  ControlPlane(ControlPlaneConfig config, ControlPlaneDeps deps);
  ~ControlPlane();

  Status Start();
  void Stop();

  etcd::EtcdManager* manager(const std::string& etcd_cluster);
  ApiServer* api() { return api_.get(); }
  // The API's objects in etcd main (null before Start()).
  ObjectStore* objects() { return store_.get(); }
  // Client TLS for etcd cluster `etcd_cluster` (clients CA + a client certificate).
  const TlsConfig& etcd_client_tls() const { return etcd_client_tls_; }

 private:
  struct Member {
    std::unique_ptr<StoreDiscovery> discovery;
    std::unique_ptr<etcd::EtcdClusterApi> api;
    std::unique_ptr<etcd::EtcdManager> manager;
    std::unique_ptr<EtcdBackupAgent> backups;
    std::jthread supervisor;
  };
  Status StartMember(const EtcdMembership& m, store::Keystore& keystore);
  Status StartApi(store::Keystore& keystore);

  ControlPlaneConfig config_;
  ControlPlaneDeps deps_;
  etcd::ForkEtcdLauncher launcher_;
  std::map<std::string, Member> members_;
  TlsConfig etcd_client_tls_;
  std::unique_ptr<etcd::Client> main_client_;
  std::unique_ptr<EtcdObjectStore> store_;
  std::unique_ptr<ApiServer> api_;
};

}  // namespace kops::instance
