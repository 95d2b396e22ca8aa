#include "ops/aws_cluster_view.h"

#include <map>
#include <set>

namespace kops::ops {

namespace {

constexpr char kClusterTag[] = "KubernetesCluster";
constexpr char kInstanceGroupTag[] = "kops.k8s.io/instancegroup";

bool Symbolic(const std::string& version) { return version == "$Latest" || version == "$Default" || version.empty(); }

// Same launch template: the ids match when both are known, else the names.
bool SameTemplate(const std::string& id_a, const std::string& name_a, const std::string& id_b,
                  const std::string& name_b) {
  if (!id_a.empty() && !id_b.empty()) return id_a == id_b;
  return !name_a.empty() && name_a == name_b;
}

}  // namespace

Result<std::vector<AwsGroup>> ReadAwsGroups(awsapi::AutoScalingClient& autoscaling, awsapi::Ec2Client& ec2,
                                            const std::string& cluster_name) {
  ASSIGN_OR_RETURN(std::vector<awsapi::AutoScalingGroup> asgs,
                   autoscaling.DescribeAutoScalingGroups({}, {{std::string("tag:") + kClusterTag, {cluster_name}}}));
  // Resolve symbolic versions once for every template that needs it.
  std::set<std::string> to_resolve;
  for (const awsapi::AutoScalingGroup& g : asgs)
    if (!g.launch_template_name.empty() && Symbolic(g.launch_template_version)) to_resolve.insert(g.launch_template_name);
  std::map<std::string, awsapi::LaunchTemplateInfo> templates;
  if (!to_resolve.empty()) {
    ASSIGN_OR_RETURN(std::vector<awsapi::LaunchTemplateInfo> found,
                     ec2.DescribeLaunchTemplates({to_resolve.begin(), to_resolve.end()}));
    for (const awsapi::LaunchTemplateInfo& t : found) templates[t.name] = t;
  }
  std::vector<AwsGroup> out;
  for (const awsapi::AutoScalingGroup& g : asgs) {
    AwsGroup group;
    group.instance_group = g.Tag(kInstanceGroupTag);
    if (group.instance_group.empty()) continue;
    group.asg_name = g.name;
    group.min_size = g.min_size;
    group.max_size = g.max_size;
    group.desired = g.desired_capacity;
    group.target_group_arns = g.target_group_arns;
    std::string version = g.launch_template_version;
    if (!g.launch_configuration_name.empty()) {
      group.launch_spec = g.launch_configuration_name;
    } else if (!g.launch_template_name.empty() || !g.launch_template_id.empty()) {
      if (Symbolic(version)) {
        auto t = templates.find(g.launch_template_name);
        if (t == templates.end()) {
          return NotFound("autoscaling group " + g.name + ": launch template \"" + g.launch_template_name +
                          "\" not found (DescribeLaunchTemplates)");
        }
        int64_t v = version == "$Latest" ? t->second.latest_version : t->second.default_version;
        version = std::to_string(v);
      }
      group.launch_spec = (g.launch_template_name.empty() ? g.launch_template_id : g.launch_template_name) + ":" + version;
    } else {
      return FailedPrecondition("autoscaling group " + g.name + " has neither a launch template nor a launch "
                                "configuration");
    }
    for (const awsapi::AsgInstance& i : g.instances) {
      if (i.lifecycle_state.rfind("Terminating", 0) == 0 || i.lifecycle_state == "Terminated") continue;
      AwsInstance instance;
      instance.id = i.instance_id;
      instance.zone = i.availability_zone;
      instance.lifecycle_state = i.lifecycle_state;
      instance.in_service = i.lifecycle_state == "InService";
      if (!g.launch_configuration_name.empty()) {
        instance.launched_from = i.launch_configuration_name;
        instance.outdated = i.launch_configuration_name != g.launch_configuration_name;
      } else {
        instance.launched_from =
            (i.launch_template_name.empty() ? i.launch_template_id : i.launch_template_name) + ":" +
            i.launch_template_version;
        instance.outdated =
            !SameTemplate(i.launch_template_id, i.launch_template_name, g.launch_template_id, g.launch_template_name) ||
            i.launch_template_version != version;
      }
      group.instances.push_back(std::move(instance));
    }
    out.push_back(std::move(group));
  }
  return out;
}

const AwsGroup* FindAwsGroup(const std::vector<AwsGroup>& groups, const std::string& instance_group) {
  for (const AwsGroup& g : groups)
    if (g.instance_group == instance_group) return &g;
  return nullptr;
}

}  // namespace kops::ops
