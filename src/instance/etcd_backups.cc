#include "instance/etcd_backups.h"

#include <algorithm>

#include "base/go_duration.h"
#include "etcd/backup_gzip.h"

namespace kops::instance {

namespace {

Result<std::chrono::seconds> HumanField(const std::string& field, const std::string& value) {
  Result<std::chrono::seconds> d = etcd::ParseHumanDuration(value);
  if (!d.ok() || d->count() <= 0) {
    return InvalidArgument(field + " \"" + value +
                           "\": want a positive duration such as 15m, 36h, 7d or 1y");
  }
  return *d;
}

}  // namespace

Result<std::map<std::string, EtcdBackupSettings>> EtcdBackupSettingsFor(
    const api::Cluster& cluster, const std::function<const char*(const char*)>& getenv) {
  std::map<std::string, EtcdBackupSettings> out;
  for (const api::EtcdClusterSpec& etcd : cluster.spec.etcd_clusters) {
    EtcdBackupSettings s;
    std::string field = "etcdClusters[" + etcd.name + "].manager";
    if (etcd.backups) s.backup_store = etcd.backups->backup_store;
    if (etcd.manager) {
      const api::EtcdManagerSpec& m = *etcd.manager;
      if (m.backup_interval) {
        ASSIGN_OR_RETURN(s.interval, HumanField(field + ".backupInterval", *m.backup_interval));
      }
      if (m.backup_retention_days) {
        if (*m.backup_retention_days <= 0) {
          return InvalidArgument(field + ".backupRetentionDays " +
                                 std::to_string(*m.backup_retention_days) + ": want at least 1");
        }
        s.retention.daily = std::chrono::hours(24) * *m.backup_retention_days;
      }
      for (const api::EnvVar& e : m.env) {
        if (e.name == "ETCD_MANAGER_HOURLY_BACKUPS_RETENTION") {
          ASSIGN_OR_RETURN(s.retention.hourly, HumanField(field + ".env[" + e.name + "]", e.value));
        } else if (e.name == "ETCD_MANAGER_DAILY_BACKUPS_RETENTION") {
          ASSIGN_OR_RETURN(s.retention.daily, HumanField(field + ".env[" + e.name + "]", e.value));
        }
      }
    }
    if (const char* v = getenv("KOPS_ETCD_BACKUP_INTERVAL"); v && *v) {
      ASSIGN_OR_RETURN(s.interval, HumanField("KOPS_ETCD_BACKUP_INTERVAL", v));
    }
    s.leader_poll = std::min<Clock::Duration>(s.leader_poll, s.interval);
    out[etcd.name] = s;
  }
  return out;
}

Result<bool> ClientSnapshotSource::IsLeader() {
  ASSIGN_OR_RETURN(etcd::EndpointStatus st, client_.StatusOf(endpoint_));
  return st.leader != 0 && st.leader == st.header.member_id;
}

Result<std::string> ClientSnapshotSource::Version() {
  ASSIGN_OR_RETURN(etcd::EndpointStatus st, client_.StatusOf(endpoint_));
  return st.version;
}

Result<std::string> ClientSnapshotSource::Snapshot() { return client_.Snapshot(endpoint_); }

Result<TakenBackup> TakeEtcdBackup(EtcdBackupStore& store, EtcdSnapshotSource& source,
                                   etcd::WallTime now, int sequence, int member_count) {
  ASSIGN_OR_RETURN(std::string version, source.Version());
  ASSIGN_OR_RETURN(std::string snapshot, source.Snapshot());
  std::string gz = etcd::GzipCompress(snapshot);
  etcd::BackupInfo info;
  info.etcd_version = version;
  info.timestamp = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  info.cluster_spec = {member_count, version};
  TakenBackup taken{etcd::BackupName(now, sequence), snapshot.size(), gz.size()};
  Status st = store.Add(taken.name, gz, info);
  if (!st.ok()) return st.WithContext("storing etcd backup " + taken.name + " in " + store.Url());
  return taken;
}

EtcdBackupController::EtcdBackupController(EtcdBackupStore& store, EtcdSnapshotSource& source,
                                           Clock& clock, EtcdBackupSettings settings,
                                           int member_count,
                                           std::function<void(const std::string&)> log)
    : store_(store),
      source_(source),
      clock_(clock),
      settings_(settings),
      member_count_(member_count),
      log_(std::move(log)) {}

void EtcdBackupController::Log(const std::string& line) {
  if (log_) log_("etcd " + store_.etcd_cluster() + " backups: " + line);
}

void EtcdBackupController::Tick() {
  Clock::TimePoint now = clock_.Now();
  if (now < next_check_) return;
  next_check_ = now + settings_.leader_poll;
  Result<bool> leader = source_.IsLeader();
  if (!leader.ok() || !*leader) return;
  Result<std::vector<StoredBackup>> backups = store_.List();
  if (!backups.ok()) {
    Log("cannot list backups: " + backups.status().message());
    return;
  }
  etcd::WallTime wall = clock_.WallNow();
  if (!backups->empty()) {
    auto age = wall - backups->back().time;
    if (age < settings_.interval) {
      next_check_ = now + std::chrono::duration_cast<Clock::Duration>(settings_.interval - age);
      return;
    }
  }
  Result<TakenBackup> taken = TakeEtcdBackup(store_, source_, wall, ++sequence_, member_count_);
  if (!taken.ok()) {
    Log("backup failed: " + taken.status().message());
    return;
  }
  Log("took backup " + taken->name + " (" + std::to_string(taken->stored_bytes) + " bytes)");
  next_check_ = now + settings_.interval;
  if (now >= next_cleanup_) {
    Prune();
    next_cleanup_ = now + settings_.cleanup_interval;
  }
}

void EtcdBackupController::Prune() {
  Result<std::vector<StoredBackup>> backups = store_.List();
  if (!backups.ok()) return;
  std::vector<std::string> names;
  for (const StoredBackup& b : *backups) names.push_back(b.name);
  for (const std::string& name : etcd::BackupsToRemove(names, clock_.WallNow(), settings_.retention)) {
    Status st = store_.Remove(name);
    Log(st.ok() ? "removed old backup " + name : "cannot remove " + name + ": " + st.message());
  }
}

}  // namespace kops::instance
