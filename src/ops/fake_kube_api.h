// FakeKubeApi: an in-memory Kubernetes API for the AWS operations' unit tests, served
// through FakeHttpClient. Nodes are registered by the test (or by a sync callback that
// mirrors a fake cloud's running instances before every request), each Ready with a
// heartbeat at the clock's wall time and spec.providerID aws:///<zone>/<instance id>.
// Pods are added by the test; it answers what the operations ask: GET /readyz,
// /api/v1/nodes, /api/v1/nodes/<name>, /api/v1/pods?fieldSelector=spec.nodeName=<n>,
// /api/v1/namespaces/kube-system/pods, PATCH a node (spec.unschedulable only), POST a
// pod's eviction (the pod goes; a pod marked protected answers 429 as a disruption
// budget would). Every request is recorded in `log` as "<METHOD> <path>".
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/fake_http.h"
#include "base/time_format.h"

namespace kops::ops {

class FakeKubeApi {
 public:
  static constexpr char kEndpoint[] = "https://api.fake.test";

  struct Pod {
    std::string ns, name, node;
    bool daemonset = false, mirror = false, ready = true, protected_by_budget = false;
  };

  explicit FakeKubeApi(const Clock& clock) : clock_(clock), http_([this](const HttpRequest& r) { return Handle(r); }) {}

  FakeHttpClient& http() { return http_; }
  // Called before each request: lets the test mirror the cloud into nodes and pods.
  void SetSync(std::function<void(FakeKubeApi&)> sync) { sync_ = std::move(sync); }

  void AddNode(const std::string& name, const std::string& zone, const std::string& instance_id, bool control_plane) {
    nodes_[name] = {zone, instance_id, control_plane, false};
  }
  bool HasNode(const std::string& name) const { return nodes_.count(name) > 0; }
  void RemoveNode(const std::string& name) {
    nodes_.erase(name);
    for (auto it = pods_.begin(); it != pods_.end();) it = it->second.node == name ? pods_.erase(it) : std::next(it);
  }
  bool Cordoned(const std::string& name) const {
    auto it = nodes_.find(name);
    return it != nodes_.end() && it->second.unschedulable;
  }
  void AddPod(Pod pod) { pods_[pod.ns + "/" + pod.name] = std::move(pod); }
  bool HasPod(const std::string& ns, const std::string& name) const { return pods_.count(ns + "/" + name) > 0; }
  void SetPodReady(const std::string& ns, const std::string& name, bool ready) { pods_.at(ns + "/" + name).ready = ready; }
  void set_readyz_status(int status) { readyz_status_ = status; }

  std::vector<std::string> log;

 private:
  struct Node {
    std::string zone, instance_id;
    bool control_plane = false, unschedulable = false;
  };

  static HttpResponse Json(int status, const nlohmann::json& body) { return {status, {}, body.dump()}; }
  static HttpResponse NotFoundStatus(const std::string& what) {
    return Json(404, {{"kind", "Status"}, {"status", "Failure"}, {"reason", "NotFound"}, {"message", what + " not found"}});
  }

  nlohmann::json NodeJson(const std::string& name, const Node& n) const {
    nlohmann::json labels = {{"topology.kubernetes.io/zone", n.zone}};
    if (n.control_plane) labels["node-role.kubernetes.io/control-plane"] = "";
    return {{"metadata", {{"name", name}, {"labels", labels}}},
            {"spec", {{"providerID", "aws:///" + n.zone + "/" + n.instance_id}, {"unschedulable", n.unschedulable}}},
            {"status",
             {{"conditions", nlohmann::json::array({{{"type", "Ready"},
                                                     {"status", "True"},
                                                     {"lastHeartbeatTime", Rfc3339Utc(clock_.WallNow())}}})}}}};
  }

  static nlohmann::json PodJson(const Pod& p) {
    nlohmann::json meta = {{"namespace", p.ns}, {"name", p.name}};
    if (p.daemonset) meta["ownerReferences"] = nlohmann::json::array({{{"kind", "DaemonSet"}, {"name", "ds"}, {"controller", true}}});
    if (p.mirror) meta["annotations"] = {{"kubernetes.io/config.mirror", "hash"}};
    return {{"metadata", meta},
            {"spec", {{"nodeName", p.node}}},
            {"status",
             {{"phase", "Running"},
              {"conditions", nlohmann::json::array({{{"type", "Ready"}, {"status", p.ready ? "True" : "False"}}})}}}};
  }

  nlohmann::json PodList(const std::function<bool(const Pod&)>& want) const {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& [key, p] : pods_)
      if (want(p)) items.push_back(PodJson(p));
    return {{"kind", "PodList"}, {"items", items}};
  }

  static std::string Decode(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '%' && i + 2 < s.size()) {
        out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        out += s[i];
      }
    }
    return out;
  }

  Result<HttpResponse> Handle(const HttpRequest& r) {
    if (r.url.rfind(kEndpoint, 0) != 0) return Unavailable("fake kube: unexpected host in " + r.url);
    if (sync_) sync_(*this);
    std::string path = r.url.substr(std::string(kEndpoint).size());
    log.push_back(r.method + " " + path);
    if (path == "/readyz") return HttpResponse{readyz_status_, {}, readyz_status_ == 200 ? "ok" : "[-]etcd failed"};
    if (r.method == "GET" && path == "/api/v1/nodes") {
      nlohmann::json items = nlohmann::json::array();
      for (const auto& [name, n] : nodes_) items.push_back(NodeJson(name, n));
      return Json(200, {{"kind", "NodeList"}, {"items", items}});
    }
    const std::string node_prefix = "/api/v1/nodes/";
    if (path.rfind(node_prefix, 0) == 0) {
      std::string name = path.substr(node_prefix.size());
      auto it = nodes_.find(name);
      if (it == nodes_.end()) return NotFoundStatus("nodes \"" + name + "\"");
      if (r.method == "DELETE") {
        nodes_.erase(it);
        return Json(200, {{"kind", "Status"}, {"status", "Success"}});
      }
      if (r.method == "PATCH") {
        nlohmann::json patch = nlohmann::json::parse(r.body, nullptr, false);
        if (patch.is_object() && patch.contains("spec") && patch["spec"].contains("unschedulable"))
          it->second.unschedulable = patch["spec"]["unschedulable"].get<bool>();
      }
      return Json(200, NodeJson(name, it->second));
    }
    const std::string by_node = "/api/v1/pods?fieldSelector=";
    if (r.method == "GET" && path.rfind(by_node, 0) == 0) {
      std::string selector = Decode(path.substr(by_node.size()));
      std::string node = selector.substr(selector.find('=') + 1);
      return Json(200, PodList([&](const Pod& p) { return p.node == node; }));
    }
    if (r.method == "GET" && path == "/api/v1/namespaces/kube-system/pods") {
      return Json(200, PodList([](const Pod& p) { return p.ns == "kube-system"; }));
    }
    const std::string ns_prefix = "/api/v1/namespaces/";
    if (r.method == "POST" && path.rfind(ns_prefix, 0) == 0 && path.ends_with("/eviction")) {
      std::string rest = path.substr(ns_prefix.size());
      std::string ns = rest.substr(0, rest.find('/'));
      std::string name = rest.substr(rest.find("/pods/") + 6);
      name = name.substr(0, name.size() - std::string("/eviction").size());
      auto it = pods_.find(Decode(ns) + "/" + Decode(name));
      if (it == pods_.end()) return NotFoundStatus("pods \"" + name + "\"");
      if (it->second.protected_by_budget) {
        return Json(429, {{"kind", "Status"}, {"reason", "TooManyRequests"},
                          {"message", "Cannot evict pod as it would violate the pod's disruption budget."}});
      }
      pods_.erase(it);
      return Json(201, {{"kind", "Status"}, {"status", "Success"}});
    }
    return NotFoundStatus(r.method + " " + path);
  }

  const Clock& clock_;
  FakeHttpClient http_;
  std::function<void(FakeKubeApi&)> sync_;
  std::map<std::string, Node> nodes_;
  std::map<std::string, Pod> pods_;
  int readyz_status_ = 200;
};

}  // namespace kops::ops
