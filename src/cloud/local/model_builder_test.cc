#include "cloud/local/model_builder.h"

#include <gtest/gtest.h>

#include "api/defaults.h"
#include "cloud/local/fake_local_cloud_api.h"
#include "cloud/local/local_test_specs.h"
#include "store/mem_vfs.h"

namespace kops::cloud::local {
namespace {

using engine::Value;

LocalModelInput HaInput() {
  LocalModelInput in;
  in.cluster = testing::HaCluster();
  in.groups = testing::HaGroups();
  api::ApplyDefaults(in.cluster);
  for (auto& g : in.groups) api::ApplyDefaults(g, in.cluster);
  in.ref = {"memfs://model", "ha.local"};
  in.instance_argv = {"/bin/kops", "toolbox", "instance", "run"};
  in.launch_hashes["nodes-local-a"] = "abc";
  return in;
}

class ModelBuilderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(BuildLocalModel(HaInput(), api_, *vfs_, graph_).ok());
    ASSERT_TRUE(graph_.Validate().ok());
  }
  Value Field(const std::string& key, const char* field) {
    engine::Fields expected = graph_.Find(key)->Expected();
    const Value* v = expected.Find(field);
    return v ? *v : Value();
  }
  FakeLocalCloudApi api_;
  std::unique_ptr<store::Vfs> vfs_ = store::NewMemVfs("memfs://model");
  engine::Graph graph_;
};

TEST_F(ModelBuilderTest, OneTaskPerResourceOfAnHaCluster) {
  std::vector<std::string> keys = graph_.Keys();
  auto count = [&](const std::string& kind) {
    return std::count_if(keys.begin(), keys.end(),
                         [&](const std::string& k) { return k.rfind(kind + "/", 0) == 0; });
  };
  EXPECT_EQ(count("Keypair"), 6);  // kubernetes-ca, etcd-clients-ca, peers+manager x2
  EXPECT_EQ(count("Zone"), 3);
  EXPECT_EQ(count("Volume"), 6);  // 3 members x main, events
  EXPECT_EQ(count("LoadBalancer"), 1);
  EXPECT_EQ(count("AutoscalingGroup"), 6);
  EXPECT_NE(graph_.Find("AutoscalingGroup/control-plane-local-b.masters.ha.local"), nullptr);
  EXPECT_NE(graph_.Find("AutoscalingGroup/nodes-local-b.ha.local"), nullptr);
  EXPECT_NE(graph_.Find("Keypair/etcd-peers-ca-events"), nullptr);
}

TEST_F(ModelBuilderTest, EtcdVolumesAreTaggedAsKopsTagsEbsVolumes) {
  std::string key = "Volume/b.etcd-events.ha.local";
  EXPECT_EQ(Field(key, "Zone"), Value("local-b"));
  EXPECT_EQ(Field(key, "Tags"), Value(Value::Map{{"k8s.io/etcd/events", "b/a,b,c"},
                                                 {"k8s.io/role/control-plane", "1"},
                                                 {"k8s.io/role/master", "1"},
                                                 {"kubernetes.io/cluster/ha.local", "owned"}}));
  EXPECT_EQ(EtcdVolumeTags("x", "main", "c", {"c", "a", "b"}).at("k8s.io/etcd/main"), "c/a,b,c");
}

TEST_F(ModelBuilderTest, GroupsLaunchTheInstanceProgramBehindTheLoadBalancer) {
  std::string key = "AutoscalingGroup/nodes-local-a.ha.local";
  EXPECT_EQ(Field(key, "Zones"), Value::Strings({"local-a"}));
  EXPECT_EQ(Field(key, "MinSize"), Value(1));
  EXPECT_EQ(Field(key, "Command"), Value::Strings({"/bin/kops", "toolbox", "instance", "run"}));
  Value env_value = Field(key, "Env");
  const auto* env = env_value.get_if<Value::Map>();
  ASSERT_NE(env, nullptr);
  EXPECT_EQ(env->at("KOPS_STATE_STORE"), Value("memfs://model"));
  EXPECT_EQ(env->at("KOPS_API_ENDPOINT"), Value::Ref("LoadBalancer/api.ha.local", "endpoint"));
  EXPECT_EQ(env->at("KOPS_LAUNCH_HASH"), Value("abc"));
  Value tags_value = Field(key, "Tags");
  const auto* tags = tags_value.get_if<Value::Map>();
  EXPECT_EQ(tags->at("k8s.io/role/node"), Value("1"));
  EXPECT_EQ(tags->count("k8s.io/role/master"), 0u);
  Value cp_value = Field("AutoscalingGroup/control-plane-local-a.masters.ha.local", "Tags");
  const auto* cp = cp_value.get_if<Value::Map>();
  EXPECT_EQ(cp->at("k8s.io/role/control-plane"), Value("1"));
  EXPECT_EQ(cp->at("k8s.io/role/master"), Value("1"));
  EXPECT_EQ(
      Field("LoadBalancer/api.ha.local", "Groups"),
      Value::Strings({"control-plane-local-a", "control-plane-local-b", "control-plane-local-c"}));
}

TEST_F(ModelBuilderTest, ControlPlaneGroupsWaitForKeysZonesAndTheirVolumes) {
  const auto& deps =
      graph_.DependenciesOf("AutoscalingGroup/control-plane-local-c.masters.ha.local");
  for (std::string k : {"Keypair/kubernetes-ca", "Zone/local-c", "Volume/c.etcd-main.ha.local",
                        "Volume/c.etcd-events.ha.local", "LoadBalancer/api.ha.local"}) {
    EXPECT_NE(std::find(deps.begin(), deps.end(), k), deps.end()) << k;
  }
  EXPECT_EQ(std::find(deps.begin(), deps.end(), "Volume/a.etcd-main.ha.local"), deps.end());
}

TEST(LaunchHashTest, ChangesWithTheGroupSpec) {
  auto cluster = testing::HaCluster();
  auto group = testing::HaGroups()[0];
  std::string before = LaunchHashOf(cluster, group);
  EXPECT_EQ(before.size(), 16u);
  EXPECT_EQ(LaunchHashOf(cluster, group), before);
  group.spec.max_size = 3;
  EXPECT_NE(LaunchHashOf(cluster, group), before);
}

// The hash rule: what the instance is launched from counts; other groups' etcd members
// and subnets (what kops scale control-plane changes) do not, so scaling needs no roll.
TEST(LaunchHashTest, IgnoresOtherGroupsMembersAndSubnets) {
  auto cluster = testing::HaCluster();
  auto group = testing::HaGroups()[0];  // control-plane-local-a
  const std::string before = LaunchHashOf(cluster, group);
  auto grown = cluster;
  for (auto& etcd : grown.spec.etcd_clusters) {
    api::EtcdMemberSpec m;
    m.name = "a-2";
    m.instance_group = "control-plane-local-a-2";
    etcd.members.push_back(m);
  }
  api::ClusterSubnetSpec d;
  d.name = d.zone = "local-d";
  d.type = "Public";
  d.cidr = "172.20.192.0/18";
  grown.spec.subnets.push_back(d);
  EXPECT_EQ(LaunchHashOf(grown, group), before) << "members and subnets were added";
  auto shrunk = cluster;
  for (auto& etcd : shrunk.spec.etcd_clusters) etcd.members.pop_back();  // c
  shrunk.spec.subnets.pop_back();
  EXPECT_EQ(LaunchHashOf(shrunk, group), before) << "members and subnets were removed";
  auto narrowed = cluster;
  narrowed.spec.subnets[0].cidr = "172.20.0.0/19";  // its own subnet's CIDR: read by nobody
  EXPECT_EQ(LaunchHashOf(narrowed, group), before);
}

TEST(LaunchHashTest, ChangesWithItsOwnMemberItsSubnetsZoneAndTheClusterSpec) {
  auto cluster = testing::HaCluster();
  auto group = testing::HaGroups()[0];
  const std::string before = LaunchHashOf(cluster, group);
  auto own_member = cluster;
  own_member.spec.etcd_clusters[0].members[0].volume_size = 40;
  EXPECT_NE(LaunchHashOf(own_member, group), before);
  auto own_subnet = cluster;
  own_subnet.spec.subnets[0].zone = "local-z";
  EXPECT_NE(LaunchHashOf(own_subnet, group), before);
  auto version = cluster;
  version.spec.kubernetes_version = "1.35.8";
  EXPECT_NE(LaunchHashOf(version, group), before);
  // The node group does not run etcd: the control-plane members do not count for it...
  auto node = testing::HaGroups()[1];
  EXPECT_EQ(LaunchHashOf(own_member, node), LaunchHashOf(cluster, node));
  // ...but cluster-wide settings do.
  EXPECT_NE(LaunchHashOf(version, node), LaunchHashOf(cluster, node));
}

TEST(ModelBuilderErrorsTest, MemberOfAMissingGroupIsNamed) {
  LocalModelInput in = HaInput();
  in.groups.erase(in.groups.begin());  // control-plane-local-a
  FakeLocalCloudApi api;
  auto vfs = store::NewMemVfs("memfs://model-err");
  engine::Graph graph;
  Status st = BuildLocalModel(in, api, *vfs, graph);
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_NE(st.message().find("control-plane-local-a"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace kops::cloud::local
