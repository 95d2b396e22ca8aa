#include "instance/etcd_restore.h"

#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "cloud/local/process_runner.h"
#include "etcd/backup_gzip.h"
#include "etcd/process_spec.h"

namespace kops::instance {

namespace fs = std::filesystem;

std::vector<std::string> EtcdctlRestoreArgv(const std::string& etcdctl,
                                            const SnapshotRestoreRequest& r) {
  return {etcdctl,
          "snapshot",
          "restore",
          r.snapshot_file,
          "--name=" + r.member_name,
          "--initial-cluster=" + etcd::InitialClusterFlag(r.initial_cluster),
          "--initial-cluster-token=" + r.token,
          "--initial-advertise-peer-urls=" + r.peer_url,
          "--data-dir=" + r.data_dir};
}

Status EtcdctlRestorer::Restore(const SnapshotRestoreRequest& request) {
  cloud::local::RealProcessRunner runner;
  cloud::local::ProcessSpec spec;
  spec.argv = EtcdctlRestoreArgv(etcdctl_, request);
  spec.env = {{"ETCDCTL_API", "3"}};
  spec.log_file = log_path_;
  ASSIGN_OR_RETURN(cloud::local::ProcessHandle h, runner.Start(spec));
  Clock::TimePoint deadline = clock_.Now() + timeout_;
  while (true) {
    ASSIGN_OR_RETURN(std::optional<cloud::local::ExitInfo> exit, runner.Reap(h));
    if (exit) {
      if (exit->signal == 0 && exit->code == 0) return Status::Ok();
      return Unavailable("etcdctl snapshot restore " + exit->ToString() + " (output in " +
                         log_path_ + ")");
    }
    if (clock_.Now() >= deadline) {
      (void)runner.Kill(h, SIGKILL);
      (void)runner.Reap(h, true);
      return DeadlineExceeded("etcdctl snapshot restore did not finish in time (output in " +
                              log_path_ + ")");
    }
    clock_.SleepFor(std::chrono::milliseconds(50));
  }
}

Result<etcd::NamedUrls> RestoreInitialCluster(const std::vector<std::string>& member_names,
                                              const std::string& self,
                                              const std::string& self_peer_url,
                                              const std::vector<etcd::PeerRecord>& peers) {
  etcd::NamedUrls out;
  std::vector<std::string> missing;
  for (const std::string& name : member_names) {
    std::string url = name == self ? self_peer_url : "";
    for (const etcd::PeerRecord& p : peers)
      if (name != self && p.name == name) url = p.peer_url;
    if (url.empty()) missing.push_back(name);
    out.emplace_back(name, url);
  }
  if (!missing.empty()) {
    std::string list;
    for (const std::string& m : missing) list += (list.empty() ? "" : ", ") + m;
    return Unavailable("cannot restore yet: member(s) " + list +
                       " have not published their peer URL");
  }
  return out;
}

std::string RestoreToken(const std::string& cluster_token, const std::string& command) {
  return cluster_token + "-restore-" + command;
}

EtcdRestoreController::EtcdRestoreController(EtcdRestoreConfig config, EtcdRestoreDeps deps)
    : config_(std::move(config)), deps_(std::move(deps)) {}

void EtcdRestoreController::Log(const std::string& line) {
  if (deps_.log) deps_.log("etcd " + deps_.store->etcd_cluster() + "/" + config_.member_name + " restore: " + line);
}

void EtcdRestoreController::Tick() {
  Clock::TimePoint now = deps_.clock->Now();
  if (now < next_poll_) return;
  next_poll_ = now + config_.poll_interval;
  Result<std::vector<StoredCommand>> commands = deps_.store->RestoreCommands();
  if (!commands.ok() || commands->empty()) return;
  const StoredCommand& newest = commands->back();
  if (done_.count(newest.name)) return;
  Result<std::vector<std::string>> restored = deps_.store->RestoredMembers(newest.name);
  if (!restored.ok()) return;
  if (std::find(restored->begin(), restored->end(), config_.member_name) != restored->end()) {
    done_.insert(newest.name);
    return;
  }
  Status st = Execute(newest);
  if (!st.ok()) {
    if (st.message() != last_error_) Log("failed (retrying): " + st.message());
    last_error_ = st.message();
    return;
  }
  last_error_.clear();
  done_.insert(newest.name);
}

Status EtcdRestoreController::Execute(const StoredCommand& command) {
  const std::string& backup = command.restore.backup;
  ASSIGN_OR_RETURN(etcd::BackupInfo info, deps_.store->ReadInfo(backup));
  ASSIGN_OR_RETURN(std::vector<etcd::PeerRecord> peers, deps_.discovery->List());
  ASSIGN_OR_RETURN(etcd::NamedUrls initial,
                   RestoreInitialCluster(config_.member_names, config_.member_name,
                                         config_.peer_url, peers));
  Log("restoring backup " + backup + " (etcd " + info.etcd_version + ") for command " + command.name);
  ASSIGN_OR_RETURN(std::string gz, deps_.store->ReadData(backup));
  ASSIGN_OR_RETURN(std::string snapshot, etcd::GzipDecompress(gz));
  std::error_code ec;
  fs::create_directories(config_.work_dir, ec);
  std::string snapshot_file = config_.work_dir + "/restore-snapshot.db";
  {
    std::ofstream out(snapshot_file, std::ios::binary | std::ios::trunc);
    out.write(snapshot.data(), static_cast<std::streamsize>(snapshot.size()));
    if (!out) return Unavailable("cannot write " + snapshot_file);
  }
  std::string restored_dir = config_.data_dir + ".restoring";
  fs::remove_all(restored_dir, ec);
  SnapshotRestoreRequest req{snapshot_file, config_.member_name, initial,
                             RestoreToken(config_.token, command.name), config_.peer_url,
                             restored_dir};
  Status st = deps_.restorer->Restore(req);
  fs::remove(snapshot_file, ec);
  if (!st.ok()) {
    fs::remove_all(restored_dir, ec);
    return st;
  }
  // Only now stop etcd: a failed restore above leaves the member running on its data.
  if (deps_.stop_etcd) deps_.stop_etcd();
  std::string previous = config_.data_dir + ".pre-restore";
  fs::remove_all(previous, ec);
  if (fs::exists(config_.data_dir)) {
    fs::rename(config_.data_dir, previous, ec);
    if (ec) return Unavailable("cannot move " + config_.data_dir + " aside: " + ec.message());
  }
  fs::rename(restored_dir, config_.data_dir, ec);
  if (ec) return Unavailable("cannot move the restored data into place: " + ec.message());
  RETURN_IF_ERROR(deps_.store->MarkRestored(command.name, config_.member_name));
  Log("restored backup " + backup + "; etcd starts on it with " + std::to_string(initial.size()) +
      " members");
  return Status::Ok();
}

}  // namespace kops::instance
