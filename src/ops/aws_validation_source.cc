#include "ops/aws_validation_source.h"

#include <map>

namespace kops::ops {

namespace {

constexpr char kNoKubeApi[] = "the Kubernetes API is not configured (no kubeconfig context for the cluster)";

}  // namespace

std::vector<ControlPlaneInstance> RunningControlPlane(const ClusterSpecs& specs, const std::vector<AwsGroup>& groups) {
  std::vector<ControlPlaneInstance> out;
  for (const api::InstanceGroup& ig : specs.groups) {
    if (KopsRole(ig.spec.role) != "ControlPlane") continue;
    const AwsGroup* g = FindAwsGroup(groups, ig.name());
    if (!g) continue;
    for (const AwsInstance& i : g->instances)
      if (i.in_service) out.push_back({ig.name(), i.id, i.zone});
  }
  return out;
}

AwsValidationSource::AwsValidationSource(ClusterSpecs specs, AwsClients clients, Clock& clock)
    : specs_(std::move(specs)), clients_(clients), clock_(clock) {}

Result<std::vector<AwsGroup>>& AwsValidationSource::Groups() {
  if (!groups_) groups_ = ReadAwsGroups(*clients_.autoscaling, *clients_.ec2, specs_.cluster.name());
  return *groups_;
}

Result<std::vector<nlohmann::json>>& AwsValidationSource::KubeNodes() {
  if (!nodes_) nodes_ = ListNodes(*clients_.kube);
  return *nodes_;
}

Result<std::vector<GroupObservation>> AwsValidationSource::InstanceGroups() {
  Result<std::vector<AwsGroup>>& groups = Groups();
  if (!groups.ok()) return groups.status();
  std::vector<GroupObservation> out;
  for (const api::InstanceGroup& ig : specs_.groups) {
    GroupObservation g = GroupObservationOfSpec(ig);
    if (const AwsGroup* cg = FindAwsGroup(*groups, g.name)) {
      g.found_in_cloud = true;
      g.desired = cg->desired;
      for (const AwsInstance& i : cg->instances) g.machines.push_back({i.id, i.zone, "", i.in_service, i.outdated});
    }
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<EtcdClusterObservation> AwsValidationSource::EtcdClusters() {
  Result<std::vector<AwsGroup>>& groups = Groups();
  std::string unobservable = !groups.ok() ? groups.status().message() : (!clients_.kube ? kNoKubeApi : "");
  if (!unobservable.empty()) {
    std::vector<EtcdClusterObservation> out;
    for (const api::EtcdClusterSpec& spec : specs_.cluster.spec.etcd_clusters) {
      EtcdClusterObservation c;
      c.name = spec.name;
      for (const auto& m : spec.members) c.expected_members.push_back(m.name);
      c.error = unobservable;
      out.push_back(std::move(c));
    }
    return out;
  }
  return ObserveEtcdThroughPods(specs_.cluster, specs_.groups, RunningControlPlane(specs_, *groups), KubeNodes(),
                                *clients_.kube);
}

ApiObservation AwsValidationSource::ApiHealth() {
  if (!clients_.kube) return ApiObservation{"", false, 0, kNoKubeApi};
  return ObserveReadyz(*clients_.kube);
}

Result<std::vector<nlohmann::json>> AwsValidationSource::Nodes() {
  if (!clients_.kube) return FailedPrecondition(kNoKubeApi);
  return KubeNodes();
}

}  // namespace kops::ops
