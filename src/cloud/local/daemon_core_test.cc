#include "cloud/local/daemon_core.h"

#include <signal.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "base/file_util.h"
#include "cloud/local/fake_process_runner.h"

namespace kops::cloud::local {
namespace {

using std::chrono::seconds;

class DaemonCoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = ::testing::TempDir() + "/daemon_core_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::remove_all(root_);
    dir_ = std::make_unique<StateDir>(root_);
    ASSERT_TRUE(dir_->Init().ok());
    core_ = MakeCore();
  }
  std::unique_ptr<DaemonCore> MakeCore() {
    DaemonCoreOptions o;
    o.applier.supervisor_prefix = {"/bin/supervise", "--"};
    o.applier.socket_path = root_ + "/daemon.sock";
    auto core = std::make_unique<DaemonCore>(*dir_, runner_, clock_, o);
    EXPECT_TRUE(core->Load().ok());
    return core;
  }
  Json Call(const Request& r) {
    auto result = DecodeResponse(core_->HandleLine(EncodeRequest(r)));
    EXPECT_TRUE(result.ok()) << result.status().message();
    return result.ok() ? Json::parse(*result) : Json();
  }
  void CreateGroup(int desired = 1) {
    CreateGroupRequest r{ref_, "nodes", {"local-a", "local-b"}, 0, 3, desired, {}, {}};
    r.launch.argv = {"/bin/sleep", "300"};
    r.tags = {{"k8s.io/role/node", "1"}};
    Call(r);
  }
  std::vector<const Instance*> Running() {
    std::vector<const Instance*> out;
    for (const auto& [id, i] : core_->state().instances) {
      if (i.state == InstanceState::kRunning) out.push_back(&i);
    }
    return out;
  }

  std::string root_;
  ClusterRef ref_{"file:///store", "c.local"};
  FakeClock clock_;
  FakeProcessRunner runner_;
  std::unique_ptr<StateDir> dir_;
  std::unique_ptr<DaemonCore> core_;
};

TEST_F(DaemonCoreTest, LaunchesUnderTheSupervisorWithTheInstanceEnvironment) {
  CreateGroup();
  core_->Step();
  ASSERT_EQ(Running().size(), 1u);
  const Instance& i = *Running()[0];
  EXPECT_EQ(i.id.size(), 19u);
  EXPECT_EQ(i.supervisor_pid, i.pid);
  const ProcessSpec& spec = runner_.procs.at(i.pid).spec;
  EXPECT_EQ(spec.argv, (std::vector<std::string>{"/bin/supervise", "--", "/bin/sleep", "300"}));
  EXPECT_EQ(spec.env.at("KOPS_INSTANCE_ID"), i.id);
  EXPECT_EQ(spec.env.at("KOPS_INSTANCE_GROUP"), "nodes");
  EXPECT_EQ(spec.env.at("KOPS_ZONE"), "local-a");
  EXPECT_EQ(spec.env.at("KOPS_ADDRESS"), i.address);
  EXPECT_EQ(spec.env.at("KOPS_CLUSTER_NAME"), "c.local");
  EXPECT_EQ(spec.env.at("KOPS_CLOUD_SOCKET"), root_ + "/daemon.sock");
  EXPECT_EQ(spec.working_dir, dir_->InstanceDir(i.id));
  EXPECT_TRUE(PathExists(dir_->InstanceDir(i.id)));
  Json described = Call(DescribeInstancesRequest{ref_, ""});
  ASSERT_EQ(described["instances"].size(), 1u);
  EXPECT_EQ(described["instances"][0]["group"], "nodes");
  EXPECT_EQ(described["instances"][0]["role"], "Node");
}

TEST_F(DaemonCoreTest, ChaosKillIsRelaunchedWithoutCrashBackoff) {
  CreateGroup();
  core_->Step();
  std::string id = Running()[0]->id;
  int pid = Running()[0]->pid;
  Call(TerminateInstanceRequest{ref_, id, false, true});
  EXPECT_EQ(runner_.procs.at(pid).signals, std::vector<int>{SIGKILL});
  core_->Step();
  const Instance& killed = core_->state().instances.at(id);
  EXPECT_EQ(killed.state, InstanceState::kTerminated);
  EXPECT_EQ(killed.state_reason, "killed by request");
  ASSERT_EQ(Running().size(), 1u);
  EXPECT_NE(Running()[0]->id, id);
  EXPECT_EQ(core_->state().groups.begin()->second.consecutive_failures, 0);
}

TEST_F(DaemonCoreTest, ZoneDownStopsAndNothingRelaunchesUntilZoneUp) {
  CreateGroup();
  core_->Step();
  Call(SetDesiredRequest{ref_, "nodes", 1});
  // Only local-b stays up for the group: down local-a then local-b.
  Call(ZoneDownRequest{ref_, "local-a"});
  Call(ZoneDownRequest{ref_, "local-b"});
  core_->Step();
  core_->Step();
  EXPECT_TRUE(Running().empty());
  EXPECT_EQ(runner_.alive_count(), 0);
  for (const auto& [id, i] : core_->state().instances) EXPECT_EQ(i.state_reason, "zone down");
  clock_.Advance(seconds(60));
  core_->Step();
  EXPECT_TRUE(Running().empty());
  Call(ZoneUpRequest{ref_, "local-b"});
  core_->Step();
  ASSERT_EQ(Running().size(), 1u);
  EXPECT_EQ(Running()[0]->zone, "local-b");
}

TEST_F(DaemonCoreTest, ARestartedCoreAdoptsLiveInstances) {
  CreateGroup(2);
  core_->Step();
  ASSERT_TRUE(core_->Save().ok());
  size_t started = runner_.started.size();
  core_ = MakeCore();
  core_->Step();
  EXPECT_EQ(Running().size(), 2u);
  EXPECT_EQ(runner_.started.size(), started);
}

TEST_F(DaemonCoreTest, ClaimLoseAndRecreateVolume) {
  CreateGroup();
  core_->Step();
  const Instance& i = *Running()[0];
  Json v = Call(CreateVolumeRequest{ref_, i.zone, {{"k8s.io/etcd/main", "a/a"}}});
  EXPECT_EQ(Call(CreateVolumeRequest{ref_, i.zone, {{"k8s.io/etcd/main", "a/a"}}})["id"], v["id"]);
  Json claimed = Call(ClaimVolumeRequest{{}, i.id, {{"k8s.io/etcd/main", ""}}});
  EXPECT_EQ(claimed["id"], v["id"]);
  EXPECT_EQ(claimed["attached_to"], i.id);
  std::string data_dir = claimed["data_dir"];
  EXPECT_TRUE(PathExists(data_dir));

  Call(LoseVolumeRequest{ref_, v["id"]});
  EXPECT_FALSE(PathExists(data_dir));
  core_->Step();  // still held by the running instance: not recreated yet
  EXPECT_EQ(core_->state().volumes.count(v["id"]), 1u);
  Call(TerminateInstanceRequest{ref_, i.id, false, true});
  core_->Step();
  core_->Step();
  ASSERT_EQ(core_->state().volumes.size(), 1u);
  const Volume& fresh = core_->state().volumes.begin()->second;
  EXPECT_NE(fresh.id, v["id"]);
  EXPECT_EQ(fresh.tags.at("k8s.io/etcd/main"), "a/a");
  EXPECT_TRUE(PathExists(fresh.data_dir));
}

TEST_F(DaemonCoreTest, DeleteClusterEndsEverythingAndGoesIdle) {
  CreateGroup(2);
  Call(CreateVolumeRequest{ref_, "local-a", {{"t", "1"}}});
  core_->Step();
  EXPECT_FALSE(core_->Idle());
  Json r = Call(DeleteClusterRequest{ref_});
  EXPECT_EQ(r["terminating"].size(), 2u);
  core_->Step();
  EXPECT_EQ(runner_.alive_count(), 0);
  EXPECT_TRUE(core_->state().groups.empty());
  EXPECT_TRUE(core_->state().volumes.empty());
  EXPECT_TRUE(core_->state().zones.empty());
  EXPECT_TRUE(core_->Idle());
}

TEST_F(DaemonCoreTest, DeleteClusterRemovesInstanceDirectoriesOnceTheirProcessesAreGone) {
  CreateGroup(2);
  ClusterRef other{"file:///other-store", "c.local"};
  CreateGroupRequest r{other, "nodes", {"local-a"}, 0, 1, 1, {}, {}};
  r.launch.argv = {"/bin/sleep", "300"};
  Call(r);
  core_->Step();
  ASSERT_EQ(Running().size(), 3u);
  std::vector<std::string> ours, theirs;
  for (const Instance* i : Running()) {
    (i->cluster_id == ClusterId(ref_.store_url, ref_.cluster) ? ours : theirs).push_back(i->id);
  }
  ASSERT_EQ(ours.size(), 2u);
  // The other cluster's instance crashes: it stays on record with its log (retention).
  runner_.Exit(core_->state().instances.at(theirs[0]).pid, 1);

  runner_.ignore_sigterm = true;  // our instances take their time to stop
  Call(DeleteClusterRequest{ref_});
  core_->Step();
  for (const auto& id : ours) {
    EXPECT_TRUE(PathExists(dir_->InstanceDir(id))) << "removed while its process runs";
    EXPECT_EQ(core_->state().instances.at(id).state, InstanceState::kTerminating);
  }
  for (const auto& id : ours) runner_.Exit(core_->state().instances.at(id).pid, 0, SIGTERM);
  core_->Step();
  for (const auto& id : ours) {
    EXPECT_FALSE(PathExists(dir_->InstanceDir(id)));
    EXPECT_EQ(core_->state().instances.count(id), 0u);
  }
  EXPECT_TRUE(Call(DescribeInstancesRequest{ref_, ""})["instances"].empty());
  ASSERT_EQ(core_->state().instances.count(theirs[0]), 1u);
  EXPECT_EQ(core_->state().instances.at(theirs[0]).state, InstanceState::kTerminated);
  EXPECT_TRUE(PathExists(dir_->InstanceDir(theirs[0])));
  // A daemon restarted from the saved state keeps it that way.
  ASSERT_TRUE(core_->Save().ok());
  core_ = MakeCore();
  EXPECT_EQ(core_->state().instances.count(ours[0]), 0u);
}

TEST_F(DaemonCoreTest, ErrorsKeepTheirCode) {
  auto r = DecodeResponse(core_->HandleLine(EncodeRequest(SetDesiredRequest{ref_, "nope", 1})));
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  CreateGroup();
  auto z = DecodeResponse(core_->HandleLine(EncodeRequest(ZoneDownRequest{ref_, "local-z"})));
  EXPECT_EQ(z.status().code(), Code::kNotFound);
  EXPECT_NE(z.status().message().find("local-a, local-b"), std::string::npos);
  auto bad = DecodeResponse(core_->HandleLine("{\"method\": \"Nope\"}"));
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace kops::cloud::local
