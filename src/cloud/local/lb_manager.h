// LoadBalancerManager: runs one haproxy per load balancer of the cloud state.
//
// haproxy runs in master-worker mode in the foreground (`haproxy -W -db -f cfg`), as a
// child of the daemon through the ProcessRunner; its pid and start ticks are kept in the
// LoadBalancer, so a restarted daemon adopts it. Sync writes lb/<key>/haproxy.cfg
// (haproxy_config.h) with the running instances of the LB's groups as backends
// (address:backend_port, named by instance id); when the text changed it reloads the
// master (SIGUSR2, which re-reads the file); when haproxy is not running it starts it.
// Drain asks each LB holding an instance, through its runtime socket
// (lb/<key>/admin.sock), to stop sending it new connections. Everything is best effort:
// failures are logged to stderr (the daemon's log) and retried on the next Sync.
#pragma once

#include <string>

#include "cloud/local/haproxy_config.h"
#include "cloud/local/model.h"
#include "cloud/local/process_runner.h"
#include "cloud/local/state_dir.h"

namespace kops::cloud::local {

// The zone name under which a cluster's load-balancer range is allocated (zones.h):
// each LB listens on host 1 of its cluster's own range.
inline constexpr char kLoadBalancerZone[] = "lb";

class LoadBalancerManager {
 public:
  // haproxy_path "" disables haproxy (unit tests of everything else).
  LoadBalancerManager(ProcessRunner& runner, const StateDir& dir, std::string haproxy_path)
      : runner_(runner), dir_(dir), haproxy_path_(std::move(haproxy_path)) {}

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

 private:
  void SyncOne(const CloudState& state, LoadBalancer& lb);

  ProcessRunner& runner_;
  const StateDir& dir_;
  std::string haproxy_path_;
};

// Sends one runtime-API command to the haproxy socket and returns its answer.
Result<std::string> HaproxyRuntimeCommand(const std::string& socket_path,
                                          const std::string& command);

}  // namespace kops::cloud::local
