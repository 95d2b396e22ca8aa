#include "cloud/local/update.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "base/fake_clock.h"
#include "cloud/local/daemon_process.h"
#include "cloud/local/fake_local_cloud_api.h"
#include "cloud/local/local_test_specs.h"
#include "cloud/local/state_dir.h"
#include "store/keystore.h"

namespace kops::cloud::local {
namespace {

class UpdateLocalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string url = std::string("memfs://update-") +
                      ::testing::UnitTest::GetInstance()->current_test_info()->name();
    cs_ = testing::HaStore(url);
    ref_ = {cs_->vfs().Url(), "ha.local"};
  }
  // Runs update; returns stdout, progress in progress_.
  std::string Update(bool yes, Status* status = nullptr) {
    UpdateLocalOptions o{.cluster_name = "ha.local", .yes = yes, .clientset = cs_.get()};
    std::ostringstream out, progress;
    o.out = &out;
    o.api = &api_;
    o.instance_argv = {"/bin/kops", "toolbox", "instance", "run"};
    o.clock = &clock_;
    o.keystore.generate_key = [] { return pki::PrivateKey::GenerateRsa(1024); };
    Status st = UpdateLocalCluster(o, progress);
    progress_ = progress.str();
    if (status) *status = st;
    EXPECT_TRUE(status || st.ok()) << st.message();
    return out.str();
  }
  CloudState Cloud() { return FilterCluster(api_.state, ClusterId(ref_.store_url, ref_.cluster)); }

  FakeLocalCloudApi api_;
  FakeClock clock_;
  std::unique_ptr<store::Clientset> cs_;
  ClusterRef ref_;
  std::string progress_;
};

TEST_F(UpdateLocalTest, DryRunListsEverythingToCreateAndChangesNothing) {
  std::string out = Update(false);
  EXPECT_NE(out.find("Will create resources:"), std::string::npos) << out;
  EXPECT_NE(out.find("AutoscalingGroup/control-plane-local-a.masters.ha.local"), std::string::npos);
  EXPECT_NE(out.find("Volume/a.etcd-main.ha.local"), std::string::npos);
  EXPECT_NE(out.find("k8s.io/etcd/main"), std::string::npos);
  EXPECT_NE(progress_.find("Must specify --yes to apply changes"), std::string::npos);
  EXPECT_EQ(api_.writes, 0);
  store::Keystore keystore(cs_->vfs(), "ha.local");
  EXPECT_EQ(keystore.FindKeyset("kubernetes-ca").status().code(), Code::kNotFound);
}

TEST_F(UpdateLocalTest, YesCreatesTheCloudResourcesThenASecondRunChangesNothing) {
  Update(true);
  CloudState s = Cloud();
  EXPECT_EQ(s.groups.size(), 6u);
  EXPECT_EQ(s.volumes.size(), 6u);
  ASSERT_EQ(s.load_balancers.size(), 1u);
  EXPECT_EQ(s.zones.size(), 4u);  // local-a..c and the LB's range
  const LoadBalancer& lb = s.load_balancers.begin()->second;
  const Group& g = s.groups.at(GroupKey(ClusterId(ref_.store_url, "ha.local"), "nodes-local-c"));
  EXPECT_EQ(g.launch.env.at("KOPS_API_ENDPOINT"), "https://" + lb.address + ":443");
  EXPECT_EQ(g.launch.env.at("KOPS_STATE_STORE"), ref_.store_url);
  EXPECT_EQ(g.desired, 1);
  store::Keystore keystore(cs_->vfs(), "ha.local");
  EXPECT_TRUE(keystore.FindKeyset("kubernetes-ca").ok());
  EXPECT_TRUE(keystore.FindKeyset("etcd-peers-ca-main").ok());
  EXPECT_NE(progress_.find("All 6 instance groups have their instances running"), std::string::npos)
      << progress_;

  int writes = api_.writes;
  Update(true);
  EXPECT_EQ(api_.writes, writes);
  EXPECT_NE(progress_.find("No changes need to be applied"), std::string::npos) << progress_;
  EXPECT_EQ(Update(false), "No changes need to be applied\n");
}

TEST_F(UpdateLocalTest, DryRunWithoutADaemonStartsNothingAndReadsTheSavedState) {
  std::string cloud_dir = ::testing::TempDir() + "/update_no_daemon";
  std::filesystem::remove_all(cloud_dir);
  auto dry_run = [&] {
    UpdateLocalOptions o{.cluster_name = "ha.local", .yes = false, .clientset = cs_.get()};
    std::ostringstream out, progress;
    o.out = &out;
    o.cloud_dir = cloud_dir;  // no daemon serves it, and none may be started for a dry run
    o.instance_argv = {"/bin/kops", "toolbox", "instance", "run"};
    o.clock = &clock_;
    Status st = UpdateLocalCluster(o, progress);
    EXPECT_TRUE(st.ok()) << st.message();
    return out.str();
  };
  std::string out = dry_run();
  EXPECT_NE(out.find("Will create resources:"), std::string::npos) << out;
  EXPECT_NE(out.find("AutoscalingGroup/control-plane-local-a.masters.ha.local"), std::string::npos);
  EXPECT_NE(out.find("LoadBalancer/api.ha.local"), std::string::npos) << out;
  EXPECT_FALSE(std::filesystem::exists(cloud_dir)) << "the dry run made the state directory";

  // A daemon that saved the cluster and stopped: the dry run compares with what it saved.
  Update(true);
  StateDir saved(cloud_dir);
  ASSERT_TRUE(saved.Init().ok());
  ASSERT_TRUE(saved.Save(api_.state).ok());
  EXPECT_EQ(dry_run(), "No changes need to be applied\n");
  EXPECT_FALSE(std::filesystem::exists(DaemonSocketPath(cloud_dir)));
  std::filesystem::remove_all(cloud_dir);
}

TEST_F(UpdateLocalTest, AChangedGroupIsTheOnlyDifferenceAndKeepsItsDesiredSize) {
  Update(true);
  auto ig = cs_->GetInstanceGroup("ha.local", "nodes-local-b").value();
  ig.object.spec.max_size = 3;
  ASSERT_TRUE(cs_->UpdateInstanceGroup("ha.local", ig.object, ig.version).ok());
  std::string key = GroupKey(ClusterId(ref_.store_url, "ha.local"), "nodes-local-b");
  api_.state.groups.at(key).desired = 1;
  std::string out = Update(false);
  EXPECT_NE(out.find("Will modify resources:"), std::string::npos) << out;
  EXPECT_NE(out.find("AutoscalingGroup/nodes-local-b.ha.local"), std::string::npos);
  EXPECT_NE(out.find("MaxSize"), std::string::npos);
  EXPECT_EQ(out.find("Will create"), std::string::npos) << out;
  EXPECT_EQ(out.find("nodes-local-a"), std::string::npos) << out;

  std::string old_hash = api_.state.groups.at(key).LaunchHash();
  Update(true);
  const Group& g = api_.state.groups.at(key);
  EXPECT_EQ(g.max_size, 3);
  EXPECT_EQ(g.desired, 1);
  EXPECT_NE(g.LaunchHash(), old_hash);  // its running instance is now outdated
}

TEST_F(UpdateLocalTest, OtherCloudsAreRefused) {
  auto c = cs_->GetCluster("ha.local").value();
  c.object.spec.cloud_provider = "aws";
  ASSERT_TRUE(cs_->UpdateCluster(c.object, c.version).ok());
  Status st;
  Update(true, &st);
  EXPECT_EQ(st.code(), Code::kFailedPrecondition);
  EXPECT_NE(st.message().find("aws"), std::string::npos);
}

TEST_F(UpdateLocalTest, InstancesThatNeverLaunchAreReportedAfterTheTimeout) {
  api_.launch_on_create = false;
  Status st;
  Update(true, &st);
  EXPECT_EQ(st.code(), Code::kDeadlineExceeded);
  EXPECT_NE(st.message().find("0 of 6 instances running"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("nodes-local-a (0 of 1)"), std::string::npos) << st.message();
  EXPECT_NE(progress_.find("Waiting for instances to launch"), std::string::npos);
}

TEST_F(UpdateLocalTest, DeleteRemovesEveryResourceOfTheCluster) {
  Update(true);
  std::ostringstream progress;
  ASSERT_TRUE(DeleteLocalClusterResources({ref_, &api_, &clock_}, progress).ok());
  CloudState s = Cloud();
  EXPECT_TRUE(s.groups.empty() && s.volumes.empty() && s.load_balancers.empty() && s.zones.empty());
  for (const auto& [id, i] : s.instances) EXPECT_FALSE(i.Live()) << id;
  EXPECT_NE(progress.str().find("6 groups, 6 instances, 6 volumes"), std::string::npos)
      << progress.str();
}

// Control planes added (3 -> 5) and removed again (5 -> 3), as kops scale control-plane
// changes the spec: existing volumes are retagged in place (same volume, the member list
// in their tag changes), the groups and the volumes of members that left the spec are
// deleted ("Will delete items:"), and the running groups' launch stays the same.
TEST_F(UpdateLocalTest, GrownAndShrunkControlPlanesRetagAndDeleteWhatLeftTheSpec) {
  Update(true);
  const std::string cid = ClusterId(ref_.store_url, "ha.local");
  auto launch_of_a = [&] {
    return api_.state.groups.at(GroupKey(cid, "control-plane-local-a")).launch.env.at("KOPS_LAUNCH_HASH");
  };
  const std::string hash_a = launch_of_a();
  std::string volume_a;
  for (const auto& [id, v] : Cloud().volumes)
    if (v.tags.count("k8s.io/etcd/main") && v.tags.at("k8s.io/etcd/main") == "a/a,b,c") volume_a = id;
  ASSERT_FALSE(volume_a.empty());

  auto cluster = cs_->GetCluster("ha.local").value();
  api::Cluster grown = cluster.object;
  for (std::string z : {"a", "b"}) {
    auto g = api::DecodeInstanceGroup(testing::GroupYaml("control-plane-local-" + z + "-2", "Master",
                                                         "local-" + z), "test").value();
    ASSERT_TRUE(cs_->CreateInstanceGroup("ha.local", g).ok());
    for (auto& etcd : grown.spec.etcd_clusters) {
      api::EtcdMemberSpec m;
      m.name = z + "-2";
      m.instance_group = "control-plane-local-" + z + "-2";
      etcd.members.push_back(m);
    }
  }
  ASSERT_TRUE(cs_->UpdateCluster(grown, cluster.version).ok());
  std::string plan = Update(false);
  EXPECT_NE(plan.find("Volume/a.etcd-main.ha.local"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("Will delete items:"), std::string::npos) << plan;
  Update(true);
  EXPECT_EQ(Cloud().volumes.size(), 10u);
  EXPECT_EQ(Cloud().volumes.at(volume_a).tags.at("k8s.io/etcd/main"), "a/a,a-2,b,b-2,c")
      << "the member's own volume is retagged, not replaced";
  EXPECT_EQ(launch_of_a(), hash_a) << "a running control plane must not need a roll";
  EXPECT_EQ(Update(false), "No changes need to be applied\n");

  // Back to three: the spec loses both groups and members.
  cluster = cs_->GetCluster("ha.local").value();
  ASSERT_TRUE(cs_->UpdateCluster(testing::HaCluster(), cluster.version).ok());
  ASSERT_TRUE(cs_->DeleteInstanceGroup("ha.local", "control-plane-local-a-2").ok());
  ASSERT_TRUE(cs_->DeleteInstanceGroup("ha.local", "control-plane-local-b-2").ok());
  plan = Update(false);
  EXPECT_NE(plan.find("Will delete items:"), std::string::npos) << plan;
  EXPECT_NE(plan.find("control-plane-local-a-2.masters.ha.local"), std::string::npos) << plan;
  EXPECT_NE(plan.find("b-2.etcd-events.ha.local"), std::string::npos) << plan;
  EXPECT_EQ(Cloud().groups.size(), 8u) << "a dry run deletes nothing";
  Update(true);
  EXPECT_NE(progress_.find("6 to delete"), std::string::npos) << progress_;  // 2 groups, 4 volumes
  CloudState s = Cloud();
  EXPECT_EQ(s.groups.size(), 6u);
  EXPECT_FALSE(s.groups.count(GroupKey(cid, "control-plane-local-b-2")));
  EXPECT_EQ(s.volumes.size(), 6u);
  EXPECT_EQ(s.volumes.at(volume_a).tags.at("k8s.io/etcd/main"), "a/a,b,c");
  EXPECT_EQ(launch_of_a(), hash_a);
  EXPECT_EQ(Update(false), "No changes need to be applied\n");
}

TEST_F(UpdateLocalTest, AVolumeStillAttachedToALiveInstanceIsNotDeletedYet) {
  Update(true);
  auto cluster = cs_->GetCluster("ha.local").value();
  api::Cluster renamed = cluster.object;
  for (auto& etcd : renamed.spec.etcd_clusters) etcd.members[2].name = "c2";  // c left the spec
  ASSERT_TRUE(cs_->UpdateCluster(renamed, cluster.version).ok());
  std::string old_c;
  for (auto& [id, v] : api_.state.volumes)
    if (v.tags.count("k8s.io/etcd/main") && v.tags.at("k8s.io/etcd/main").rfind("c/", 0) == 0) {
      old_c = id;
      v.attached_to = "i-live";
    }
  ASSERT_FALSE(old_c.empty());
  Instance live;
  live.id = "i-live";
  live.cluster_id = ClusterId(ref_.store_url, "ha.local");
  live.state = InstanceState::kRunning;
  api_.state.instances["i-live"] = live;
  std::string plan = Update(false);
  EXPECT_EQ(plan.find("c.etcd-main.ha.local (" + old_c + ")"), std::string::npos) << plan;
  api_.state.instances["i-live"].state = InstanceState::kTerminated;
  plan = Update(false);
  EXPECT_NE(plan.find("c.etcd-main.ha.local (" + old_c + ")"), std::string::npos) << plan;
}

}  // namespace
}  // namespace kops::cloud::local
