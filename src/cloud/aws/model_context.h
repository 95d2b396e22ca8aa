// ModelContext: what every AWS model builder reads — the cluster, its instance groups,
// the region — and kops' naming and tagging rules (pkg/model/names.go, tagbuilder.go).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "api/cluster.h"
#include "api/instance_group.h"
#include "base/status.h"
#include "cloud/aws/cloud_facts.h"
#include "engine/graph.h"
#include "engine/value.h"

namespace kops::cloud::aws {

struct ModelInput {
  api::Cluster cluster;
  std::vector<api::InstanceGroup> instance_groups;
  // SSH public key line (authorized_keys format); "" when none is stored.
  std::string ssh_public_key;
  // Look-up results (empty when offline) and the state store (cloud_facts.h).
  CloudFacts facts;
  StateStoreLocation state_store;
  // The kops version written to kops-version.txt and the state files.
  std::string kops_version = "1.35.0";
};

class ModelContext {
 public:
  explicit ModelContext(const ModelInput& input) : input_(input) {}

  const api::Cluster& cluster() const { return input_.cluster; }
  const std::vector<api::InstanceGroup>& instance_groups() const { return input_.instance_groups; }
  const ModelInput& input() const { return input_; }
  const std::string& cluster_name() const { return input_.cluster.name(); }
  // The region of the first subnet's zone ("us-test-1a" -> "us-test-1").
  std::string Region() const;

  // kops' CloudTags for an owned resource: {KubernetesCluster, Name,
  // kubernetes.io/cluster/<cluster>=owned} and the cluster's spec.cloudLabels (which
  // win on a clash, as in kops).
  engine::Value::Map CloudTags(const std::string& name) const;

  // Task keys of shared resources, "Kind/name".
  std::string VpcKey() const { return "VPC/" + cluster_name(); }
  std::string InternetGatewayKey() const { return "InternetGateway/" + cluster_name(); }
  std::string RouteTableKey() const { return "RouteTable/" + cluster_name(); }
  std::string SubnetKey(const api::ClusterSubnetSpec& s) const {
    return "Subnet/" + s.name + "." + cluster_name();
  }
  // "masters.<cluster>" / "nodes.<cluster>"
  std::string SecurityGroupName(bool control_plane) const {
    return (control_plane ? "masters." : "nodes.") + cluster_name();
  }
  std::string SecurityGroupKey(bool control_plane) const {
    return "SecurityGroup/" + SecurityGroupName(control_plane);
  }
  std::string IamRoleName(bool control_plane) const { return SecurityGroupName(control_plane); }

  // ASG name: "<ig>.masters.<cluster>" for control planes, "<ig>.<cluster>" otherwise.
  std::string AutoscalingGroupName(const api::InstanceGroup& ig) const;
  static bool IsControlPlane(const api::InstanceGroup& ig);

 private:
  const ModelInput& input_;
};

// Adds a task, turning a duplicate into an Internal error naming it.
Status AddTask(engine::Graph& graph, std::unique_ptr<engine::Task> task);

}  // namespace kops::cloud::aws
