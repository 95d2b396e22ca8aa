#include "ops/validation.h"

#include <algorithm>
#include <map>

#include "instance/node_status.h"
#include "ops/json_fields.h"
#include "ops/kube_nodes.h"

namespace kops::ops {
namespace {

bool IsControlPlane(const std::string& role) {
  return role == "ControlPlane" || role == "Master" || role == "APIServer";
}

void EvaluateGroups(const ValidationInput& in, const ValidationOptions& options, ClusterValidation& out) {
  for (const GroupObservation& g : in.groups) {
    if (!g.found_in_cloud) {
      out.failures.push_back({"InstanceGroup", g.name,
                              "InstanceGroup \"" + g.name + "\" is not in the cloud (run kops update cluster --yes)"});
      continue;
    }
    int running = 0, outdated = 0;
    for (const MachineObservation& m : g.machines) {
      if (!m.running) continue;
      ++running;
      if (m.outdated) ++outdated;
    }
    int ready = options.count_outdated ? running : running - outdated;
    if (ready < g.min_size) {
      std::string msg = "InstanceGroup \"" + g.name + "\" did not have enough nodes " +
                        std::to_string(ready) + " vs " + std::to_string(g.min_size);
      if (outdated > 0 || running != ready) {
        msg += " (" + std::to_string(running) + " running, " + std::to_string(outdated) + " outdated)";
      }
      out.failures.push_back({"InstanceGroup", g.name, msg});
    }
  }
}

std::string NodeAddress(const nlohmann::json& node) {
  const nlohmann::json* addrs = nullptr;
  if (node.contains("status") && node["status"].is_object() && node["status"].contains("addresses"))
    addrs = &node["status"]["addresses"];
  if (!addrs || !addrs->is_array()) return "";
  for (const auto& a : *addrs)
    if (a.is_object() && a.value("type", "") == "InternalIP") return a.value("address", "");
  return "";
}

std::string NodeName(const nlohmann::json& node) {
  if (!node.contains("metadata") || !node["metadata"].is_object()) return "";
  return node["metadata"].value("name", "");
}

// The node of a machine: named after its id, or whose providerID names it, else with its
// address as InternalIP.
const nlohmann::json* FindNode(const std::vector<nlohmann::json>& nodes, const MachineObservation& m) {
  for (const auto& n : nodes)
    if (NodeName(n) == m.id || InstanceIdOfProviderId(StringAt(ObjectAt(n, "spec"), "providerID")) == m.id) return &n;
  for (const auto& n : nodes)
    if (!m.address.empty() && NodeAddress(n) == m.address) return &n;
  return nullptr;
}

void EvaluateNodes(const ValidationInput& in, const ValidationOptions& options, ClusterValidation& out) {
  if (!in.nodes_ok) {
    out.failures.push_back({"API", "nodes", "cannot list nodes: " + in.nodes_error});
    return;
  }
  for (const GroupObservation& g : in.groups) {
    if (IsControlPlane(g.role) && !in.control_plane_nodes) continue;  // the local cloud's register none
    std::string role = IsControlPlane(g.role) ? "control-plane" : g.role == "Bastion" ? "bastion" : "node";
    for (const MachineObservation& m : g.machines) {
      if (!m.running) continue;
      const nlohmann::json* node = FindNode(in.nodes, m);
      if (!node) {
        out.failures.push_back({"Machine", m.id, "machine \"" + m.id + "\" has not yet joined cluster"});
        continue;
      }
      instance::NodeReadiness r = instance::ComputeNodeReadiness(*node, in.now, options.node_grace);
      std::string name = NodeName(*node);
      out.nodes.push_back({name, m.zone, role, name, r.ready ? "True" : "False", r.reason});
      if (!r.ready) {
        out.failures.push_back({"Node", name, "node \"" + name + "\" of role \"" + role +
                                                  "\" is not ready: " + r.reason});
      }
    }
  }
  std::sort(out.nodes.begin(), out.nodes.end(),
            [](const ValidationNode& a, const ValidationNode& b) { return a.name < b.name; });
}

void EvaluateApi(const ApiObservation& api, ClusterValidation& out) {
  std::string name = api.endpoint.empty() ? "load balancer" : api.endpoint;
  if (api.endpoint.empty()) {
    out.failures.push_back({"API", name, "the API load balancer was not found: " + api.message});
  } else if (!api.reachable) {
    out.failures.push_back({"API", name, "API /readyz through the load balancer failed: " + api.message});
  } else if (api.status != 200) {
    out.failures.push_back({"API", name, "API /readyz through the load balancer answered HTTP " +
                                             std::to_string(api.status) + ": " + api.message});
  }
}

}  // namespace

ClusterValidation EvaluateCluster(const ValidationInput& input, const ValidationOptions& options) {
  ClusterValidation out;
  out.cluster_name = input.cluster_name;
  out.groups = input.groups;
  EvaluateGroups(input, options, out);
  EvaluateNodes(input, options, out);
  EvaluateEtcd(input.etcd, options, out);
  EvaluateApi(input.api, out);
  return out;
}

}  // namespace kops::ops
