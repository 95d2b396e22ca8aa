#include "api/defaults.h"

#include "api/codec.h"

#include "api/validation.h"
#include "api/validation_test_specs.h"

namespace kops::api {
namespace {

using testing::Group;
using testing::HaCluster;
using testing::MakePrivate;

Cluster Bare() {
  Cluster c;
  c.metadata.name = "minimal.example.com";
  c.spec.cloud_provider = "aws";
  c.spec.config_base = "memfs://tests/minimal.example.com";
  c.spec.kubernetes_version = "v1.32.0";
  ClusterSubnetSpec s;
  s.name = s.zone = "us-test-1a";
  s.type = "Public";
  s.cidr = "172.20.32.0/19";
  c.spec.subnets.push_back(s);
  for (const char* name : {"main", "events"}) {
    EtcdClusterSpec etcd;
    etcd.name = name;
    etcd.members.push_back({.name = "a", .instance_group = "master-us-test-1a"});
    c.spec.etcd_clusters.push_back(etcd);
  }
  return c;
}

// The values below are those of kops' completed spec for update_cluster/minimal-1.32.
TEST(DefaultsTest, FillsWhatKopsCompletes) {
  Cluster c = Bare();
  ApplyDefaults(c);
  const ClusterSpec& s = c.spec;
  EXPECT_EQ(s.network_cidr, "172.20.0.0/16");
  EXPECT_EQ(s.non_masquerade_cidr, "100.64.0.0/10");
  EXPECT_EQ(s.service_cluster_ip_range, "100.64.0.0/13");
  EXPECT_EQ(s.pod_cidr, "100.96.0.0/11");
  EXPECT_EQ(s.cluster_dns_domain, "cluster.local");
  EXPECT_EQ(s.key_store, "memfs://tests/minimal.example.com/pki");
  EXPECT_EQ(s.secret_store, "memfs://tests/minimal.example.com/secrets");
  EXPECT_EQ(s.master_public_name, "api.minimal.example.com");
  EXPECT_EQ(s.kubernetes_version, "1.32.0");
  EXPECT_EQ(s.ssh_access, (std::vector<std::string>{"0.0.0.0/0", "::/0"}));
  EXPECT_EQ(s.kubernetes_api_access, (std::vector<std::string>{"0.0.0.0/0", "::/0"}));
  ASSERT_TRUE(s.topology && s.topology->dns);
  EXPECT_EQ(s.topology->dns->type, "Public");
  ASSERT_TRUE(s.api);
  EXPECT_TRUE(s.api->dns.has_value());
  EXPECT_FALSE(s.api->load_balancer.has_value());
  ASSERT_TRUE(s.authorization);
  EXPECT_TRUE(s.authorization->rbac.has_value());
  ASSERT_TRUE(s.iam && s.iam->legacy);
  EXPECT_FALSE(*s.iam->legacy);
  const EtcdClusterSpec& main = s.etcd_clusters[0];
  ASSERT_TRUE(main.backups && main.manager);
  EXPECT_EQ(main.backups->backup_store, "memfs://tests/minimal.example.com/backups/etcd/main");
  EXPECT_EQ(main.manager->backup_retention_days, 90);
  EXPECT_EQ(main.cpu_request, "200m");
  EXPECT_EQ(s.etcd_clusters[1].cpu_request, "100m");
  EXPECT_EQ(main.memory_request, "100Mi");
  EXPECT_EQ(main.version, "3.5.31");
  EXPECT_EQ(s.etcd_clusters[1].backups->backup_store, "memfs://tests/minimal.example.com/backups/etcd/events");
  EXPECT_VALID(ValidateCluster(c, true));
}

TEST(DefaultsTest, KeepsWhatTheUserSetAndIsIdempotent) {
  Cluster c = Bare();
  c.spec.non_masquerade_cidr = "10.0.0.0/8";
  c.spec.network_cidr = "172.16.0.0/16";
  c.spec.subnets[0].cidr = "172.16.32.0/19";
  c.spec.ssh_access = {"10.1.0.0/16"};
  c.spec.etcd_clusters[0].manager.emplace().backup_retention_days = 7;
  ApplyDefaults(c);
  EXPECT_EQ(c.spec.network_cidr, "172.16.0.0/16");
  EXPECT_EQ(c.spec.service_cluster_ip_range, "10.0.0.0/11");  // first 1/8 of nonMasquerade
  EXPECT_EQ(c.spec.pod_cidr, "10.128.0.0/9");                 // its second half
  EXPECT_EQ(c.spec.ssh_access, std::vector<std::string>{"10.1.0.0/16"});
  EXPECT_EQ(c.spec.etcd_clusters[0].manager->backup_retention_days, 7);
  Cluster again = c;
  ApplyDefaults(again);
  EXPECT_EQ(ToYaml(Object(again)), ToYaml(Object(c)));
}

TEST(DefaultsTest, PrivateTopologyOrNoDnsGetsALoadBalancer) {
  Cluster c = HaCluster();
  c.spec.api.reset();
  MakePrivate(c);
  ApplyDefaults(c);
  ASSERT_TRUE(c.spec.api->load_balancer);
  EXPECT_EQ(c.spec.api->load_balancer->type, "Public");
  EXPECT_EQ(c.spec.api->load_balancer->class_, "Classic");  // v1alpha2 default on AWS

  Cluster none = HaCluster();
  none.spec.api.reset();
  none.spec.cloud_provider = "local";
  none.spec.topology->dns->type = "None";
  ApplyDefaults(none);
  ASSERT_TRUE(none.spec.api->load_balancer);
  EXPECT_EQ(none.spec.api->load_balancer->class_, "");
}

TEST(DefaultsTest, InstanceGroupSizesAndSubnets) {
  Cluster c = HaCluster();
  MakePrivate(c);
  InstanceGroup cp = Group("cp", "Master", {"us-test-1a"});
  cp.spec.min_size.reset();
  cp.spec.max_size.reset();
  ApplyDefaults(cp, c);
  EXPECT_EQ(cp.spec.min_size, 1);
  EXPECT_EQ(cp.spec.max_size, 1);

  InstanceGroup nodes = Group("nodes", "Node", {});
  nodes.spec.min_size.reset();
  nodes.spec.max_size.reset();
  ApplyDefaults(nodes, c);
  EXPECT_EQ(nodes.spec.min_size, 2);
  EXPECT_EQ(nodes.spec.max_size, 2);
  EXPECT_EQ(nodes.spec.subnets, (std::vector<std::string>{"us-test-1a", "us-test-1b", "us-test-1c"}));

  InstanceGroup bastion = Group("bastions", "Bastion", {});
  bastion.spec.min_size.reset();
  bastion.spec.max_size = 3;
  ApplyDefaults(bastion, c);
  EXPECT_EQ(bastion.spec.min_size, 1);
  EXPECT_EQ(bastion.spec.max_size, 3);
  EXPECT_EQ(bastion.spec.subnets.size(), 3u);
}

}  // namespace
}  // namespace kops::api
