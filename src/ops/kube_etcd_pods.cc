#include "ops/kube_etcd_pods.h"

#include <map>

#include <nlohmann/json.hpp>

#include "api/etcd_layout.h"
#include "ops/json_fields.h"

namespace kops::ops {

namespace {

using nlohmann::json;

constexpr const char* kMemberListError =
    "the etcd member list is not readable through the Kubernetes API (observed through "
    "etcd-manager pods)";

// The items of a list answer, or an error naming what was asked.
Result<std::vector<json>> ListItems(ApiClient& api, const std::string& path) {
  Result<json> list = api.GetJson(path);
  if (!list.ok()) return list.status();
  if (!list->is_object()) return Unavailable("GET " + path + ": the answer is not a list");
  auto items = list->find("items");
  if (items == list->end() || !items->is_array())
    return Unavailable("GET " + path + ": the answer has no items array");
  return std::vector<json>(items->begin(), items->end());
}

std::string GroupZone(const std::string& group_name, const api::Cluster& cluster,
                      const std::vector<api::InstanceGroup>& groups) {
  for (const api::InstanceGroup& g : groups) {
    if (g.name() != group_name) continue;
    std::vector<std::string> zones = api::InstanceGroupZones(g, cluster);
    return zones.size() == 1 ? zones[0] : "";
  }
  return "";
}

// "" when the pod is Running and Ready, otherwise why not.
std::string NotReadyReason(const json& pod) {
  const json& status = ObjectAt(pod, "status");
  const std::string phase = StringAt(status, "phase");
  std::string ready = "no Ready condition";
  auto conditions = status.find("conditions");
  if (conditions != status.end() && conditions->is_array()) {
    for (const json& c : *conditions) {
      if (StringAt(c, "type") != "Ready") continue;
      ready = "Ready " + StringAt(c, "status");
      std::string why = StringAt(c, "reason");
      const std::string message = StringAt(c, "message");
      if (!message.empty()) why += (why.empty() ? "" : ": ") + message;
      if (StringAt(c, "status") == "True")
        ready = "";
      else if (!why.empty())
        ready += " (" + why + ")";
    }
  }
  if (phase == "Running" && ready.empty()) return "";
  std::string reason = "phase " + (phase.empty() ? std::string("unknown") : phase);
  if (!ready.empty()) reason += ", " + ready;
  return reason;
}

void MarkUnobserved(std::vector<EtcdClusterObservation>& out, const std::string& error) {
  for (EtcdClusterObservation& c : out) {
    c.error = "observing etcd " + c.name + " through the Kubernetes API: " + error;
    for (EtcdMemberObservation& m : c.members)
      if (!m.instance_id.empty()) m.error = "not observed: the Kubernetes API did not answer";
  }
}

}  // namespace

std::vector<EtcdClusterObservation> ObserveEtcdThroughPods(
    const api::Cluster& cluster, const std::vector<api::InstanceGroup>& groups,
    const std::vector<ControlPlaneInstance>& running, ApiClient& api) {
  if (cluster.spec.etcd_clusters.empty()) return {};
  return ObserveEtcdThroughPods(cluster, groups, running, ListItems(api, "/api/v1/nodes"), api);
}

std::vector<EtcdClusterObservation> ObserveEtcdThroughPods(
    const api::Cluster& cluster, const std::vector<api::InstanceGroup>& groups,
    const std::vector<ControlPlaneInstance>& running, const Result<std::vector<json>>& nodes, ApiClient& api) {
  std::vector<EtcdClusterObservation> out;
  for (const api::EtcdClusterSpec& spec : cluster.spec.etcd_clusters) {
    EtcdClusterObservation c;
    c.name = spec.name;
    c.member_list_error = kMemberListError;
    c.health_only = true;
    for (const api::EtcdMemberSpec& ms : spec.members) {
      c.expected_members.push_back(ms.name);
      EtcdMemberObservation m;
      m.name = ms.name;
      m.zone = GroupZone(ms.instance_group, cluster, groups);
      for (const ControlPlaneInstance& r : running) {
        if (r.instance_group != ms.instance_group) continue;
        m.instance_id = r.instance_id;
        if (m.zone.empty()) m.zone = r.zone;
        break;
      }
      if (m.instance_id.empty()) m.error = "no running instance";
      c.members.push_back(std::move(m));
    }
    out.push_back(std::move(c));
  }
  if (out.empty()) return out;

  if (!nodes.ok()) {
    MarkUnobserved(out, nodes.status().message());
    return out;
  }
  Result<std::vector<json>> pods = ListItems(api, "/api/v1/namespaces/kube-system/pods");
  if (!pods.ok()) {
    MarkUnobserved(out, pods.status().message());
    return out;
  }
  const std::map<std::string, std::string> node_of_instance = NodeNamesByInstance(*nodes);
  std::map<std::string, const json*> pod_by_name;
  for (const json& p : *pods) {
    const std::string name = StringAt(ObjectAt(p, "metadata"), "name");
    if (!name.empty()) pod_by_name.emplace(name, &p);
  }

  for (EtcdClusterObservation& c : out) {
    for (EtcdMemberObservation& m : c.members) {
      if (m.instance_id.empty()) continue;
      auto node = node_of_instance.find(m.instance_id);
      if (node == node_of_instance.end()) {
        m.error = "no Node registered for " + m.instance_id;
        continue;
      }
      const std::string pod_name = "etcd-manager-" + c.name + "-" + node->second;
      auto pod = pod_by_name.find(pod_name);
      if (pod == pod_by_name.end()) {
        m.error = "etcd-manager pod kube-system/" + pod_name + " not found";
        continue;
      }
      m.reachable = true;
      const std::string why = NotReadyReason(*pod->second);
      m.healthy = why.empty();
      if (!m.healthy) m.error = "etcd-manager pod kube-system/" + pod_name + " not ready: " + why;
    }
  }
  return out;
}

}  // namespace kops::ops
