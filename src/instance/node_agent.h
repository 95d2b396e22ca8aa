// NodeAgent: what a worker instance runs. Registers its Node through the API load
// balancer (POST /api/v1/nodes; an existing Node is taken over) and then heartbeats
// (PUT with status.conditions[Ready]=True and lastHeartbeatTime = the clock's wall time).
// Readers decide NotReady from a stale heartbeat (node_status.h). One call of
// Heartbeat() per interval; errors are returned and the next call tries again.
#pragma once

#include <string>

#include "base/clock.h"
#include "base/http.h"
#include "base/status.h"

namespace kops::instance {

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
  // The Node object this agent writes now (for tests and logs).
  std::string NodeJson() const;

 private:
  Result<HttpResponse> Send(const std::string& method, const std::string& path,
                            const std::string& body);
  NodeAgentConfig config_;
  HttpClient& http_;
  Clock& clock_;
  bool registered_ = false;
};

}  // namespace kops::instance
