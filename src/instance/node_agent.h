// NodeAgent: what a worker instance runs. Registers its Node through the API load
// balancer (POST /api/v1/nodes; an existing Node is taken over) and then heartbeats
// (PUT with status.conditions[Ready]=True and lastHeartbeatTime = the clock's wall time).
// Readers decide NotReady from a stale heartbeat (node_status.h). One call of
// Heartbeat() per interval; errors are returned and the next call tries again. A Node
// deleted after its drain was acknowledged is not registered again: `kops rolling-update`
// deletes it just before terminating its instance, and re-creating it would leave a
// NotReady Node behind (kubelet never re-registers). A Node that vanished otherwise (etcd
// restored from a backup taken before it registered, a stray delete) is registered again.
//
// Cordon and drain: a heartbeat reads the Node first and keeps its spec, so a cordon
// (spec.unschedulable, set by `kops rolling-update`) survives; while the node is cordoned
// the agent has nothing to evict (it runs no pods) and acknowledges the drain with the
// annotation kNodeDrainedAnnotation="true" on its next write. The update carries the
// read resourceVersion, so a cordon written in between is a conflict, retried by the
// next call, never lost. CordonUnacknowledged() is the cheap check (one GET) the
// instance runs between heartbeats, so a drain is acknowledged within about a second.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/http.h"
#include "base/status.h"

namespace kops::instance {

inline constexpr char kNodeDrainedAnnotation[] = "kops.k8s.io/drained";

struct NodeAgentConfig {
  std::string api_endpoint;  // "https://host[:port]" (the load balancer)
  std::string node_name;
  std::string address;  // InternalIP
  std::string zone;
  std::string instance_group;
  TlsConfig tls;  // kubernetes-ca + a client certificate (system:node:<name>)
};

class NodeAgent {
 public:
  NodeAgent(NodeAgentConfig config, HttpClient& http, Clock& clock)
      : config_(std::move(config)), http_(http), clock_(clock) {}
  Status Heartbeat();
  // The Node object this agent writes now (for tests and logs); `current` is the Node
  // as read from the API (its spec kept, the drain acknowledged when it is cordoned).
  std::string NodeJson(const nlohmann::json& current = nlohmann::json::object()) const;
  // One GET: true when the Node is cordoned and the agent has not acknowledged it yet.
  bool CordonUnacknowledged();

 private:
  Result<HttpResponse> Send(const std::string& method, const std::string& path,
                            const std::string& body);
  Status NodeDeleted() const;
  NodeAgentConfig config_;
  HttpClient& http_;
  Clock& clock_;
  bool registered_ = false;
  bool drained_ = false;  // the last read showed the Node cordoned (the drain acknowledged)
};

}  // namespace kops::instance
