#include "ops/aws_rolling_update_cloud.h"

#include <algorithm>
#include <map>
#include <set>

#include "ops/kube_node_drain.h"
#include "ops/rolling_update_settings.h"
#include "ops/validation.h"

namespace kops::ops {

namespace {

constexpr char kOutdatedReason[] = "launch template version differs from the group's";

bool ServesTheApi(const std::string& kops_role) { return kops_role == "ControlPlane" || kops_role == "APIServer"; }

}  // namespace

AwsRollingUpdateCloud::AwsRollingUpdateCloud(ClusterSpecs specs, AwsClients clients, Clock& clock)
    : specs_(std::move(specs)), clients_(clients), clock_(clock) {}

Result<std::vector<AwsGroup>> AwsRollingUpdateCloud::ReadGroups() {
  return ReadAwsGroups(*clients_.autoscaling, *clients_.ec2, specs_.cluster.name());
}

Result<ApiClient*> AwsRollingUpdateCloud::Kube(const std::string& what) {
  if (!clients_.kube) {
    return FailedPrecondition(what + " needs the Kubernetes API: export a kubeconfig for the cluster (kops export "
                              "kubeconfig --admin) or roll with --cloudonly");
  }
  return clients_.kube;
}

Result<std::vector<RollGroup>> AwsRollingUpdateCloud::Groups() {
  ASSIGN_OR_RETURN(std::vector<AwsGroup> groups, ReadGroups());
  // Without the API (or when it does not answer) no Node is known and drains are
  // skipped, as kops does with --cloudonly.
  std::map<std::string, std::string> nodes;
  if (clients_.kube) {
    if (Result<std::vector<nlohmann::json>> listed = ListNodes(*clients_.kube); listed.ok())
      nodes = NodeNamesByInstance(*listed);
  }
  std::vector<RollGroup> out;
  for (const api::InstanceGroup& ig : specs_.groups) {
    RollGroup g = RollGroupOfSpec(specs_.cluster, ig);
    if (const AwsGroup* cg = FindAwsGroup(groups, g.name)) {
      g.min_size = cg->min_size;
      g.max_size = cg->max_size;
      g.target = cg->desired;
      for (const AwsInstance& i : cg->instances) {
        auto node = nodes.find(i.id);
        g.instances.push_back({i.id, i.zone, node == nodes.end() ? "" : node->second, i.in_service,
                               i.outdated ? kOutdatedReason : ""});
      }
    }
    out.push_back(std::move(g));
  }
  return out;
}

Status AwsRollingUpdateCloud::Terminate(const std::string& group, const std::string& instance_id,
                                        bool decrement_desired) {
  RETURN_IF_ERROR(clients_.autoscaling->TerminateInstanceInAutoScalingGroup(instance_id, decrement_desired));
  auto raised = raised_max_.find(group);
  if (!decrement_desired || raised == raised_max_.end()) return Status::Ok();
  // Back within the group's own maximum: restore it.
  ASSIGN_OR_RETURN(std::vector<AwsGroup> groups, ReadGroups());
  const AwsGroup* g = FindAwsGroup(groups, group);
  if (!g || g->desired > raised->second) return Status::Ok();
  RETURN_IF_ERROR(clients_.autoscaling->UpdateAutoScalingGroup(g->asg_name, std::nullopt, raised->second, std::nullopt));
  raised_max_.erase(raised);
  return Status::Ok();
}

Status AwsRollingUpdateCloud::SetTarget(const std::string& group, int target) {
  ASSIGN_OR_RETURN(std::vector<AwsGroup> groups, ReadGroups());
  const AwsGroup* g = FindAwsGroup(groups, group);
  if (!g) return NotFound("instance group " + group + " has no autoscaling group in the cloud");
  if (target <= g->max_size) return clients_.autoscaling->SetDesiredCapacity(g->asg_name, target);
  // A surge beyond the group's maximum raises it until the surplus is terminated again.
  if (!raised_max_.count(group)) raised_max_[group] = g->max_size;
  return clients_.autoscaling->UpdateAutoScalingGroup(g->asg_name, std::nullopt, target, target);
}

Status AwsRollingUpdateCloud::CordonNode(const std::string& node) {
  ASSIGN_OR_RETURN(ApiClient * kube, Kube("cordoning node " + node));
  return ops::CordonNode(*kube, node);
}

Result<bool> AwsRollingUpdateCloud::NodeDrained(const std::string& node) {
  ASSIGN_OR_RETURN(ApiClient * kube, Kube("draining node " + node));
  ASSIGN_OR_RETURN(DrainStep step, EvictPodsOnce(*kube, node));
  return step.drained();
}

Status AwsRollingUpdateCloud::DeleteNode(const std::string& node) {
  ASSIGN_OR_RETURN(ApiClient * kube, Kube("deleting node " + node));
  return ops::DeleteNode(*kube, node);
}

std::vector<std::string> AwsRollingUpdateCloud::ApiTargetGroups(const std::vector<AwsGroup>& groups) const {
  std::set<std::string> arns;
  for (const api::InstanceGroup& ig : specs_.groups) {
    if (!ServesTheApi(KopsRole(ig.spec.role))) continue;
    if (const AwsGroup* g = FindAwsGroup(groups, ig.name()))
      arns.insert(g->target_group_arns.begin(), g->target_group_arns.end());
  }
  return {arns.begin(), arns.end()};
}

Status AwsRollingUpdateCloud::DrainFromLoadBalancer(const std::string& instance_id) {
  ASSIGN_OR_RETURN(std::vector<AwsGroup> groups, ReadGroups());
  for (const std::string& arn : ApiTargetGroups(groups)) {
    ASSIGN_OR_RETURN(std::vector<awsapi::TargetHealthDescription> targets, clients_.elbv2->DescribeTargetHealth(arn));
    bool registered = std::any_of(targets.begin(), targets.end(), [&](const awsapi::TargetHealthDescription& t) {
      return t.target_id == instance_id && t.state != "draining";
    });
    if (registered) RETURN_IF_ERROR(clients_.elbv2->DeregisterTargets(arn, {instance_id}));
  }
  return Status::Ok();
}

Result<std::vector<LbBackend>> AwsRollingUpdateCloud::LoadBalancerBackends() {
  ASSIGN_OR_RETURN(std::vector<AwsGroup> groups, ReadGroups());
  std::vector<std::string> arns = ApiTargetGroups(groups);
  std::vector<LbBackend> out;
  if (arns.empty()) {
    for (const ControlPlaneInstance& i : RunningControlPlane(specs_, groups)) out.push_back({i.instance_id, true, false, 0});
    return out;
  }
  std::map<std::string, LbBackend> by_instance;
  std::map<std::string, int> healthy_in;  // target groups where the instance is healthy
  for (const std::string& arn : arns) {
    ASSIGN_OR_RETURN(std::vector<awsapi::TargetHealthDescription> targets, clients_.elbv2->DescribeTargetHealth(arn));
    for (const awsapi::TargetHealthDescription& t : targets) {
      LbBackend& b = by_instance[t.target_id];
      b.instance_id = t.target_id;
      if (t.state == "draining") {
        b.draining = true;
        ++b.connections;
      }
      if (t.state == "healthy") ++healthy_in[t.target_id];
    }
  }
  for (auto& [id, b] : by_instance) {
    b.serving = !b.draining && healthy_in[id] == static_cast<int>(arns.size());
    out.push_back(b);
  }
  return out;
}

std::vector<EtcdClusterObservation> AwsRollingUpdateCloud::EtcdClusters() {
  AwsValidationSource source(specs_, clients_, clock_);
  return source.EtcdClusters();
}

Status AwsRollingUpdateCloud::MoveEtcdLeader(const std::string& etcd_cluster, uint64_t) {
  return FailedPrecondition("etcd " + etcd_cluster + ": the leader cannot be moved from outside the cluster's network on AWS");
}

Result<ClusterValidation> AwsRollingUpdateCloud::Validate() {
  AwsValidationSource source(specs_, clients_, clock_);
  ASSIGN_OR_RETURN(ValidationInput input, CollectValidationInput(specs_.cluster.name(), source));
  ValidationOptions options;
  options.count_outdated = true;
  return EvaluateCluster(input, options);
}

}  // namespace kops::ops
