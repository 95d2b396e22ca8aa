// ValidationSource: what `validate cluster` needs from a cloud, cloud-neutral. Each
// call observes one aspect; an aspect that cannot be observed is reported inside the
// observation (an error string), so one broken part never hides the others. A source
// is used for one validation attempt and may cache what it looked up (specs, certs).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "api/instance_group.h"
#include "ops/api_client.h"
#include "ops/validation_types.h"

namespace kops::ops {

class ValidationSource {
 public:
  virtual ~ValidationSource() = default;
  // The spec's instance groups with what the cloud runs for each.
  virtual Result<std::vector<GroupObservation>> InstanceGroups() = 0;
  // Every etcd cluster of the spec, each spec member asked on its own endpoint.
  virtual std::vector<EtcdClusterObservation> EtcdClusters() = 0;
  // GET /readyz through the API load balancer.
  virtual ApiObservation ApiHealth() = 0;
  // The Node objects (GET /api/v1/nodes through the load balancer).
  virtual Result<std::vector<nlohmann::json>> Nodes() = 0;
  // Wall time (readiness of node heartbeats is judged against it).
  virtual std::chrono::system_clock::time_point WallNow() = 0;
  // Whether control-plane instances register Nodes (ValidationInput::control_plane_nodes).
  virtual bool ControlPlanesRegisterNodes() const { return false; }
};

// kops' role name for a spec role: the API's "Master" is "ControlPlane" in what kops
// prints; the others ("Node", "Bastion", "APIServer") are as written.
std::string KopsRole(const std::string& spec_role);

// A group as its spec describes it (name, kops' role, machine type, sizes, subnets),
// before the cloud is asked.
GroupObservation GroupObservationOfSpec(const api::InstanceGroup& ig);

// GET /readyz through api (ApiObservation: endpoint, reachable, status, first line).
ApiObservation ObserveReadyz(ApiClient& api);
// The items of GET /api/v1/nodes through api.
Result<std::vector<nlohmann::json>> ListNodes(ApiClient& api);

// One observation of everything. Fails only when the instance groups cannot be read
// (no spec or no cloud): nothing else can be judged without them.
Result<ValidationInput> CollectValidationInput(const std::string& cluster_name, ValidationSource& source);

}  // namespace kops::ops
