// Autoscaling groups and their node-termination-handler lifecycle hooks
// (kops awsmodel/autoscalinggroup.go buildAutoScalingGroupTask, nodeterminationhandler.go).
#include "cloud/aws/autoscaling.h"

#include <algorithm>

#include "cloud/aws/builder_util.h"
#include "cloud/aws/load_balancer.h"

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

// The classic load balancers the group joins: spec.externalLoadBalancers'
// loadBalancerName, sorted (kops has no classic API or bastion load balancer here).
std::vector<std::string> ClassicLoadBalancers(const api::InstanceGroup& ig) {
  std::vector<std::string> out;
  for (const auto& lb : ig.spec.external_load_balancers) {
    if (lb.load_balancer_name) out.push_back(*lb.load_balancer_name);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The target groups, sorted by AWS name as kops sorts them: the model's own (API,
// bastion; load_balancer.h) and each externalLoadBalancers' targetGroupArn, written as
// the ARN and named "<group>-<target group name in the ARN>".
Value::List TargetGroups(const ModelContext& m, const api::InstanceGroup& ig) {
  std::vector<std::pair<std::string, Value>> named;
  for (Value& v : TargetGroupsFor(m, ig)) {
    const std::string& key = v.get_if<engine::Reference>()->task;
    named.emplace_back(key.substr(key.find('/') + 1), std::move(v));
  }
  for (const auto& lb : ig.spec.external_load_balancers) {
    if (!lb.target_group_arn) continue;
    const std::string& arn = *lb.target_group_arn;  // ...:targetgroup/<name>/<id>
    size_t start = arn.find("targetgroup/");
    std::string tg = start == std::string::npos ? arn : arn.substr(start + 12);
    named.emplace_back(m.AutoscalingGroupName(ig) + "-" + tg.substr(0, tg.find('/')), Value(arn));
  }
  std::stable_sort(named.begin(), named.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  Value::List out;
  for (auto& [name, v] : named) out.push_back(std::move(v));
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
  int max = ig.spec.max_size.value_or(ig.spec.role == api::kRoleNode ? 2 : 1);
  Fields f;
  if (ig.spec.capacity_rebalance) f.Set("capacity_rebalance", *ig.spec.capacity_rebalance);
  f.Set("enabled_metrics", Value::Strings(metrics));
  f.Set("launch_template", Fields{{"id", Value::Ref(template_key)},
                                  {"version", Value::Ref(template_key, "latest_version")}});
  if (auto lbs = ClassicLoadBalancers(ig); !lbs.empty()) f.Set("load_balancers", Value::Strings(lbs));
  f.Set("max_instance_lifetime", 0);
  f.Set("max_size", max);
  f.Set("metrics_granularity", "1Minute");
  f.Set("min_size", min);
  f.Set("name", name);
  f.Set("protect_from_scale_in", ig.spec.instance_protection.value_or(false));
  if (!ig.spec.suspend_processes.empty()) {
    f.Set("suspended_processes", Value::Strings(ig.spec.suspend_processes));
  }
  f.Set("tag", tags);
  if (auto groups = TargetGroups(m, ig); !groups.empty()) f.Set("target_group_arns", groups);
  f.Set("vpc_zone_identifier", Subnets(m, ig));
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
