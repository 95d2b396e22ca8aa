#include "awsapi/autoscaling_client.h"

#include <charconv>

#include "base/strings.h"

namespace kops::awsapi {
namespace {

constexpr char kDescribe[] = "autoscaling DescribeAutoScalingGroups";

// The text of every <member> of list (a Query-protocol list), in order.
std::vector<std::string> Members(const XmlElement* list) {
  std::vector<std::string> out;
  if (list)
    for (const XmlElement* m : list->Children("member")) out.push_back(Trim(m->text));
  return out;
}

Result<int> ReadInt(const XmlElement& group, const char* field) {
  std::string text = group.ChildText(field);
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size())
    return Internal(std::string(kDescribe) + ": " + field + " of group \"" +
                    group.ChildText("AutoScalingGroupName") + "\" is \"" + text +
                    "\", not a number");
  return value;
}

// LaunchTemplateId, LaunchTemplateName and Version of a LaunchTemplateSpecification.
void ReadTemplate(const XmlElement* spec, std::string& id, std::string& name,
                  std::string& version) {
  if (!spec) return;
  id = spec->ChildText("LaunchTemplateId");
  name = spec->ChildText("LaunchTemplateName");
  version = spec->ChildText("Version");
}

AsgInstance ReadInstance(const XmlElement& m) {
  AsgInstance i;
  i.instance_id = m.ChildText("InstanceId");
  i.availability_zone = m.ChildText("AvailabilityZone");
  i.lifecycle_state = m.ChildText("LifecycleState");
  i.health_status = m.ChildText("HealthStatus");
  ReadTemplate(m.Child("LaunchTemplate"), i.launch_template_id, i.launch_template_name,
               i.launch_template_version);
  i.launch_configuration_name = m.ChildText("LaunchConfigurationName");
  return i;
}

Result<AutoScalingGroup> ReadGroup(const XmlElement& m) {
  AutoScalingGroup g;
  g.name = m.ChildText("AutoScalingGroupName");
  g.arn = m.ChildText("AutoScalingGroupARN");
  ASSIGN_OR_RETURN(g.min_size, ReadInt(m, "MinSize"));
  ASSIGN_OR_RETURN(g.max_size, ReadInt(m, "MaxSize"));
  ASSIGN_OR_RETURN(g.desired_capacity, ReadInt(m, "DesiredCapacity"));
  const XmlElement* spec = m.Child("LaunchTemplate");
  if (!spec) spec = m.Find("MixedInstancesPolicy/LaunchTemplate/LaunchTemplateSpecification");
  ReadTemplate(spec, g.launch_template_id, g.launch_template_name, g.launch_template_version);
  g.launch_configuration_name = m.ChildText("LaunchConfigurationName");
  g.availability_zones = Members(m.Child("AvailabilityZones"));
  g.target_group_arns = Members(m.Child("TargetGroupARNs"));
  g.load_balancer_names = Members(m.Child("LoadBalancerNames"));
  if (const XmlElement* tags = m.Child("Tags"))
    for (const XmlElement* t : tags->Children("member"))
      g.tags.emplace_back(t->ChildText("Key"), t->ChildText("Value"));
  if (const XmlElement* instances = m.Child("Instances"))
    for (const XmlElement* i : instances->Children("member"))
      g.instances.push_back(ReadInstance(*i));
  return g;
}

}  // namespace

std::string AutoScalingGroup::Tag(const std::string& key) const {
  for (const auto& [k, v] : tags)
    if (k == key) return v;
  return "";
}

Result<std::vector<AutoScalingGroup>> AutoScalingClient::DescribeAutoScalingGroups(
    const std::vector<std::string>& names, const std::vector<AsgFilter>& filters) {
  std::vector<AutoScalingGroup> out;
  Params params;
  AddList(params, "AutoScalingGroupNames.member", names);
  for (size_t i = 0; i < filters.size(); ++i) {
    std::string p = "Filters.member." + std::to_string(i + 1);
    params.emplace_back(p + ".Name", filters[i].name);
    AddList(params, p + ".Values.member", filters[i].values);
  }
  RETURN_IF_ERROR(query_.CallPages("DescribeAutoScalingGroups", params, {"NextToken", "NextToken"},
                                   [&](const XmlElement& result) -> Status {
                                     if (const XmlElement* groups = result.Child("AutoScalingGroups")) {
                                       for (const XmlElement* m : groups->Children("member")) {
                                         ASSIGN_OR_RETURN(AutoScalingGroup g, ReadGroup(*m));
                                         out.push_back(std::move(g));
                                       }
                                     }
                                     return Status::Ok();
                                   }));
  return out;
}

Status AutoScalingClient::TerminateInstanceInAutoScalingGroup(
    const std::string& instance_id, bool should_decrement_desired_capacity) {
  Params params = {
      {"InstanceId", instance_id},
      {"ShouldDecrementDesiredCapacity", should_decrement_desired_capacity ? "true" : "false"}};
  return query_.Call("TerminateInstanceInAutoScalingGroup", params).status();
}

Status AutoScalingClient::SetDesiredCapacity(const std::string& group_name, int desired_capacity) {
  Params params = {{"AutoScalingGroupName", group_name},
                   {"DesiredCapacity", std::to_string(desired_capacity)}};
  return query_.Call("SetDesiredCapacity", params).status();
}

Status AutoScalingClient::UpdateAutoScalingGroup(const std::string& group_name, std::optional<int> min_size,
                                                 std::optional<int> max_size, std::optional<int> desired_capacity) {
  Params params = {{"AutoScalingGroupName", group_name}};
  if (min_size) params.push_back({"MinSize", std::to_string(*min_size)});
  if (max_size) params.push_back({"MaxSize", std::to_string(*max_size)});
  if (desired_capacity) params.push_back({"DesiredCapacity", std::to_string(*desired_capacity)});
  return query_.Call("UpdateAutoScalingGroup", params).status();
}

}  // namespace kops::awsapi
