// The local cloud's state model: what the daemon owns and persists (state_dir.h).
// Plain structs; invariants are kept by the functions that change them (zones.h,
// volumes.h, reconciler.h, applier.h). Times are milliseconds on the steady clock
// (Clock::Now), which on Linux counts from boot, so they survive a daemon restart.
//
// Identity: clusters from different state stores may share a name, so every object
// belongs to a cluster id (ClusterId(store, name)), and groups and load balancers are
// keyed "<cluster id>/<name>" (GroupKey).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"

namespace kops::cloud::local {

// "<name>-<first 8 hex of sha256(store_url)>": unique per (state store, cluster).
std::string ClusterId(const std::string& store_url, const std::string& cluster_name);
// "<cluster id>/<name>".
std::string GroupKey(const std::string& cluster_id, const std::string& name);

int64_t ToMillis(Clock::TimePoint t);
Clock::TimePoint FromMillis(int64_t ms);

// What an instance runs: its command and environment (added to the daemon's; the cloud
// adds KOPS_INSTANCE_ID, KOPS_ZONE, KOPS_ADDRESS, KOPS_CLUSTER itself).
struct LaunchSpec {
  std::vector<std::string> argv;
  std::map<std::string, std::string> env;
  std::string working_dir;  // "" = the instance's own directory
  bool operator==(const LaunchSpec&) const = default;
};

// First 16 hex digits of sha256 over a canonical encoding of the spec; instances whose
// launch_hash differs from their group's are outdated.
std::string LaunchSpecHash(const LaunchSpec& spec);

// An autoscaling group: keeps `desired` (min <= desired <= max) instances running,
// spread over its zones (one zone for each kops control-plane group).
struct Group {
  std::string cluster_id;
  std::string cluster_name;
  std::string name;
  std::vector<std::string> zones;
  int min_size = 0;
  int max_size = 0;
  int desired = 0;
  LaunchSpec launch;
  std::map<std::string, std::string> tags;
  // Crash-loop backoff, kept by the applier: instances that died soon after launch.
  int consecutive_failures = 0;
  int64_t next_launch_after_ms = 0;

  std::string Key() const { return GroupKey(cluster_id, name); }
  std::string LaunchHash() const { return LaunchSpecHash(launch); }
};

enum class InstanceState { kRunning, kTerminating, kTerminated };
const char* InstanceStateName(InstanceState s);  // "running", "terminating", "terminated"
bool ParseInstanceState(const std::string& text, InstanceState* out);

struct Instance {
  std::string id;         // "i-" + 17 hex digits
  std::string group_key;  // Group::Key()
  std::string cluster_id;
  std::string zone;
  std::string address;           // one address in the zone's range
  int pid = 0;                   // the instance's process (or its supervisor's child)
  uint64_t pid_start_ticks = 0;  // /proc start time; tells pid reuse apart
  int supervisor_pid = 0;        // 0 when run without a supervisor
  InstanceState state = InstanceState::kRunning;
  std::string state_reason;  // e.g. "exited with code 1", "zone down", "scale in"
  std::string launch_hash;
  int64_t launched_at_ms = 0;
  int64_t terminate_requested_at_ms = 0;
  int64_t terminated_at_ms = 0;

  bool Live() const { return state != InstanceState::kTerminated; }
};

// A directory with tags, in one zone, attached to at most one instance of that zone.
struct Volume {
  std::string id;  // "vol-" + 17 hex digits
  std::string cluster_id;
  std::string zone;
  std::map<std::string, std::string> tags;
  std::string attached_to;  // instance id, "" when available
  std::string data_dir;
  bool lost = false;  // data destroyed by chaos; reconciliation recreates it empty
  int64_t created_at_ms = 0;
};

struct LoadBalancerBackend {
  std::string name;  // instance id
  std::string address;
  int port = 0;
  bool operator==(const LoadBalancerBackend&) const = default;
};

// A TCP load balancer (haproxy): frontend address:port, backends = instances of groups.
struct LoadBalancer {
  std::string cluster_id;
  std::string name;
  std::string address;
  int port = 443;
  int backend_port = 443;
  std::vector<std::string> group_keys;  // instances of these groups are the backends
  std::string health_check_path = "/readyz";
  int haproxy_pid = 0;
  uint64_t haproxy_start_ticks = 0;  // tells pid reuse apart (process_runner.h)
  // Backends that passed a health check since they joined: haproxy sends them
  // connections. The others are checked but get none yet (haproxy_config.h).
  std::set<std::string> registered;

  std::string Key() const { return GroupKey(cluster_id, name); }
};

// One zone of one cluster: its loopback /24 and whether it is up.
struct ZoneRange {
  std::string cluster_id;
  std::string zone;
  int index = 0;  // 1..65535: the range is 127.(index>>8).(index&255).0/24
  bool up = true;

  std::string Cidr() const;
  // "127.A.B.host"; requires 1 <= host <= 254.
  std::string Address(int host) const;
};

struct CloudState {
  std::map<std::string, Group> groups;                 // by Group::Key()
  std::map<std::string, Instance> instances;           // by id
  std::map<std::string, Volume> volumes;               // by id
  std::map<std::string, LoadBalancer> load_balancers;  // by LoadBalancer::Key()
  std::vector<ZoneRange> zones;                        // allocation table (zones.h)

  const ZoneRange* FindZone(const std::string& cluster_id, const std::string& zone) const;
  ZoneRange* FindZone(const std::string& cluster_id, const std::string& zone);
  bool ZoneUp(const std::string& cluster_id, const std::string& zone) const;
};

}  // namespace kops::cloud::local
