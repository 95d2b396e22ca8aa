#include "instance/control_plane.h"

#include "base/file_util.h"
#include "instance/apiserver_certs.h"
#include "instance/etcd_certs.h"

namespace kops::instance {

ControlPlane::ControlPlane(ControlPlaneConfig config, ControlPlaneDeps deps)
    : config_(std::move(config)), deps_(std::move(deps)) {}

ControlPlane::~ControlPlane() { Stop(); }

etcd::EtcdManager* ControlPlane::manager(const std::string& etcd_cluster) {
  auto it = members_.find(etcd_cluster);
  return it == members_.end() ? nullptr : it->second.manager.get();
}

Status ControlPlane::StartMember(const EtcdMembership& m, store::Keystore& keystore) {
  auto [tag_key, tag_value] = EtcdVolumeTag(m.etcd_cluster, m.member, m.all_members);
  std::map<std::string, std::string> filters = {
      {tag_key, tag_value}, {"kubernetes.io/cluster/" + config_.cluster_name, ""}};
  ASSIGN_OR_RETURN(ClaimedVolume volume, deps_.volumes->Claim(config_.zone, filters));
  std::string dir = config_.work_dir + "/etcd-" + m.etcd_cluster;
  ASSIGN_OR_RETURN(EtcdMemberTls tls,
                   WriteEtcdMemberTls(keystore, m.etcd_cluster, m.member, config_.address, dir + "/pki"));
  if (m.etcd_cluster == "main") etcd_client_tls_ = tls.client_config;

  Member member;
  member.discovery = std::make_unique<StoreDiscovery>(*deps_.vfs, config_.cluster_name, m.etcd_cluster);
  member.api = std::make_unique<etcd::EtcdClusterApi>(*deps_.http, tls.client_config);
  etcd::ManagerConfig mc;
  mc.etcd_cluster = m.etcd_cluster;
  mc.member_name = m.member;
  mc.member_names = m.all_members;
  mc.address = config_.address;
  mc.client_port = m.client_port;
  mc.peer_port = m.peer_port;
  mc.data_dir = volume.data_dir + "/data";
  mc.log_path = dir + "/etcd.log";
  mc.token = etcd::ManagerToken(config_.cluster_name, m.etcd_cluster);
  mc.binary = config_.etcd_binary;
  mc.heartbeat_interval_ms = config_.heartbeat_interval_ms;
  mc.election_timeout_ms = config_.election_timeout_ms;
  mc.client_tls = tls.client;
  mc.peer_tls = tls.peer;
  etcd::EtcdProcessSpec urls;  // the member's URLs, as the manager derives them
  urls.address = mc.address;
  urls.client_port = mc.client_port;
  urls.peer_port = mc.peer_port;
  urls.client_tls = mc.client_tls;
  urls.peer_tls = mc.peer_tls;
  EtcdBackupAgentConfig bc{config_.cluster_name, m.etcd_cluster, m.member, m.all_members,
                           etcd::ClientUrl(urls), etcd::PeerUrl(urls), mc.data_dir, dir, mc.token,
                           "/usr/bin/etcdctl", tls.client_config, config_.etcd_backups[m.etcd_cluster]};
  ASSIGN_OR_RETURN(EtcdBackupLocation backup_location,
                   EtcdBackupLocation::Resolve(*deps_.vfs, config_.cluster_name, m.etcd_cluster,
                                               bc.settings.backup_store));
  member.backups = std::make_unique<EtcdBackupAgent>(bc, std::move(backup_location), *deps_.vfs,
                                                      *member.discovery,
                                                      *deps_.http, *deps_.clock, deps_.log);
  etcd::ManagerDeps md{member.api.get(), member.discovery.get(), &launcher_, deps_.clock, deps_.log};
  EtcdBackupAgent* agent = member.backups.get();
  md.review_bootstrap = [agent](etcd::StartPlan p) { return agent->ReviewBootstrap(std::move(p)); };
  if (deps_.spec_members)
    md.spec_members = [read = deps_.spec_members, c = m.etcd_cluster] { return read(c); };
  member.manager = std::make_unique<etcd::EtcdManager>(mc, md);
  agent->Attach(member.manager.get());
  if (deps_.log) deps_.log("etcd " + m.etcd_cluster + ": member " + m.member + " on volume " + volume.id);
  members_[m.etcd_cluster] = std::move(member);
  return Status::Ok();
}

Status ControlPlane::StartApi(store::Keystore& keystore) {
  etcd::ClientOptions o;
  o.endpoints = {manager("main")->ClientUrl()};
  o.request_timeout = kEtcdStoreAttemptTimeout;
  o.tls = etcd_client_tls_;
  ASSIGN_OR_RETURN(main_client_, etcd::Client::Create(*deps_.http, o));
  store_ = std::make_unique<EtcdObjectStore>(*main_client_, *deps_.clock);
  ASSIGN_OR_RETURN(IssuedPem pem, IssueApiServerCert(keystore, config_.address, config_.api_sans));
  ApiServerOptions ao;
  ao.address = config_.address;
  ao.port = config_.api_port;
  ao.cert_pem = pem.cert_pem;
  ao.key_pem = pem.key_pem;
  ao.client_ca_pem = pem.ca_pem;
  api_ = std::make_unique<ApiServer>(ao, *store_);
  return api_->Start();
}

Status ControlPlane::Start() {
  RETURN_IF_ERROR(MakeDirs(config_.work_dir, 0700));
  store::Keystore keystore(*deps_.vfs, config_.cluster_name);
  for (const EtcdMembership& m : config_.etcd) RETURN_IF_ERROR(StartMember(m, keystore));
  if (manager("main")) RETURN_IF_ERROR(StartApi(keystore));  // no etcd main: no API either
  for (auto& [name, member] : members_) {
    etcd::EtcdManager* mgr = member.manager.get();
    EtcdBackupAgent* backups = member.backups.get();
    Clock* clock = deps_.clock;
    auto interval = config_.tick_interval;
    member.supervisor = std::jthread([mgr, backups, clock, interval](std::stop_token stop) {
      while (!stop.stop_requested()) {
        Status st = mgr->Tick();
        (void)st;  // kept in the manager's snapshot and logged by it
        backups->Tick();
        clock->SleepFor(interval);
      }
    });
  }
  return Status::Ok();
}

void ControlPlane::Stop() {
  if (api_) api_->Stop();
  for (auto& [name, member] : members_) {
    if (member.supervisor.joinable()) {
      member.supervisor.request_stop();
      member.supervisor.join();
    }
    member.manager->Stop();
  }
}

}  // namespace kops::instance
