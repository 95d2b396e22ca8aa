// Specs for the HA report's tests: a cluster with one subnet per zone and the etcd
// clusters main and events, to which control-plane and node groups are added.
#pragma once

#include <string>
#include <vector>

#include "api/cluster.h"
#include "api/instance_group.h"

namespace kops::ops::testing {

struct HaSpec {
  api::Cluster cluster;
  std::vector<api::InstanceGroup> groups;

  explicit HaSpec(const std::vector<std::string>& zones, const std::vector<std::string>& etcd = {"main", "events"}) {
    cluster.metadata.name = "ha.example.com";
    cluster.spec.cloud_provider = "aws";
    for (const auto& z : zones) {
      api::ClusterSubnetSpec s;
      s.name = z;
      s.zone = z;
      s.type = "Public";
      cluster.spec.subnets.push_back(s);
    }
    for (const auto& name : etcd) {
      api::EtcdClusterSpec e;
      e.name = name;
      cluster.spec.etcd_clusters.push_back(e);
    }
  }

  // A control-plane group in zone whose instance runs etcd member `member` of every etcd cluster.
  HaSpec& ControlPlane(const std::string& group, const std::string& zone, const std::string& member, int size = 1) {
    api::InstanceGroup g;
    g.metadata.name = group;
    g.spec.role = api::kRoleMaster;
    g.spec.min_size = size;
    g.spec.max_size = size;
    g.spec.machine_type = "t3.medium";
    g.spec.subnets = {zone};
    groups.push_back(g);
    for (auto& e : cluster.spec.etcd_clusters) {
      api::EtcdMemberSpec m;
      m.name = member;
      m.instance_group = group;
      e.members.push_back(m);
    }
    return *this;
  }

  HaSpec& Nodes(const std::string& group, const std::vector<std::string>& zones, int size, const std::string& type) {
    api::InstanceGroup g;
    g.metadata.name = group;
    g.spec.role = api::kRoleNode;
    g.spec.min_size = size;
    g.spec.max_size = size;
    g.spec.machine_type = type;
    g.spec.subnets = zones;
    groups.push_back(g);
    return *this;
  }
};

}  // namespace kops::ops::testing
