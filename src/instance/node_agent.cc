#include "instance/node_agent.h"

#include <nlohmann/json.hpp>

#include "instance/node_status.h"

namespace kops::instance {

namespace {

bool Cordoned(const nlohmann::json& node) {
  return node.contains("spec") && node["spec"].is_object() && node["spec"].value("unschedulable", false);
}

bool DrainAcknowledged(const nlohmann::json& node) {
  const nlohmann::json* meta = node.contains("metadata") ? &node["metadata"] : nullptr;
  if (!meta || !meta->is_object() || !meta->contains("annotations") || !(*meta)["annotations"].is_object())
    return false;
  return (*meta)["annotations"].value(kNodeDrainedAnnotation, "") == "true";
}

}  // namespace

std::string NodeAgent::NodeJson(const nlohmann::json& current) const {
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
  if (current.contains("spec") && current["spec"].is_object()) node["spec"] = current["spec"];
  if (Cordoned(current)) node["metadata"]["annotations"][kNodeDrainedAnnotation] = "true";
  if (current.contains("metadata") && current["metadata"].is_object() &&
      current["metadata"].contains("resourceVersion")) {
    node["metadata"]["resourceVersion"] = current["metadata"]["resourceVersion"];
  }
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

bool NodeAgent::CordonUnacknowledged() {
  Result<HttpResponse> r = Send("GET", "/api/v1/nodes/" + config_.node_name, "");
  if (!r.ok() || r->status != 200) return false;
  nlohmann::json node = nlohmann::json::parse(r->body, nullptr, false);
  return node.is_object() && Cordoned(node) && !DrainAcknowledged(node);
}

Status NodeAgent::NodeDeleted() const {
  return FailedPrecondition("node " + config_.node_name +
                            " was deleted after its drain; not registering it again (its instance is "
                            "being taken away)");
}

Status NodeAgent::Heartbeat() {
  std::string body = NodeJson();
  if (registered_) {
    ASSIGN_OR_RETURN(HttpResponse current, Send("GET", "/api/v1/nodes/" + config_.node_name, ""));
    if (current.status == 404) {
      if (drained_) return NodeDeleted();
      registered_ = false;  // gone without a drain (e.g. etcd restored from before it): register again
    } else if (current.status != 200) {
      return Unavailable("read node " + config_.node_name + ": HTTP " + std::to_string(current.status) + ": " +
                         current.body);
    } else {
      nlohmann::json node = nlohmann::json::parse(current.body, nullptr, false);
      if (node.is_object()) {
        body = NodeJson(node);
        drained_ = Cordoned(node);  // this write acknowledges the drain
      }
    }
  }
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
  if (r.status == 404) {
    if (drained_) return NodeDeleted();
    registered_ = false;  // deleted meanwhile without a drain: register again next time
  }
  if (r.status != 200) {
    return Unavailable("heartbeat of node " + config_.node_name + ": HTTP " +
                       std::to_string(r.status) + ": " + r.body);
  }
  return Status::Ok();
}

}  // namespace kops::instance
