// AwsClusterView: what AWS runs for a cluster's instance groups, read as kops reads it
// for rolling-update and validate: the autoscaling groups tagged
// KubernetesCluster=<cluster>, matched to the spec's groups by their
// kops.k8s.io/instancegroup tag. An instance is outdated when the launch template (or
// launch configuration) it was launched from differs from its group's; a group's
// "$Latest"/"$Default" version is resolved through DescribeLaunchTemplates first (kops'
// rule). Terminating instances are left out, as kops leaves them out.
#pragma once

#include <string>
#include <vector>

#include "awsapi/autoscaling_client.h"
#include "awsapi/ec2.h"
#include "base/status.h"

namespace kops::ops {

struct AwsInstance {
  std::string id;
  std::string zone;
  std::string lifecycle_state;  // "InService", "Pending", ...
  bool in_service = false;
  bool outdated = false;
  std::string launched_from;  // "<template>:<version>" or the launch configuration's name
};

struct AwsGroup {
  std::string instance_group;  // the spec's group name (kops.k8s.io/instancegroup)
  std::string asg_name;
  int min_size = 0, max_size = 0, desired = 0;
  std::string launch_spec;  // the group's "<template>:<version>" (version resolved)
  std::vector<std::string> target_group_arns;
  std::vector<AwsInstance> instances;
};

// The cluster's autoscaling groups (one DescribeAutoScalingGroups with a tag filter, one
// DescribeLaunchTemplates when a group names $Latest or $Default). Groups without the
// instancegroup tag are not kops' and are skipped.
Result<std::vector<AwsGroup>> ReadAwsGroups(awsapi::AutoScalingClient& autoscaling, awsapi::Ec2Client& ec2,
                                            const std::string& cluster_name);

// The group of instance_group, or null.
const AwsGroup* FindAwsGroup(const std::vector<AwsGroup>& groups, const std::string& instance_group);

}  // namespace kops::ops
