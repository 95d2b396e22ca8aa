// LocalCloudClient: typed calls of the local cloud's API (api_messages.h) over the
// daemon's unix socket (daemon.h), one connection per call.
//
// When nothing answers on the socket and options.autostart is set, the client starts
// the daemon (SpawnDetached of options.daemon_argv, log in the state dir) and waits at
// most options.start_timeout for it to answer, starting it again each second in case a
// daemon that was just exiting held the lock. Instances (KOPS_CLOUD_SOCKET) use
// ForSocket(): no autostart, since the daemon that launched them is there.
//
// Errors are the daemon's (code kept) or kUnavailable / kDeadlineExceeded for the socket.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/clock.h"
#include "cloud/local/api_messages.h"
#include "cloud/local/state_json.h"

namespace kops::cloud::local {

struct ClientOptions {
  std::string state_dir;    // DefaultStateDirPath() when empty
  std::string socket_path;  // DaemonSocketPath(state_dir) when empty
  bool autostart = true;
  // How to start the daemon, e.g. {"/usr/bin/kops", "toolbox", "local-cloud", "daemon"};
  // the client appends "--dir STATE_DIR". Empty: this executable (/proc/self/exe) with
  // those arguments.
  std::vector<std::string> daemon_argv;
  Clock::Duration start_timeout = std::chrono::seconds(10);
  int call_timeout_ms = 60000;
};

// One row of DescribeInstances.
struct InstanceInfo {
  Instance instance;
  std::string group;  // the group's name (not its key)
  std::string role;   // service.h GroupRole: "ControlPlane", "Node", "Bastion" or ""
  bool outdated = false;
};

// One server of DescribeBackends.
struct BackendInfo {
  std::string load_balancer;
  std::string instance_id;
  std::string status;  // haproxy's: "UP", "DOWN", "DRAIN", "MAINT", "UP 1/2", ...; "INITIAL (UP)" until registered
  int connections = 0;
};

class LocalCloudClient {
 public:
  explicit LocalCloudClient(ClientOptions options = {}, Clock& clock = RealClock::Instance());
  static LocalCloudClient ForSocket(const std::string& socket_path);

  // The raw call: the result object, or the daemon's error.
  Result<Json> Call(const Request& request);

  Result<Group> CreateGroup(const CreateGroupRequest& r);
  Status DeleteGroup(const ClusterRef& ref, const std::string& name);
  Status SetDesired(const ClusterRef& ref, const std::string& name, int desired);
  Result<std::vector<InstanceInfo>> DescribeInstances(const ClusterRef& ref,
                                                      const std::string& group = "");
  // force = SIGKILL now (chaos); decrement_desired as AWS's TerminateInstanceInAutoScalingGroup.
  Status TerminateInstance(const ClusterRef& ref, const std::string& instance_id,
                           bool force = false, bool decrement_desired = false);
  Status ZoneDown(const ClusterRef& ref, const std::string& zone);
  Status ZoneUp(const ClusterRef& ref, const std::string& zone);
  Result<Volume> CreateVolume(const ClusterRef& ref, const std::string& zone,
                              const std::map<std::string, std::string>& tags);
  Status LoseVolume(const ClusterRef& ref, const std::string& volume_id);
  Status DeleteVolume(const ClusterRef& ref, const std::string& volume_id);
  Result<Volume> SetVolumeTags(const ClusterRef& ref, const std::string& volume_id,
                               const std::map<std::string, std::string>& tags);
  Result<std::vector<Volume>> DescribeVolumes(const ClusterRef& ref,
                                              const std::map<std::string, std::string>& tag_filters,
                                              const std::string& zone = "");
  Status AttachVolume(const ClusterRef& ref, const std::string& volume_id,
                      const std::string& instance_id);
  // For instances: the first available volume of the instance's zone matching the filters
  // (value "" = any), attached to it; Volume::data_dir is where its data lives.
  Result<Volume> ClaimVolume(const std::string& instance_id,
                             const std::map<std::string, std::string>& tag_filters,
                             const ClusterRef& ref = {});
  Result<LoadBalancer> EnsureLoadBalancer(const EnsureLoadBalancerRequest& r);
  // Takes the instance out of the cluster's load balancers (new connections go elsewhere).
  Status DrainBackend(const ClusterRef& ref, const std::string& instance_id);
  // The API load balancer's servers now (haproxy's view).
  Result<std::vector<BackendInfo>> DescribeBackends(const ClusterRef& ref);
  // The ids of the instances now terminating.
  Result<std::vector<std::string>> DeleteCluster(const ClusterRef& ref);
  Result<Json> GetStatus();
  // True when a daemon accepts connections on the socket; starts nothing, creates nothing.
  bool DaemonAnswers() const;
  Status Shutdown();
  // Polls DescribeInstances until no instance of the cluster is live or timeout.
  Status WaitNoLiveInstances(const ClusterRef& ref, Clock::Duration timeout);

  const ClientOptions& options() const { return options_; }

 private:
  Result<std::string> RoundTrip(const std::string& line);
  Status StartDaemon();

  ClientOptions options_;
  Clock* clock_;
};

}  // namespace kops::cloud::local
