// haproxy configuration for a local-cloud load balancer: TCP passthrough (TLS and client
// certificates end to end, haproxy never terminates TLS), health checks
// `GET <path>` over TLS without verification (the backend's certificate is for the
// instance address), retries with `option redispatch 1` so each retry of a failed
// connection goes to another server, and a runtime API socket (mode 0600, level admin)
// through which the daemon drains a server ("set server api/<name> state drain") before
// terminating it.
// It fails open: each server is also listed, unchecked, as a backup (named
// <name>-failopen), used only while no server passes its check.
//
// Registration, as a cloud load balancer's target registration: haproxy starts a server
// it has just loaded as UP, before any check (2.6 has no `init-state`), so a new instance
// whose API listens before its etcd member has joined would get connections it cannot
// serve. A server not yet registered is rendered with `weight 0`: haproxy checks it but
// sends it nothing. Once a check passed (status UP, check L7OK) the daemon gives it its
// weight through the runtime API ("set server api/<name> weight 1"); the next config
// lists it without `weight 0`, which needs no reload.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "base/status.h"
#include "cloud/local/model.h"

namespace kops::cloud::local {

struct HaproxyConfig {
  std::string frontend_address;  // e.g. "127.31.5.1"
  int frontend_port = 443;
  std::vector<LoadBalancerBackend> backends;  // rendered in the order given
  std::set<std::string> initial;  // backends not registered yet: rendered with `weight 0`
  std::string health_check_path = "/readyz";
  std::string runtime_socket;  // path of the runtime API socket
  std::string pid_file;
  // Loopback values: a dead server refuses a connection at once, so a short connect
  // timeout only bounds haproxy's turn-around before a retry (min(timeout connect, 1 s)),
  // and every retry goes to another server (`option redispatch 1`): a connection that
  // meets a killed server reaches a live one within milliseconds, before the checks
  // (every check_interval_ms, `fall` failures) have marked it down.
  int check_interval_ms = 500;
  int fall = 2;  // failed checks before a server is down
  int rise = 2;  // passed checks before it is up again
  int retries = 3;
  int connect_timeout_ms = 250;
  int redispatch_every = 1;  // redispatch on every retry (haproxy's default: the last one)
};

inline constexpr const char* kHaproxyFailOpenSuffix = "-failopen";

// The haproxy.cfg text. Deterministic; backends are named by their `name` (instance id).
std::string RenderHaproxyConfig(const HaproxyConfig& config);

// The runtime-API command that drains (or re-enables) one backend server.
std::string HaproxyDrainCommand(const std::string& server_name);
std::string HaproxyReadyCommand(const std::string& server_name);
// The runtime-API command that registers a server: it gets the weight of the others.
std::string HaproxyRegisterCommand(const std::string& server_name);

// Whether `next` differs from `loaded` only by servers that lost their `weight 0`
// (registered through the runtime API since), so haproxy needs no reload. Equal texts: true.
bool DiffersOnlyInRegistrations(const std::string& loaded, const std::string& next);

// One server of the "api" backend as haproxy's runtime "show stat" reports it.
struct HaproxyServerStat {
  std::string name;    // the server (instance id)
  std::string status;  // "UP", "UP 1/2", "DOWN", "DRAIN", "MAINT", "no check", ...
  int sessions = 0;    // scur: connections open to it now
  int weight = 0;      // its effective weight now (0: it gets no new connection)
  std::string check_status;  // the last check's result: "L7OK", "L7STS", "L4CON", "INI" (none yet), ...
  bool operator==(const HaproxyServerStat&) const = default;
};
inline constexpr char kHaproxyShowStatCommand[] = "show stat\n";
// The servers of backend "api" in a "show stat" answer (CSV with a "# " header line);
// kInvalidArgument when the header lacks pxname, svname, scur or status (weight and
// check_status are read when present).
Result<std::vector<HaproxyServerStat>> ParseHaproxyStat(const std::string& csv);

// Whether haproxy saw the server pass a health check and counts it up: status "UP" with
// the last check "L7OK" (a server it has only just loaded is "UP" with check "INI").
bool PassedHealthCheck(const HaproxyServerStat& server);

}  // namespace kops::cloud::local
