// Small helpers shared by the AWS model builders written after the first ones.
#pragma once

#include <memory>
#include <string>

#include "cloud/aws/model_context.h"
#include "cloud/aws/resource_task.h"

namespace kops::cloud::aws {

inline std::unique_ptr<ResourceTask> NewResource(std::string kind, std::string name,
                                                 std::string tf_type, engine::Fields fields) {
  return std::make_unique<ResourceTask>(std::move(kind), std::move(name), std::move(tf_type),
                                        std::move(fields));
}

// The partition: the looked-up one, else what the region implies ("aws-cn" for cn-*,
// "aws-us-gov" for us-gov-*, "aws" otherwise).
inline std::string PartitionOf(const ModelContext& m) {
  if (!m.input().facts.partition.empty()) return m.input().facts.partition;
  std::string region = m.Region();
  if (region.starts_with("cn-")) return "aws-cn";
  if (region.starts_with("us-gov-")) return "aws-us-gov";
  return "aws";
}

// True when the cluster's DNS is gossip (".k8s.local") or none: no Route53 involved.
inline bool UsesRoute53(const ModelContext& m) {
  if (m.cluster_name().ends_with(".k8s.local")) return false;
  const auto& topology = m.cluster().spec.topology;
  if (topology && topology->dns && topology->dns->type == "None") return false;
  return true;
}

// The cluster's node termination handler runs in queue-processor mode (kops' default on
// AWS: enabled, enableSQSTerminationDraining true).
inline bool UsesNthQueue(const ModelContext& m) {
  const auto& nth = m.cluster().spec.node_termination_handler;
  if (!nth) return true;
  return nth->enabled.value_or(true) && nth->enable_sqs_termination_draining.value_or(true);
}

// The tag NTH looks for on the groups it manages: spec.nodeTerminationHandler.managedASGTag,
// default "aws-node-termination-handler/managed".
inline std::string NthManagedAsgTag(const ModelContext& m) {
  const auto& nth = m.cluster().spec.node_termination_handler;
  if (nth && nth->managed_asg_tag && !nth->managed_asg_tag->empty()) return *nth->managed_asg_tag;
  return "aws-node-termination-handler/managed";
}

}  // namespace kops::cloud::aws
