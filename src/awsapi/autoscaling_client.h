// EC2 Auto Scaling (AWS Query protocol, service "autoscaling", API 2011-01-01): the groups
// kops manages for each instance group, and the calls a rolling update makes on them.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "awsapi/query_client.h"

namespace kops::awsapi {

struct AsgInstance {
  std::string instance_id, availability_zone;
  std::string lifecycle_state;  // "InService", "Pending", "Terminating", ...
  std::string health_status;    // "Healthy" / "Unhealthy"
  // The launch template the instance was launched from; "" when none.
  std::string launch_template_id, launch_template_name, launch_template_version;
  std::string launch_configuration_name;
};

struct AutoScalingGroup {
  std::string name, arn;
  int min_size = 0, max_size = 0, desired_capacity = 0;
  // From LaunchTemplate, or MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.
  // version may be "$Latest", "$Default" or a number ("3").
  std::string launch_template_id, launch_template_name, launch_template_version;
  std::string launch_configuration_name;
  std::vector<std::string> availability_zones, target_group_arns, load_balancer_names;
  std::vector<std::pair<std::string, std::string>> tags;  // key, value
  std::vector<AsgInstance> instances;

  // The value of the tag key, "" when absent.
  std::string Tag(const std::string& key) const;
};

// A DescribeAutoScalingGroups filter: "tag:<key>" (values), "tag-key" or "tag-value".
struct AsgFilter {
  std::string name;
  std::vector<std::string> values;
};

class AutoScalingClient {
 public:
  static constexpr char kService[] = "autoscaling";
  static constexpr char kApiVersion[] = "2011-01-01";

  // http and clock must outlive the client.
  AutoScalingClient(HttpClient& http, ServiceConfig config,
                    const Clock& clock = RealClock::Instance())
      : query_(http, std::move(config), kService, kApiVersion, clock) {}

  // The groups with those names (all groups when empty) that match every filter, following
  // NextToken through all pages. Unknown names are simply absent from the answer (as AWS).
  Result<std::vector<AutoScalingGroup>> DescribeAutoScalingGroups(
      const std::vector<std::string>& names, const std::vector<AsgFilter>& filters = {});
  // Terminates one instance of a group; with should_decrement_desired_capacity the group
  // does not replace it.
  Status TerminateInstanceInAutoScalingGroup(const std::string& instance_id,
                                             bool should_decrement_desired_capacity);
  Status SetDesiredCapacity(const std::string& group_name, int desired_capacity);
  // Changes a group's sizes; an unset field is left as it is.
  Status UpdateAutoScalingGroup(const std::string& group_name, std::optional<int> min_size,
                                std::optional<int> max_size, std::optional<int> desired_capacity);

 private:
  QueryClient query_;
};

}  // namespace kops::awsapi
