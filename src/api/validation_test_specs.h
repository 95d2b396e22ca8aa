// Test helpers: small valid specs to break one rule at a time, and matchers on a Status.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "api/cluster.h"
#include "api/instance_group.h"
#include "base/status.h"

namespace kops::api::testing {

// A valid public AWS cluster "ha.example.com" over zones us-test-1a..1c (one Public
// subnet each: 172.20.32.0/19, .64.0/19, .96.0/19), etcd main and events with members
// a, b, c on control-plane-us-test-1a..1c, networking cni.
inline Cluster HaCluster() {
  Cluster c;
  c.metadata.name = "ha.example.com";
  auto& s = c.spec;
  s.cloud_provider = "aws";
  s.kubernetes_version = "v1.32.0";
  s.network_cidr = "172.20.0.0/16";
  s.non_masquerade_cidr = "100.64.0.0/10";
  s.ssh_access = {"0.0.0.0/0", "::/0"};
  s.kubernetes_api_access = {"0.0.0.0/0", "::/0"};
  s.networking.emplace().cni.emplace();
  s.topology.emplace().dns.emplace().type = "Public";
  s.api.emplace().load_balancer.emplace();
  s.api->load_balancer->type = "Public";
  s.api->load_balancer->class_ = "Network";
  const char* zones[] = {"us-test-1a", "us-test-1b", "us-test-1c"};
  const char* cidrs[] = {"172.20.32.0/19", "172.20.64.0/19", "172.20.96.0/19"};
  for (int i = 0; i < 3; ++i) {
    ClusterSubnetSpec subnet;
    subnet.name = zones[i];
    subnet.zone = zones[i];
    subnet.cidr = cidrs[i];
    subnet.type = "Public";
    s.subnets.push_back(subnet);
  }
  for (const char* name : {"main", "events"}) {
    EtcdClusterSpec etcd;
    etcd.name = name;
    for (int i = 0; i < 3; ++i)
      etcd.members.push_back({.name = std::string(1, static_cast<char>('a' + i)),
                              .instance_group = std::string("control-plane-") + zones[i]});
    s.etcd_clusters.push_back(etcd);
  }
  return c;
}

inline InstanceGroup Group(const std::string& name, const std::string& role,
                           std::vector<std::string> subnets, int min = 1, int max = 1) {
  InstanceGroup g;
  g.metadata.name = name;
  g.spec.role = role;
  g.spec.subnets = std::move(subnets);
  g.spec.min_size = min;
  g.spec.max_size = max;
  return g;
}

// The groups of HaCluster: three control-plane groups and "nodes" over all zones.
inline std::vector<InstanceGroup> HaGroups() {
  std::vector<InstanceGroup> groups;
  for (const char* zone : {"us-test-1a", "us-test-1b", "us-test-1c"})
    groups.push_back(Group(std::string("control-plane-") + zone, "Master", {zone}));
  groups.push_back(Group("nodes", "Node", {"us-test-1a", "us-test-1b", "us-test-1c"}, 2, 2));
  return groups;
}

// Makes HaCluster private: subnets Private, with Utility subnets per zone.
inline void MakePrivate(Cluster& c) {
  for (auto& s : c.spec.subnets) s.type = "Private";
  const char* cidrs[] = {"172.20.0.0/22", "172.20.4.0/22", "172.20.8.0/22"};
  std::vector<ClusterSubnetSpec> utility;
  for (size_t i = 0; i < c.spec.subnets.size(); ++i) {
    ClusterSubnetSpec u;
    u.name = "utility-" + c.spec.subnets[i].zone;
    u.zone = c.spec.subnets[i].zone;
    u.cidr = cidrs[i];
    u.type = "Utility";
    utility.push_back(u);
  }
  c.spec.subnets.insert(c.spec.subnets.end(), utility.begin(), utility.end());
}

inline std::vector<std::string> Lines(const Status& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : s.message()) {
    if (ch == '\n') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// The status is InvalidArgument and one of its lines contains every part.
MATCHER_P(HasErrorLine, parts, "") {
  if (arg.ok() || arg.code() != Code::kInvalidArgument) {
    *result_listener << "status: " << arg.ToString();
    return false;
  }
  for (const auto& line : Lines(arg)) {
    bool all = true;
    for (const std::string& p : parts) all &= line.find(p) != std::string::npos;
    if (all) return true;
  }
  *result_listener << "message:\n" << arg.message();
  return false;
}

#define EXPECT_ERROR(status, ...) \
  EXPECT_THAT((status), ::kops::api::testing::HasErrorLine(std::vector<std::string>{__VA_ARGS__}))
#define EXPECT_VALID(status) EXPECT_TRUE((status).ok()) << (status).message()

}  // namespace kops::api::testing
