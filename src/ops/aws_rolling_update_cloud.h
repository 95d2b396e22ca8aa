// AwsRollingUpdateCloud: RollingUpdateCloud for the `aws` cloud, so `kops rolling-update
// cluster` runs the same algorithm (rolling_update.h) on AWS as on the local cloud:
//   groups and instances   the cluster's autoscaling groups (aws_cluster_view.h), an
//                          instance needing update when its launch template version
//                          differs from its group's (kops' rule); Node names from the
//                          Nodes' providerID;
//   terminate / surge      TerminateInstanceInAutoScalingGroup, SetDesiredCapacity; a
//                          surge beyond the group's MaxSize raises it
//                          (UpdateAutoScalingGroup) until the surplus is terminated with
//                          the desired capacity lowered, then restores it (kops detaches
//                          instances instead; the effect is the same);
//   cordon / drain         the Kubernetes API: cordon, then kubectl drain's evictions
//                          (DaemonSet and mirror pods stay) until no pod is left;
//   load balancer          the API's target groups (those of the control-plane
//                          autoscaling groups): DeregisterTargets takes an instance out,
//                          and a target AWS reports "draining" still has connections
//                          finishing (AWS does not say how many: one per target group);
//                          a cluster without API target groups (DNS-only API) has no
//                          balancer to drain, and an in-service instance counts as serving;
//   etcd                   through the members' etcd-manager pods (kube_etcd_pods.h):
//                          health per member for the quorum check; the leader is not
//                          visible from outside the VPC, so leadership is not moved
//                          (etcd elects a new leader when the instance goes);
//   validation             validate cluster's evaluation over AwsValidationSource, with
//                          outdated instances counted as group members.
// Everything it borrows must outlive it.
#pragma once

#include <map>
#include <string>

#include "base/clock.h"
#include "ops/aws_validation_source.h"
#include "ops/cluster_specs.h"
#include "ops/rolling_update_cloud.h"

namespace kops::ops {

class AwsRollingUpdateCloud : public RollingUpdateCloud {
 public:
  AwsRollingUpdateCloud(ClusterSpecs specs, AwsClients clients, Clock& clock);

  Result<std::vector<RollGroup>> Groups() override;
  Status Terminate(const std::string& group, const std::string& instance_id, bool decrement_desired) override;
  Status SetTarget(const std::string& group, int target) override;
  Status CordonNode(const std::string& node) override;
  Result<bool> NodeDrained(const std::string& node) override;
  Status DeleteNode(const std::string& node) override;
  Status DrainFromLoadBalancer(const std::string& instance_id) override;
  Result<std::vector<LbBackend>> LoadBalancerBackends() override;
  std::vector<EtcdClusterObservation> EtcdClusters() override;
  Status MoveEtcdLeader(const std::string& etcd_cluster, uint64_t to_member_id) override;
  Result<ClusterValidation> Validate() override;

 private:
  // The cluster's autoscaling groups now (aws_cluster_view.h).
  Result<std::vector<AwsGroup>> ReadGroups();
  Result<ApiClient*> Kube(const std::string& what);
  // The API's target groups: those of the control-plane and API-server groups.
  std::vector<std::string> ApiTargetGroups(const std::vector<AwsGroup>& groups) const;

  ClusterSpecs specs_;
  AwsClients clients_;
  Clock& clock_;
  std::map<std::string, int> raised_max_;  // group -> its MaxSize before a surge raised it
};

}  // namespace kops::ops
