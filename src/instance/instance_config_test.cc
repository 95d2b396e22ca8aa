#include "instance/instance_config.h"
#include "instance/volume_claimer.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <map>

namespace kops::instance {
namespace {

api::Cluster Spec() {
  api::Cluster c;
  c.metadata.name = "ha.local";
  c.spec.master_public_name = "api.ha.local";
  for (const char* name : {"main", "events"}) {
    api::EtcdClusterSpec e;
    e.name = name;
    for (const char* z : {"a", "b", "c"}) e.members.push_back({z, std::string("control-plane-local-") + z});
    c.spec.etcd_clusters.push_back(e);
  }
  return c;
}

std::vector<api::InstanceGroup> Groups() {
  std::vector<api::InstanceGroup> out;
  for (const char* z : {"a", "b", "c"}) {
    api::InstanceGroup g;
    g.metadata.name = std::string("control-plane-local-") + z;
    g.spec.role = "Master";
    out.push_back(g);
  }
  api::InstanceGroup nodes;
  nodes.metadata.name = "nodes-local-a";
  nodes.spec.role = "Node";
  out.push_back(nodes);
  return out;
}

TEST(InstanceConfigTest, ControlPlaneFindsItsMemberInEachEtcdCluster) {
  InstancePlan p = PlanInstance(Spec(), Groups(), "control-plane-local-b", "").value();
  EXPECT_TRUE(p.control_plane);
  ASSERT_EQ(p.etcd.size(), 2u);
  EXPECT_EQ(p.etcd[0].etcd_cluster, "main");
  EXPECT_EQ(p.etcd[0].member, "b");
  EXPECT_EQ(p.etcd[0].client_port, 4001);
  EXPECT_EQ(p.etcd[0].peer_port, 2380);
  EXPECT_EQ(p.etcd[1].client_port, 4002);
  EXPECT_EQ(p.etcd[1].peer_port, 2381);
  EXPECT_EQ(p.etcd[1].all_members, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(p.api_endpoint, "https://api.ha.local");
}

TEST(InstanceConfigTest, ApiCertificateNamesTheLoadBalancerAddress) {
  InstancePlan p = PlanInstance(Spec(), Groups(), "control-plane-local-a", "https://127.5.0.10:443").value();
  EXPECT_NE(std::find(p.api_sans.begin(), p.api_sans.end(), "127.5.0.10"), p.api_sans.end());
  EXPECT_NE(std::find(p.api_sans.begin(), p.api_sans.end(), "api.internal.ha.local"), p.api_sans.end());
}

TEST(InstanceConfigTest, NodesAndUnknownGroups) {
  InstancePlan p = PlanInstance(Spec(), Groups(), "nodes-local-a", "https://127.5.0.10:443").value();
  EXPECT_FALSE(p.control_plane);
  EXPECT_TRUE(p.etcd.empty());
  EXPECT_EQ(p.api_endpoint, "https://127.5.0.10:443");
  EXPECT_EQ(PlanInstance(Spec(), Groups(), "nope", "").status().code(), Code::kNotFound);
}

TEST(InstanceConfigTest, EnvironmentAndVolumeTag) {
  std::map<std::string, std::string> env = {{"KOPS_STATE_STORE", "file:///s"},
                                            {"KOPS_CLUSTER_NAME", "ha.local"},
                                            {"KOPS_INSTANCE_ID", "i-1"},
                                            {"KOPS_ZONE", "local-a"},
                                            {"KOPS_ADDRESS", "127.8.0.2"}};
  auto get = [&](const char* k) -> const char* {
    auto it = env.find(k);
    return it == env.end() ? nullptr : it->second.c_str();
  };
  Result<InstanceEnv> missing = ReadInstanceEnv(get);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("KOPS_INSTANCE_GROUP"), std::string::npos);
  env["KOPS_INSTANCE_GROUP"] = "nodes";
  env["KOPS_API_PORT"] = "8443";
  InstanceEnv e = ReadInstanceEnv(get).value();
  EXPECT_EQ(e.api_port, 8443);
  EXPECT_EQ(e.work_dir, "/tmp/kops-instance-i-1");
  auto tag = EtcdVolumeTag("main", "b", {"a", "b", "c"});
  EXPECT_EQ(tag.first, "k8s.io/etcd/main");
  EXPECT_EQ(tag.second, "b/a,b,c");
}

// Five members are placed a-1, b-1, c-1, a-2, b-2; the tag lists them sorted, as kops and
// the daemon's volumes do, or no control plane finds its volume.
TEST(EtcdVolumeTagTest, ListsAllMembersSorted) {
  auto tag = EtcdVolumeTag("events", "c-1", {"a-1", "b-1", "c-1", "a-2", "b-2"});
  EXPECT_EQ(tag.first, "k8s.io/etcd/events");
  EXPECT_EQ(tag.second, "c-1/a-1,a-2,b-1,b-2,c-1");
}

}  // namespace
}  // namespace kops::instance
