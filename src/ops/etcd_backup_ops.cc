#include "ops/etcd_backup_ops.h"
#include "base/time_format.h"

#include <algorithm>
#include <ctime>
#include <set>
#include <thread>

#include "etcd/client.h"
#include "instance/etcd_backup_location.h"
#include "instance/etcd_bootstrap_guard.h"
#include "instance/etcd_certs.h"
#include "instance/store_discovery.h"
#include "ops/client_cert.h"
#include "ops/validate_wait.h"

namespace kops::ops {

namespace {

Result<const api::EtcdClusterSpec*> FindEtcd(const api::Cluster& cluster, const std::string& name) {
  std::string known;
  for (const api::EtcdClusterSpec& e : cluster.spec.etcd_clusters) {
    if (e.name == name) return &e;
    known += (known.empty() ? "" : ", ") + e.name;
  }
  return NotFound("etcd cluster \"" + name + "\" is not in the spec of " + cluster.metadata.name +
                  " (it has: " + known + ")");
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string TimeText(etcd::WallTime t) { return FormatUtc(t, "%Y-%m-%d %H:%M:%S UTC"); }

// A client for the members' published client URLs.
Result<std::unique_ptr<etcd::Client>> MembersClient(store::Vfs& vfs, const api::Cluster& cluster,
                                                    const std::string& etcd_cluster,
                                                    const EtcdAccess& access,
                                                    std::vector<std::string>* endpoints) {
  instance::StoreDiscovery discovery(vfs, cluster.metadata.name, etcd_cluster);
  ASSIGN_OR_RETURN(std::vector<etcd::PeerRecord> peers, discovery.List());
  endpoints->clear();
  for (const etcd::PeerRecord& p : peers)
    if (!p.client_url.empty()) endpoints->push_back(p.client_url);
  if (endpoints->empty()) {
    return FailedPrecondition("no member of etcd cluster " + etcd_cluster +
                              " has published its address yet (is the cluster up? `kops update "
                              "cluster --yes`)");
  }
  ASSIGN_OR_RETURN(TlsConfig tls,
                   IssueClientTls(*access.keystore, instance::EtcdClientsCaName(etcd_cluster),
                                  {"kops-etcd-backup", {}}, std::chrono::hours(1),
                                  access.clock->WallNow()));
  etcd::ClientOptions o;
  o.endpoints = *endpoints;
  o.request_timeout = access.timeout;
  o.tls = tls;
  return etcd::Client::Create(*access.http, o);
}

int SequenceOf(etcd::WallTime t) {
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  return static_cast<int>(us % 1000000);
}

}  // namespace

Result<std::vector<EtcdBackupRow>> ListEtcdBackups(store::Vfs& vfs, const api::Cluster& cluster,
                                                   const std::vector<std::string>& etcd_clusters) {
  std::vector<std::string> names = etcd_clusters;
  if (names.empty())
    for (const api::EtcdClusterSpec& e : cluster.spec.etcd_clusters) names.push_back(e.name);
  std::vector<EtcdBackupRow> rows;
  for (const std::string& name : names) {
    ASSIGN_OR_RETURN(const api::EtcdClusterSpec* spec, FindEtcd(cluster, name));
    ASSIGN_OR_RETURN(instance::EtcdBackupLocation location,
                     instance::EtcdBackupLocationFor(vfs, cluster, *spec));
    instance::EtcdBackupStore store = location.Store();
    ASSIGN_OR_RETURN(std::vector<instance::StoredBackup> backups, store.List());
    for (const instance::StoredBackup& b : backups) {
      EtcdBackupRow row{name, b.name, b.time, "", 0};
      Result<etcd::BackupInfo> info = store.ReadInfo(b.name);
      if (info.ok()) row.etcd_version = info->etcd_version;
      Result<std::string> data = store.ReadData(b.name);
      if (data.ok()) row.size = data->size();
      rows.push_back(row);
    }
  }
  return rows;
}

namespace {

// `etcd backup` and `etcd restore` talk to the members (TLS on their client URLs) and
// expect this project's etcd managers; only the local cloud offers both. Elsewhere kops'
// etcd-manager runs etcd inside the cluster's network and does this work itself.
Status RequireLocalEtcd(const api::Cluster& cluster, const std::string& what, const std::string& store_url) {
  if (cluster.spec.cloud_provider == "local") return Status::Ok();
  std::string how =
      what == "etcd backup"
          ? "kops' etcd-manager there takes a backup every 15 minutes and before every membership change; "
            "list them with `kops etcd backups list " + cluster.metadata.name + "`"
          : "there kops' etcd-manager restores: `etcd-manager-ctl --backup-store=" + store_url +
                " restore-backup <ID>`, then restart etcd-manager on every control plane";
  return FailedPrecondition(what + ": cluster \"" + cluster.metadata.name + "\" runs on cloud \"" +
                            cluster.spec.cloud_provider +
                            "\", whose etcd members are reachable only inside its network; " + how +
                            " (this command works on the local cloud)");
}

}  // namespace

Result<instance::TakenBackup> BackupEtcdNow(store::Vfs& vfs, const api::Cluster& cluster,
                                            const std::string& etcd_cluster, const EtcdAccess& access,
                                            std::ostream& progress) {
  ASSIGN_OR_RETURN(const api::EtcdClusterSpec* spec, FindEtcd(cluster, etcd_cluster));
  RETURN_IF_ERROR(RequireLocalEtcd(cluster, "etcd backup", ""));
  std::vector<std::string> endpoints;
  ASSIGN_OR_RETURN(std::unique_ptr<etcd::Client> client,
                   MembersClient(vfs, cluster, etcd_cluster, access, &endpoints));
  std::string leader;
  std::string errors;
  for (const std::string& ep : endpoints) {
    Result<etcd::EndpointStatus> st = client->StatusOf(ep);
    if (!st.ok()) {
      errors += "\n  " + ep + ": " + st.status().message();
      continue;
    }
    if (st->leader != 0 && st->leader == st->header.member_id) leader = ep;
  }
  if (leader.empty()) {
    return Unavailable("etcd cluster " + etcd_cluster + " has no leader to back up from" +
                       (errors.empty() ? " (quorum lost?)" : ":" + errors));
  }
  progress << "Taking a backup of etcd cluster " << etcd_cluster << " from its leader " << leader
           << "\n";
  ASSIGN_OR_RETURN(instance::EtcdBackupLocation location,
                   instance::EtcdBackupLocationFor(vfs, cluster, *spec));
  instance::EtcdBackupStore store = location.Store();
  instance::ClientSnapshotSource source(*client, leader);
  etcd::WallTime now = access.clock->WallNow();
  return instance::TakeEtcdBackup(store, source, now, SequenceOf(now),
                                  static_cast<int>(spec->members.size()));
}

namespace {

struct RestoreWait {
  store::Vfs& vfs;
  const api::Cluster& cluster;
  const EtcdRestoreOptions& options;
  const EtcdAccess& access;
  std::ostream& progress;
  Clock::TimePoint start;
  Clock::TimePoint deadline;

  std::string Elapsed() const { return ShortDuration(access.clock->Now() - start); }
  bool Expired() const { return access.clock->Now() >= deadline; }
  void Sleep() const { access.clock->SleepFor(std::chrono::milliseconds(500)); }

  Status WaitRestored(instance::EtcdBackupStore& store, const std::string& command,
                      const std::vector<std::string>& members) {
    std::set<std::string> seen;
    while (true) {
      Result<std::vector<std::string>> restored = store.RestoredMembers(command);
      if (restored.ok()) {
        for (const std::string& m : *restored) {
          if (seen.insert(m).second)
            progress << "  member " << m << " restored the backup (" << Elapsed() << ")\n";
        }
      }
      std::vector<std::string> missing;
      for (const std::string& m : members)
        if (!seen.count(m)) missing.push_back(m);
      if (missing.empty()) return Status::Ok();
      if (Expired()) {
        return DeadlineExceeded("etcd restore: member(s) " + Join(missing) +
                                " did not restore the backup within " +
                                ShortDuration(deadline - start) +
                                "; the restore command stays in the store, so they restore "
                                "when they run again");
      }
      Sleep();
    }
  }

  Status WaitHealthy(const std::vector<std::string>& members) {
    progress << "Waiting for etcd cluster " << options.etcd_cluster << " to have all "
             << members.size() << " members healthy\n";
    std::string last;
    while (true) {
      std::vector<std::string> endpoints;
      Result<std::unique_ptr<etcd::Client>> client =
          MembersClient(vfs, cluster, options.etcd_cluster, access, &endpoints);
      if (client.ok()) {
        int healthy = 0;
        last.clear();
        for (const std::string& ep : endpoints) {
          Result<bool> h = (*client)->Health(ep);
          if (h.ok() && *h) ++healthy;
          else last += " " + ep + (h.ok() ? " unhealthy;" : ": " + h.status().message() + ";");
        }
        Result<etcd::MemberListResponse> list = (*client)->MemberList();
        bool all_listed = list.ok() && list->members.size() == members.size();
        if (healthy == static_cast<int>(members.size()) && all_listed) {
          progress << "  etcd cluster " << options.etcd_cluster << " healthy with " << healthy
                   << " members (" << Elapsed() << ")\n";
          return Status::Ok();
        }
      } else {
        last = client.status().message();
      }
      if (Expired()) {
        return DeadlineExceeded("etcd restore: etcd cluster " + options.etcd_cluster +
                                " not healthy within " + ShortDuration(deadline - start) + ":" + last);
      }
      Sleep();
    }
  }
};

Status AllowEmpty(store::Vfs& vfs, const api::Cluster& cluster, const EtcdRestoreOptions& o,
                  instance::EtcdBackupStore& store, std::ostream& out) {
  if (!o.force) {
    return FailedPrecondition("etcd restore --empty: a new empty etcd cluster discards every "
                              "backup's data; add --force to allow it");
  }
  if (!o.yes) {
    out << "Will allow the members of etcd cluster " << o.etcd_cluster
        << " to form a new empty cluster although backups exist (when no member has data).\n"
        << "\nMust specify --yes to apply.\n";
    return Status::Ok();
  }
  RETURN_IF_ERROR(instance::AllowEmptyCluster(store, vfs, cluster.metadata.name));
  out << "Allowed a new empty etcd cluster " << o.etcd_cluster << "\n";
  return Status::Ok();
}

}  // namespace

Status RestoreEtcd(store::Vfs& vfs, const api::Cluster& cluster, const EtcdRestoreOptions& o,
                   const EtcdAccess& access,
                   const std::function<Result<ValidationInput>()>& observe, std::ostream& out,
                   std::ostream& progress) {
  ASSIGN_OR_RETURN(const api::EtcdClusterSpec* spec, FindEtcd(cluster, o.etcd_cluster));
  ASSIGN_OR_RETURN(instance::EtcdBackupLocation location,
                   instance::EtcdBackupLocationFor(vfs, cluster, *spec));
  instance::EtcdBackupStore store = location.Store();
  RETURN_IF_ERROR(RequireLocalEtcd(cluster, "etcd restore", store.Url()));
  if (o.empty) {
    if (!o.backup.empty()) return InvalidArgument("etcd restore: give either --backup or --empty");
    return AllowEmpty(vfs, cluster, o, store, out);
  }
  if (o.backup.empty()) {
    return InvalidArgument("etcd restore: --backup is required (see `kops etcd backups list " +
                           cluster.metadata.name + "`)");
  }
  RETURN_IF_ERROR(etcd::CheckBackupName(o.backup));
  Result<etcd::BackupInfo> found = store.ReadInfo(o.backup);
  if (found.status().code() == Code::kNotFound) {
    ASSIGN_OR_RETURN(std::vector<instance::StoredBackup> backups, store.List());
    std::vector<std::string> ids;
    for (const instance::StoredBackup& b : backups) ids.push_back(b.name);
    return NotFound("etcd restore: backup \"" + o.backup + "\" not found in " + store.Url() +
                    (ids.empty() ? "; it holds no backups" : "; available: " + Join(ids)));
  }
  ASSIGN_OR_RETURN(etcd::BackupInfo info, std::move(found));
  ASSIGN_OR_RETURN(std::string data, store.ReadData(o.backup));
  std::vector<std::string> members;
  for (const api::EtcdMemberSpec& m : spec->members) members.push_back(m.name);
  if (!o.yes) {
    out << "Will restore etcd cluster " << o.etcd_cluster << " of " << cluster.metadata.name
        << " from backup " << o.backup << " (taken " << TimeText(*etcd::ParseBackupName(o.backup))
        << ", etcd " << info.etcd_version << ", " << data.size() << " bytes):\n"
        << "  every member (" << Join(members)
        << ") stops etcd, restores the snapshot into a fresh data directory on its volume,\n"
        << "  and etcd starts again as a new cluster holding the backup's data.\n"
        << "  Everything written to etcd " << o.etcd_cluster << " after the backup is lost.\n"
        << "\nMust specify --yes to restore.\n";
    return Status::Ok();
  }
  RestoreWait wait{vfs, cluster, o, access, progress, access.clock->Now(), access.clock->Now() + o.timeout};
  // A newer request supersedes older ones that never finished.
  ASSIGN_OR_RETURN(std::vector<instance::StoredCommand> old, store.RestoreCommands());
  for (const instance::StoredCommand& c : old) RETURN_IF_ERROR(store.RemoveCommand(c.name));
  etcd::WallTime now = access.clock->WallNow();
  std::string command = etcd::BackupName(now, 0);
  etcd::RestoreCommand cmd;
  cmd.timestamp_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count();
  cmd.backup = o.backup;
  cmd.cluster_spec = {static_cast<int32_t>(members.size()), info.etcd_version};
  RETURN_IF_ERROR(store.AddCommand(command, cmd));
  progress << "Restoring etcd cluster " << o.etcd_cluster << " from backup " << o.backup
           << ": asked every member (" << Join(members) << "); waiting for them\n";
  RETURN_IF_ERROR(wait.WaitRestored(store, command, members));
  RETURN_IF_ERROR(wait.WaitHealthy(members));
  progress << "Validating cluster " << cluster.metadata.name << "\n";
  WaitOptions w;
  w.wait = std::max<Clock::Duration>(wait.deadline - access.clock->Now(), std::chrono::seconds(1));
  ValidateRun run = ValidateWithWait(observe, {}, w, *access.clock, progress);
  if (!run.healthy) {
    std::string reasons;
    if (run.last)
      for (const auto& f : run.last->failures) reasons += "\n  " + f.kind + " " + f.name + ": " + f.message;
    else reasons = " " + run.error.message();
    return Unavailable("etcd restore: the backup was restored but the cluster does not validate:" +
                       reasons);
  }
  RETURN_IF_ERROR(store.RemoveCommand(command));
  progress << "Restored etcd cluster " << o.etcd_cluster << " from backup " << o.backup << " in "
           << wait.Elapsed() << "; cluster " << cluster.metadata.name << " validated\n";
  return Status::Ok();
}

}  // namespace kops::ops
