// The socket protocol end to end, in process: RunDaemon on a temporary state directory
// with a FakeProcessRunner, driven through LocalCloudClient.
#include "cloud/local/daemon.h"

#include <sys/stat.h>

#include <filesystem>
#include <future>
#include <thread>

#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "cloud/local/client.h"
#include "cloud/local/daemon_process.h"
#include "cloud/local/fake_process_runner.h"

namespace kops::cloud::local {
namespace {

class DaemonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = ::testing::TempDir() + "/daemon_test_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::remove_all(root_);
    DaemonOptions o;
    o.state_dir = root_;
    o.as_process = false;
    std::promise<void> ready;
    o.on_ready = [&ready] { ready.set_value(); };
    thread_ = std::thread([this, o] { result_ = RunDaemon(o, runner_, clock_); });
    ready.get_future().wait();
    ClientOptions c;
    c.state_dir = root_;
    c.autostart = false;
    client_ = std::make_unique<LocalCloudClient>(c, clock_);
  }
  void TearDown() override {
    if (thread_.joinable()) {
      (void)client_->Shutdown();
      thread_.join();
    }
  }

  std::string root_;
  FakeClock clock_;
  FakeProcessRunner runner_;
  std::thread thread_;
  Status result_;
  std::unique_ptr<LocalCloudClient> client_;
  ClusterRef ref_{"memfs://s", "c.local"};
};

TEST_F(DaemonTest, SocketIsPrivate) {
  struct stat st;
  ASSERT_EQ(stat(DaemonSocketPath(root_).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(stat(root_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
}

TEST_F(DaemonTest, RoundTripOfTypedCalls) {
  CreateGroupRequest g{ref_, "control-plane-local-a", {"local-a"}, 1, 1, 1, {}, {}};
  g.launch.argv = {"/bin/sleep", "300"};
  g.tags = {{"k8s.io/role/control-plane", "1"}};
  auto group = client_->CreateGroup(g);
  ASSERT_TRUE(group.ok()) << group.status().message();
  EXPECT_EQ(group->name, "control-plane-local-a");

  // The answer is sent after the round's reconcile step: the instance exists already.
  auto instances = client_->DescribeInstances(ref_);
  ASSERT_TRUE(instances.ok()) << instances.status().message();
  ASSERT_EQ(instances->size(), 1u);
  const InstanceInfo& i = (*instances)[0];
  EXPECT_EQ(i.group, "control-plane-local-a");
  EXPECT_EQ(i.role, "ControlPlane");
  EXPECT_EQ(i.instance.state, InstanceState::kRunning);

  auto vol = client_->CreateVolume(ref_, "local-a", {{"k8s.io/etcd/main", "a/a"}});
  ASSERT_TRUE(vol.ok());
  auto claimed = LocalCloudClient::ForSocket(DaemonSocketPath(root_))
                     .ClaimVolume(i.instance.id, {{"k8s.io/etcd/main", ""}});
  ASSERT_TRUE(claimed.ok()) << claimed.status().message();
  EXPECT_EQ(claimed->id, vol->id);
  EXPECT_EQ(claimed->data_dir, root_ + "/volumes/" + vol->id);

  auto volumes = client_->DescribeVolumes(ref_, {}, "local-a");
  ASSERT_TRUE(volumes.ok());
  EXPECT_EQ(volumes->at(0).attached_to, i.instance.id);

  auto lb = client_->EnsureLoadBalancer({ref_, "api", 443, 443, {"control-plane-local-a"}});
  ASSERT_TRUE(lb.ok());
  EXPECT_TRUE(lb->address.starts_with("127.")) << lb->address;
  EXPECT_TRUE(lb->address.ends_with(".1")) << lb->address;

  auto status = client_->GetStatus();
  ASSERT_TRUE(status.ok());
  EXPECT_EQ((*status)["groups"].size(), 1u);
  EXPECT_EQ((*status)["daemon"]["state_dir"], root_);

  EXPECT_EQ(client_->SetDesired(ref_, "missing", 1).code(), Code::kNotFound);
  auto deleted = client_->DeleteCluster(ref_);
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(*deleted, std::vector<std::string>{i.instance.id});
}

TEST_F(DaemonTest, ShutdownStopsTheDaemonAndRemovesTheSocket) {
  ASSERT_TRUE(client_->Shutdown().ok());
  thread_.join();
  EXPECT_TRUE(result_.ok()) << result_.message();
  EXPECT_FALSE(std::filesystem::exists(DaemonSocketPath(root_)));
  EXPECT_EQ(client_->GetStatus().status().code(), Code::kUnavailable);
}

TEST(DaemonLockTest, OneHolderAtATime) {
  std::string root = ::testing::TempDir() + "/daemon_lock_test";
  std::filesystem::create_directories(root);
  auto first = AcquireDaemonLock(root);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(AcquireDaemonLock(root).status().code(), Code::kAlreadyExists);
  close(*first);
  auto again = AcquireDaemonLock(root);
  EXPECT_TRUE(again.ok());
  close(*again);
}

}  // namespace
}  // namespace kops::cloud::local
