// Autoscaling groups and their node-termination-handler lifecycle hooks
// (kops awsmodel/autoscalinggroup.go buildAutoScalingGroupTask, nodeterminationhandler.go).
#include "cloud/aws/autoscaling.h"

#include "cloud/aws/builder_util.h"

namespace kops::cloud::aws {

using engine::Fields;
using engine::Value;

namespace {

const char* const kMetrics[] = {"GroupDesiredCapacity",  "GroupInServiceInstances",
                                "GroupMaxSize",          "GroupMinSize",
                                "GroupPendingInstances", "GroupStandbyInstances",
                                "GroupTerminatingInstances", "GroupTotalInstances"};

Value::List Subnets(const ModelContext& m, const api::InstanceGroup& ig) {
  Value::List out;
  for (const auto& name : ig.spec.subnets) {
    for (const auto& subnet : m.cluster().spec.subnets) {
      if (subnet.name == name) out.push_back(Value::Ref(m.SubnetKey(subnet)));
    }
  }
  return out;
}

Status BuildGroup(const ModelContext& m, const api::InstanceGroup& ig, engine::Graph& g) {
  std::string name = m.AutoscalingGroupName(ig);
  std::string template_key = "LaunchTemplate/" + name;
  Value::List tags;
  for (const auto& [key, value] : InstanceGroupTags(m, ig)) {
    tags.push_back(Fields{{"key", key}, {"propagate_at_launch", true}, {"value", value}});
  }
  std::vector<std::string> metrics(std::begin(kMetrics), std::end(kMetrics));
  int min = ig.spec.min_size.value_or(ig.spec.role == api::kRoleNode ? 2 : 1);
  int max = ig.spec.max_size.value_or(min);
  Fields f{{"enabled_metrics", Value::Strings(metrics)},
           {"launch_template", Fields{{"id", Value::Ref(template_key)},
                                      {"version", Value::Ref(template_key, "latest_version")}}},
           {"max_instance_lifetime", 0},
           {"max_size", max},
           {"metrics_granularity", "1Minute"},
           {"min_size", min},
           {"name", name},
           {"protect_from_scale_in", ig.spec.instance_protection.value_or(false)},
           {"tag", tags},
           {"vpc_zone_identifier", Subnets(m, ig)}};
  if (ig.spec.capacity_rebalance) f.Set("capacity_rebalance", *ig.spec.capacity_rebalance);
  if (!ig.spec.suspend_processes.empty()) {
    f.Set("suspended_processes", Value::Strings(ig.spec.suspend_processes));
  }
  RETURN_IF_ERROR(AddTask(g, NewResource("AutoscalingGroup", name, "aws_autoscaling_group", f)));
  if (!UsesNthQueue(m)) return Status::Ok();
  std::string hook = ig.metadata.name + "-NTHLifecycleHook";
  return AddTask(g, NewResource("AutoscalingLifecycleHook", hook, "aws_autoscaling_lifecycle_hook",
                                Fields{{"autoscaling_group_name", Value::Ref("AutoscalingGroup/" + name)},
                                       {"default_result", "CONTINUE"},
                                       {"heartbeat_timeout", 300},
                                       {"lifecycle_transition", "autoscaling:EC2_INSTANCE_TERMINATING"},
                                       {"name", hook}}));
}

}  // namespace

Status BuildAutoscalingGroups(const ModelContext& m, engine::Graph& graph) {
  for (const auto& ig : m.instance_groups()) {
    if (!graph.Find("LaunchTemplate/" + m.AutoscalingGroupName(ig))) continue;
    RETURN_IF_ERROR(BuildGroup(m, ig, graph));
  }
  return Status::Ok();
}

}  // namespace kops::cloud::aws
