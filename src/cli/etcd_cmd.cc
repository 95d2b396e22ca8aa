// `kops etcd backups list NAME [--cluster main] [-o table|json]`,
// `kops etcd backup NAME [--cluster main]` and
// `kops etcd restore NAME --cluster main --backup ID [--yes]` (or `--empty --force`):
// the cluster's etcd backups in the state store, as kops' etcd-manager keeps them
// (ops/etcd_backup_ops.h does the work). Progress goes to stderr.
#include <ctime>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/output_format.h"
#include "cli/commands.h"
#include "base/time_format.h"
#include "cli/local_cloud_cli.h"
#include "cli/opened_cluster.h"
#include "cli/table.h"
#include "ops/cluster_specs.h"
#include "ops/duration.h"
#include "ops/etcd_backup_ops.h"
#include "ops/local_validation_source.h"
#include "store/clientset.h"

namespace kops::cli {

namespace {

struct EtcdOptions {
  std::string cluster;
  std::string etcd_cluster;
  std::string output = "table";
  std::string backup;
  std::string timeout = "10m";
  bool yes = false;
  bool empty = false;
  bool force = false;
};

Status ListBackups(Context& ctx, const EtcdOptions& o) {
  RETURN_IF_ERROR(CheckOutputFlag(o.output, {"table", "json"}));
  ASSIGN_OR_RETURN(std::string name, ctx.ClusterName(o.cluster));
  ASSIGN_OR_RETURN(auto clientset, ctx.OpenClientset());
  ASSIGN_OR_RETURN(ops::ClusterSpecs specs, ops::LoadClusterSpecs(*clientset, name));
  std::vector<std::string> which;
  if (!o.etcd_cluster.empty()) which.push_back(o.etcd_cluster);
  ASSIGN_OR_RETURN(std::vector<ops::EtcdBackupRow> rows,
                   ops::ListEtcdBackups(clientset->vfs(), specs.cluster, which));
  if (o.output == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& r : rows) {
      list.push_back({{"etcdCluster", r.etcd_cluster},
                      {"id", r.name},
                      {"time", Rfc3339Utc(r.time)},
                      {"etcdVersion", r.etcd_version},
                      {"size", r.size}});
    }
    ctx.Out() << list.dump(2) << "\n";
    return Status::Ok();
  }
  Table table({"ETCD CLUSTER", "ID", "TIME", "ETCD VERSION", "SIZE"});
  for (const auto& r : rows)
    table.AddRow({r.etcd_cluster, r.name, Rfc3339Utc(r.time), r.etcd_version, std::to_string(r.size)});
  table.Print(ctx.Out());
  return Status::Ok();
}

Status Backup(Context& ctx, const EtcdOptions& o) {
  ASSIGN_OR_RETURN(auto opened, OpenCluster(ctx, o.cluster));
  ops::EtcdAccess access{opened->http.get(), opened->keystore.get(), &RealClock::Instance()};
  access.timeout = std::chrono::seconds(60);
  ASSIGN_OR_RETURN(instance::TakenBackup taken,
                   ops::BackupEtcdNow(opened->clientset->vfs(), opened->specs.cluster,
                                      o.etcd_cluster.empty() ? "main" : o.etcd_cluster, access, ctx.Err()));
  ctx.Err() << "Backup " << taken.name << " stored (" << taken.snapshot_bytes << " bytes, "
            << taken.stored_bytes << " gzipped)\n";
  ctx.Out() << taken.name << "\n";
  return Status::Ok();
}

Status Restore(Context& ctx, const EtcdOptions& o) {
  if (o.etcd_cluster.empty()) return InvalidArgument("etcd restore: --cluster is required (e.g. main)");
  ASSIGN_OR_RETURN(auto timeout, ops::ParseGoDuration(o.timeout));
  ASSIGN_OR_RETURN(auto opened, OpenCluster(ctx, o.cluster));
  const api::Cluster& cluster = opened->specs.cluster;
  ops::EtcdAccess access{opened->http.get(), opened->keystore.get(), &RealClock::Instance()};
  ops::EtcdRestoreOptions ro;
  ro.etcd_cluster = o.etcd_cluster;
  ro.backup = o.backup;
  ro.yes = o.yes;
  ro.empty = o.empty;
  ro.force = o.force;
  ro.timeout = timeout;
  auto observe = [&]() -> Result<ops::ValidationInput> {
    if (cluster.spec.cloud_provider != "local") {
      return FailedPrecondition("validate: cloud \"" + cluster.spec.cloud_provider +
                                "\" is not supported yet (the local cloud is)");
    }
    auto cloud = LocalClient();
    return ObserveLocalCluster(*opened, cloud);
  };
  return ops::RestoreEtcd(opened->clientset->vfs(), cluster, ro, access, observe, ctx.Out(), ctx.Err());
}

}  // namespace

void RegisterEtcd(CLI::App& app, Context& ctx) {
  CLI::App* etcd = SubcommandOf(app, "etcd", "Back up and restore the cluster's etcd");
  auto o = std::make_shared<EtcdOptions>();

  CLI::App* backups = etcd->add_subcommand("backups", "The etcd backups in the state store");
  auto* list = backups->add_subcommand("list", "List the etcd backups of a cluster");
  list->add_option("name", o->cluster, "Cluster name");
  list->add_option("--cluster", o->etcd_cluster, "etcd cluster (main, events); default all");
  list->add_option("-o,--output", o->output, "Output format: table or json");
  list->callback([&ctx, o] { ctx.action = [&ctx, o] { return ListBackups(ctx, *o); }; });

  auto* backup = etcd->add_subcommand("backup", "Take an etcd backup now, from the etcd leader");
  backup->add_option("name", o->cluster, "Cluster name");
  backup->add_option("--cluster", o->etcd_cluster, "etcd cluster (default main)");
  backup->callback([&ctx, o] { ctx.action = [&ctx, o] { return Backup(ctx, *o); }; });

  auto* restore = etcd->add_subcommand("restore", "Restore every member of an etcd cluster from a backup");
  restore->add_option("name", o->cluster, "Cluster name");
  restore->add_option("--cluster", o->etcd_cluster, "etcd cluster (main, events)");
  restore->add_option("--backup", o->backup, "Backup ID, as `kops etcd backups list` shows it");
  restore->add_flag("--yes,-y", o->yes, "Restore (without it, show what would happen)");
  restore->add_flag("--empty", o->empty,
                    "Instead: allow a new empty etcd cluster although backups exist (needs --force)");
  restore->add_flag("--force", o->force, "Allow discarding the backed-up data (with --empty)");
  restore->add_option("--timeout", o->timeout, "How long to wait for the restore and validation");
  restore->callback([&ctx, o] { ctx.action = [&ctx, o] { return Restore(ctx, *o); }; });
}

}  // namespace kops::cli
