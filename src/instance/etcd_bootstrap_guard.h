// The guard on forming a new, empty etcd cluster. The manager's plan (etcd/manager_plan.h)
// bootstraps when no member has data and the cluster-created marker is missing; that is
// only right for a cluster that never had data. Before a bootstrap the manager asks
// ReviewBootstrap, which turns it into a wait (with the reason and the way out in the
// log) when
// backups of this etcd cluster exist in the store (restore one with `kops etcd restore
// NAME --cluster C --backup ID`, which every waiting member carries out), unless the operator allowed an empty cluster with `kops etcd restore NAME --cluster C
// --empty --force`, which writes control/kops-allow-empty-cluster naming the newest
// backup at that time (a later backup re-arms the guard).
#pragma once

#include <string>
#include <vector>

#include "etcd/manager_deps.h"
#include "etcd/manager_plan.h"
#include "instance/etcd_backup_store.h"

namespace kops::instance {

inline constexpr const char* kAllowEmptyClusterFile = "kops-allow-empty-cluster";

struct BootstrapEvidence {
  std::vector<std::string> backups;  // backup names in the store, oldest first
  bool allowed = false;  // an allow file covers the newest backup
  std::string store_url;
};

// Pure: the plan unchanged unless it is a bootstrap that the evidence forbids.
etcd::StartPlan ReviewBootstrap(etcd::StartPlan plan, const BootstrapEvidence& evidence,
                                const std::string& etcd_cluster);

// Gathers the evidence (store listing, allow file) and reviews the plan. On a store
// error it waits too. (A member whose volume has data never bootstraps: it restarts on
// it, and once it formed the cluster the created marker keeps the others from it.)
etcd::StartPlan GuardBootstrap(etcd::StartPlan plan, EtcdBackupStore& store, store::Vfs& vfs,
                               const std::string& cluster_name);

// Writes the allow file for the newest backup now in the store.
Status AllowEmptyCluster(EtcdBackupStore& store, store::Vfs& vfs, const std::string& cluster_name);

}  // namespace kops::instance
