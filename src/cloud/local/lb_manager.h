// LoadBalancerManager: runs one haproxy per load balancer of the cloud state.
//
// haproxy runs in master-worker mode in the foreground (`haproxy -W -db -f cfg`), as a
// child of the daemon through the ProcessRunner; its pid and start ticks are kept in the
// LoadBalancer, so a restarted daemon adopts it. Sync writes lb/<key>/haproxy.cfg
// (haproxy_config.h) with the running instances of the LB's groups as backends
// (address:backend_port, named by instance id); when the text changed it reloads the
// master (SIGUSR2, which re-reads the file); when haproxy is not running it starts it.
// A backend joins unregistered (`weight 0`: checked, sent nothing); once haproxy reports
// that it passed a check, Sync registers it through the runtime API and records it in
// LoadBalancer::registered, as a cloud load balancer registers a target only once it is
// healthy. For kVerifyFor after each (re)start or reload Sync also checks, through "show
// stat", what the worker now answering loaded: a registered server loaded unregistered
// gets its weight back, and when the servers differ from the config's backends (a
// SIGUSR2 that arrives while haproxy is still reloading is lost) it signals again, at
// most every kResignalAfter.
// Drain asks each LB holding an instance, through its runtime socket
// (lb/<key>/admin.sock), to stop sending it new connections. Everything is best effort:
// failures are logged to stderr (the daemon's log) and retried on the next Sync.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "base/clock.h"
#include "cloud/local/haproxy_config.h"
#include "cloud/local/model.h"
#include "cloud/local/process_runner.h"
#include "cloud/local/state_dir.h"

namespace kops::cloud::local {

// The zone name under which a cluster's load-balancer range is allocated (zones.h):
// each LB listens on host 1 of its cluster's own range.
inline constexpr char kLoadBalancerZone[] = "lb";

// Sends one runtime-API command (socket path, command) and returns haproxy's answer.
using HaproxyRuntime = std::function<Result<std::string>(const std::string&, const std::string&)>;

class LoadBalancerManager {
 public:
  // haproxy_path "" disables haproxy (unit tests of everything else); runtime: null is
  // HaproxyRuntimeCommand (unit tests give a fake).
  LoadBalancerManager(ProcessRunner& runner, const StateDir& dir, Clock& clock, std::string haproxy_path,
                      HaproxyRuntime runtime = nullptr);

  void Sync(CloudState& state);
  void Drain(const CloudState& state, const std::string& instance_id);
  // Drain for callers that need to know: NotFound when no load balancer has the instance
  // as a backend (or haproxy is disabled); the runtime API's error when haproxy does not
  // answer or refuses.
  Status DrainOrError(const CloudState& state, const std::string& instance_id);
  // haproxy's view of the servers of lb (runtime "show stat").
  Result<std::vector<HaproxyServerStat>> ServerStats(const LoadBalancer& lb) const;
  // Stops the LB's haproxy (SIGTERM to its process group) and removes its directory.
  void Stop(LoadBalancer& lb);

  // The backends of lb in state: running instances of its groups, sorted by id.
  static std::vector<LoadBalancerBackend> Backends(const CloudState& state, const LoadBalancer& lb);

  static constexpr Clock::Duration kVerifyFor = std::chrono::seconds(10);
  static constexpr Clock::Duration kResignalAfter = std::chrono::seconds(1);

 private:
  void SyncOne(const CloudState& state, LoadBalancer& lb);
  // Registers the servers of `initial` that passed a check; while verifying after a
  // reload, gives their weight back to registered servers loaded with none and signals
  // a lost reload again.
  void Register(LoadBalancer& lb, const std::vector<LoadBalancerBackend>& backends,
                const std::set<std::string>& initial);
  void Signalled(const LoadBalancer& lb);

  ProcessRunner& runner_;
  const StateDir& dir_;
  Clock& clock_;
  std::string haproxy_path_;
  HaproxyRuntime runtime_;
  std::map<std::string, Clock::TimePoint> signalled_;  // lb key -> its last (re)start or reload
};

// Sends one runtime-API command to the haproxy socket and returns its answer.
Result<std::string> HaproxyRuntimeCommand(const std::string& socket_path,
                                          const std::string& command);

}  // namespace kops::cloud::local
