#include "instance/node_agent.h"

#include <nlohmann/json.hpp>

#include "instance/node_status.h"

namespace kops::instance {

std::string NodeAgent::NodeJson() const {
  std::string now = FormatRfc3339(clock_.WallNow());
  nlohmann::json node = {
      {"apiVersion", "v1"},
      {"kind", "Node"},
      {"metadata",
       {{"name", config_.node_name},
        {"labels",
         {{"kubernetes.io/hostname", config_.node_name},
          {"topology.kubernetes.io/zone", config_.zone},
          {"kops.k8s.io/instancegroup", config_.instance_group},
          {"node-role.kubernetes.io/node", ""}}}}},
      {"status",
       {{"addresses", {{{"type", "InternalIP"}, {"address", config_.address}}}},
        {"conditions",
         {{{"type", "Ready"},
           {"status", "True"},
           {"reason", "KubeletReady"},
           {"message", "kops node agent is posting ready status"},
           {"lastHeartbeatTime", now}}}}}}};
  return node.dump();
}

Result<HttpResponse> NodeAgent::Send(const std::string& method, const std::string& path,
                                     const std::string& body) {
  HttpRequest req;
  req.method = method;
  req.url = config_.api_endpoint + path;
  req.body = body;
  req.headers = {{"Content-Type", "application/json"}};
  req.tls = config_.tls;
  req.timeout = std::chrono::seconds(5);
  return http_.Do(req);
}

Status NodeAgent::Heartbeat() {
  std::string body = NodeJson();
  if (!registered_) {
    ASSIGN_OR_RETURN(HttpResponse r, Send("POST", "/api/v1/nodes", body));
    if (r.status != 201 && r.status != 409) {
      return Unavailable("register node " + config_.node_name + ": HTTP " +
                         std::to_string(r.status) + ": " + r.body);
    }
    registered_ = true;
    if (r.status == 201) return Status::Ok();
  }
  ASSIGN_OR_RETURN(HttpResponse r, Send("PUT", "/api/v1/nodes/" + config_.node_name, body));
  if (r.status == 404) registered_ = false;  // deleted meanwhile: register again next time
  if (r.status != 200) {
    return Unavailable("heartbeat of node " + config_.node_name + ": HTTP " +
                       std::to_string(r.status) + ": " + r.body);
  }
  return Status::Ok();
}

}  // namespace kops::instance
