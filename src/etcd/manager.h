// EtcdManager: keeps one member of one etcd cluster running on this instance, as kops'
// etcd-manager does: decides how to start (manager_plan.h), performs the membership
// changes the plan needs (a peer URL update that cannot reach quorum is done once etcd
// runs; the others retried with the Clock while etcd answers "unhealthy
// cluster" and the like, up to membership_retry_limit), starts etcd, restarts it when it
// exits (an exit 0 after "permanently removed" is a failure: the next plan sees the
// member gone and replaces it), promotes its learner once etcd agrees it caught up, and
// writes the cluster-created marker once its member is healthy.
//
// Tick() does one round and returns; nothing sleeps except the bounded membership
// retries (Clock::SleepFor, so a FakeClock makes tests instant). Thread-safe: Tick/Stop
// from one supervising thread, snapshot() from any.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "etcd/manager_deps.h"
#include "etcd/manager_plan.h"
#include "etcd/process_spec.h"

namespace kops::etcd {

struct ManagerConfig {
  std::string etcd_cluster;  // "main", "events"
  std::string member_name;
  std::vector<std::string> member_names;  // every member of the spec, self included
  std::string address;                    // the instance address etcd listens on
  int client_port = 4001;
  int peer_port = 2380;
  std::string data_dir;  // etcd's --data-dir on the claimed volume
  std::string log_path;  // etcd's output
  std::string token;     // --initial-cluster-token (ManagerToken)
  std::string binary = "/usr/bin/etcd";
  int heartbeat_interval_ms = 100;
  int election_timeout_ms = 500;
  EtcdTlsFiles client_tls;
  EtcdTlsFiles peer_tls;
  Clock::Duration membership_retry_limit = std::chrono::seconds(30);
  Clock::Duration retry_interval = std::chrono::milliseconds(250);
  Clock::Duration restart_backoff = std::chrono::milliseconds(500);
};

// The deterministic cluster token: "kops-<cluster name>-etcd-<etcd cluster>".
std::string ManagerToken(const std::string& cluster_name, const std::string& etcd_cluster);

struct ManagerDeps {
  ClusterApi* api = nullptr;
  PeerDiscovery* discovery = nullptr;
  EtcdLauncher* launcher = nullptr;
  Clock* clock = nullptr;
  std::function<void(const std::string&)> log;  // one line per event; may be empty
  // Asked before a bootstrap (may turn it into a wait, e.g. when backups exist); may be empty.
  std::function<StartPlan(StartPlan)> review_bootstrap;
  // The etcd cluster's member names as the spec says now (read before each start
  // decision, so members added or removed since this instance started count); empty
  // function: config.member_names.
  std::function<Result<std::vector<std::string>>()> spec_members;
};

struct ManagerSnapshot {
  bool running = false;
  int starts = 0;                 // etcd processes started so far
  StartPlan::Kind last_plan = StartPlan::Kind::kWait;
  std::string last_reason;
  uint64_t learner_id = 0;        // non-zero while a learner waits for promotion
  uint64_t pending_peer_url_update = 0;  // member whose peer URL update waits for quorum
  bool created_marked = false;
  std::string last_error;
};

class EtcdManager {
 public:
  EtcdManager(ManagerConfig config, ManagerDeps deps);
  ~EtcdManager();

  // One supervision round. Errors are also kept in snapshot().last_error; a failed
  // round is simply tried again by the next Tick.
  Status Tick();
  // Kills etcd (if running). Tick after Stop starts it again.
  void Stop();
  ManagerSnapshot snapshot() const;

  std::string ClientUrl() const;
  std::string PeerUrl() const;

 private:
  Result<StartObservation> Observe();
  Status Execute(StartPlan plan);
  Status Retry(const std::string& what, const std::function<Status()>& op);
  std::vector<std::string> PeerClientUrls();
  void AfterStartChecks();
  void Log(const std::string& line);

  ManagerConfig config_;
  ManagerDeps deps_;
  EtcdProcessSpec base_spec_;
  std::unique_ptr<EtcdProcess> process_;
  Clock::TimePoint next_start_{};
  bool published_ = false;
  mutable std::mutex mu_;
  ManagerSnapshot snap_;
};

}  // namespace kops::etcd
