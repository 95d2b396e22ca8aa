// Launch templates and autoscaling groups, one each per instance group
// (pkg/model/awsmodel/autoscalinggroup.go), with the tags kops puts on the group and on
// what it launches, and the node-termination-handler lifecycle hook per group.
//
// Names: "<ig>.masters.<cluster>" for control planes, "<ig>.<cluster>" otherwise (both
// the launch template and the group); hooks "<ig>-NTHLifecycleHook".
#pragma once

#include <string>

#include "base/status.h"
#include "cloud/aws/model_context.h"
#include "engine/graph.h"
#include "engine/value.h"

namespace kops::cloud::aws {

// The tags of an instance group's cloud resources (kops CloudTagsForInstanceGroup):
// cluster and group cloud labels, cluster-autoscaler node-template labels (node labels
// plus the role's labels) and taints, the role tags, kops.k8s.io/instancegroup, the
// NTH managed tag (queue mode), KubernetesCluster, Name and the cluster ownership tag.
engine::Value::Map InstanceGroupTags(const ModelContext& m, const api::InstanceGroup& ig);

// Task keys of what a group's instances use, by role.
std::string InstanceProfileKeyFor(const ModelContext& m, const api::InstanceGroup& ig);
std::string SecurityGroupKeyFor(const ModelContext& m, const api::InstanceGroup& ig);
// Every security group of a group's instances (kops buildLaunchTemplateHelper): its
// role's group, then for API servers the Network API load balancer's
// additionalSecurityGroups, then the group's additionalSecurityGroups (ids).
engine::Value::List SecurityGroupsFor(const ModelContext& m, const api::InstanceGroup& ig);

Status BuildLaunchTemplates(const ModelContext& m, engine::Graph& graph);
Status BuildAutoscalingGroups(const ModelContext& m, engine::Graph& graph);

}  // namespace kops::cloud::aws

namespace kops::terraform {
class TerraformTarget;
}

namespace kops::cloud::aws {

// The outputs kops writes for the groups: "<role>_autoscaling_group_ids" and
// "<role>_security_group_ids" (every group of SecurityGroupsFor) for role master, node
// (API servers count as nodes) and bastion, the node subnet ids and the bastions role.
void AddInstanceGroupOutputs(const ModelContext& m, terraform::TerraformTarget& target);

}  // namespace kops::cloud::aws
