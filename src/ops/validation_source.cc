#include "ops/validation_source.h"

namespace kops::ops {

GroupObservation GroupObservationOfSpec(const api::InstanceGroup& ig) {
  GroupObservation g;
  g.name = ig.name();
  g.role = KopsRole(ig.spec.role);
  g.machine_type = ig.spec.machine_type;
  g.min_size = ig.spec.min_size.value_or(1);
  g.max_size = ig.spec.max_size.value_or(g.min_size);
  g.subnets = ig.spec.subnets;
  return g;
}

ApiObservation ObserveReadyz(ApiClient& api) {
  ApiObservation obs;
  obs.endpoint = api.endpoint();
  Result<HttpResponse> r = api.Do("GET", "/readyz");
  if (!r.ok()) {
    obs.message = r.status().message();
    return obs;
  }
  obs.reachable = true;
  obs.status = r->status;
  obs.message = BodySummary(r->body);
  return obs;
}

Result<std::vector<nlohmann::json>> ListNodes(ApiClient& api) {
  ASSIGN_OR_RETURN(nlohmann::json list, api.GetJson("/api/v1/nodes"));
  std::vector<nlohmann::json> nodes;
  if (list.contains("items") && list["items"].is_array())
    for (const auto& n : list["items"]) nodes.push_back(n);
  return nodes;
}

std::string KopsRole(const std::string& spec_role) { return spec_role == "Master" ? "ControlPlane" : spec_role; }

Result<ValidationInput> CollectValidationInput(const std::string& cluster_name, ValidationSource& source) {
  ValidationInput in;
  in.cluster_name = cluster_name;
  ASSIGN_OR_RETURN(in.groups, source.InstanceGroups());
  in.etcd = source.EtcdClusters();
  in.api = source.ApiHealth();
  Result<std::vector<nlohmann::json>> nodes = source.Nodes();
  in.nodes_ok = nodes.ok();
  if (nodes.ok()) {
    in.nodes = std::move(*nodes);
  } else {
    in.nodes_error = nodes.status().message();
  }
  in.now = source.WallNow();
  in.control_plane_nodes = source.ControlPlanesRegisterNodes();
  return in;
}

}  // namespace kops::ops
