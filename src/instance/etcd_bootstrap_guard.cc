#include "instance/etcd_bootstrap_guard.h"

namespace kops::instance {

namespace {

std::string AllowPath(const std::string& cluster_name, const std::string& etcd_cluster) {
  return cluster_name + "/backups/etcd/" + etcd_cluster + "/control/" + kAllowEmptyClusterFile;
}

}  // namespace

etcd::StartPlan ReviewBootstrap(etcd::StartPlan plan, const BootstrapEvidence& ev,
                                const std::string& etcd_cluster) {
  if (plan.kind != etcd::StartPlan::Kind::kBootstrap || ev.allowed) return plan;
  if (ev.backups.empty()) return plan;
  std::string why = std::to_string(ev.backups.size()) + " backup(s) of etcd " + etcd_cluster +
                    " exist in " + ev.store_url + " (newest " + ev.backups.back() + ")";
  etcd::StartPlan wait;
  wait.reason = "refusing to form a new empty cluster: " + why +
                "; restore with `kops etcd restore <cluster> --cluster " + etcd_cluster +
                " --backup <id>`, or allow an empty cluster with `kops etcd restore <cluster> "
                "--cluster " + etcd_cluster + " --empty --force`";
  return wait;
}

etcd::StartPlan GuardBootstrap(etcd::StartPlan plan, EtcdBackupStore& store, store::Vfs& vfs,
                               const std::string& cluster_name) {
  if (plan.kind != etcd::StartPlan::Kind::kBootstrap) return plan;
  BootstrapEvidence ev;
  ev.store_url = store.Url();
  Result<std::vector<StoredBackup>> backups = store.List();
  if (!backups.ok()) {
    etcd::StartPlan wait;
    wait.reason = "cannot list backups before forming a new cluster: " + backups.status().message();
    return wait;
  }
  for (const StoredBackup& b : *backups) ev.backups.push_back(b.name);
  Result<store::VfsObject> allow = vfs.Read(AllowPath(cluster_name, store.etcd_cluster()));
  ev.allowed = allow.ok() && (ev.backups.empty() || allow->data >= ev.backups.back());
  return ReviewBootstrap(std::move(plan), ev, store.etcd_cluster());
}

Status AllowEmptyCluster(EtcdBackupStore& store, store::Vfs& vfs, const std::string& cluster_name) {
  ASSIGN_OR_RETURN(std::vector<StoredBackup> backups, store.List());
  std::string newest = backups.empty() ? "" : backups.back().name;
  return vfs.Write(AllowPath(cluster_name, store.etcd_cluster()), newest).status();
}

}  // namespace kops::instance
