#include "cloud/aws/model_context.h"

namespace kops::cloud::aws {

std::string ModelContext::Region() const {
  for (const auto& subnet : cluster().spec.subnets) {
    if (!subnet.region.empty()) return subnet.region;
    if (!subnet.zone.empty()) return subnet.zone.substr(0, subnet.zone.size() - 1);
  }
  return "";
}

engine::Value::Map ModelContext::CloudTags(const std::string& name) const {
  engine::Value::Map tags{{"KubernetesCluster", cluster_name()},
                          {"Name", name},
                          {"kubernetes.io/cluster/" + cluster_name(), "owned"}};
  for (const auto& [k, v] : cluster().spec.cloud_labels) tags[k] = v;
  return tags;
}

bool ModelContext::IsControlPlane(const api::InstanceGroup& ig) {
  return ig.spec.role == "Master" || ig.spec.role == "ControlPlane";
}

std::string ModelContext::AutoscalingGroupName(const api::InstanceGroup& ig) const {
  return ig.metadata.name + (IsControlPlane(ig) ? ".masters." : ".") + cluster_name();
}

Status AddTask(engine::Graph& graph, std::unique_ptr<engine::Task> task) {
  return graph.Add(std::move(task));
}

}  // namespace kops::cloud::aws
