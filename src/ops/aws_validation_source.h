// AwsValidationSource: ValidationSource for the `aws` cloud, observed from the operator's
// machine as kops observes it: instance groups from the cluster's autoscaling groups
// (aws_cluster_view.h), the API's /readyz and Node objects through the Kubernetes API
// (the kubeconfig's server for the cluster), and etcd through its members' etcd-manager
// pods (kube_etcd_pods.h) since etcd's client port is not reachable from outside the
// VPC. Without a Kubernetes API client (kube null) the API, nodes and etcd are reported
// as not observable. Everything it borrows must outlive it.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "api/cluster.h"
#include "api/instance_group.h"
#include "awsapi/autoscaling_client.h"
#include "awsapi/ec2.h"
#include "awsapi/elbv2_client.h"
#include "base/clock.h"
#include "ops/api_client.h"
#include "ops/aws_cluster_view.h"
#include "ops/cluster_specs.h"
#include "ops/kube_etcd_pods.h"
#include "ops/validation_source.h"

namespace kops::ops {

// The AWS and Kubernetes clients the AWS operations use; not owned. kube may be null.
struct AwsClients {
  awsapi::AutoScalingClient* autoscaling = nullptr;
  awsapi::Ec2Client* ec2 = nullptr;
  awsapi::Elbv2Client* elbv2 = nullptr;
  ApiClient* kube = nullptr;
};

// The running control-plane instances of groups (by the spec's roles), for the etcd
// observation.
std::vector<ControlPlaneInstance> RunningControlPlane(const ClusterSpecs& specs, const std::vector<AwsGroup>& groups);

class AwsValidationSource : public ValidationSource {
 public:
  AwsValidationSource(ClusterSpecs specs, AwsClients clients, Clock& clock);

  Result<std::vector<GroupObservation>> InstanceGroups() override;
  std::vector<EtcdClusterObservation> EtcdClusters() override;
  ApiObservation ApiHealth() override;
  Result<std::vector<nlohmann::json>> Nodes() override;
  std::chrono::system_clock::time_point WallNow() override { return clock_.WallNow(); }
  bool ControlPlanesRegisterNodes() const override { return true; }

 private:
  Result<std::vector<AwsGroup>>& Groups();
  // GET /api/v1/nodes, once per source (validation and the etcd observation share it).
  Result<std::vector<nlohmann::json>>& KubeNodes();

  ClusterSpecs specs_;
  AwsClients clients_;
  Clock& clock_;
  std::optional<Result<std::vector<AwsGroup>>> groups_;  // read once per source
  std::optional<Result<std::vector<nlohmann::json>>> nodes_;
};

}  // namespace kops::ops
