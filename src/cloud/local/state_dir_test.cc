#include "cloud/local/state_dir.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "base/file_util.h"
#include "cloud/local/state_json.h"

namespace kops::cloud::local {
namespace {

class StateDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = (std::filesystem::temp_directory_path() /
             ("kops-state-" + std::to_string(getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name()))
                .string();
    std::filesystem::remove_all(root_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  std::string root_;
};

CloudState SampleState() {
  CloudState s;
  Group g;
  g.cluster_id = "ha.local-12345678";
  g.cluster_name = "ha.local";
  g.name = "control-plane-local-a";
  g.zones = {"local-a"};
  g.min_size = g.max_size = g.desired = 1;
  g.launch.argv = {"/usr/bin/kops", "toolbox", "instance"};
  g.launch.env = {{"ROLE", "control-plane"}};
  g.tags = {{"k8s.io/role/control-plane", "1"}};
  g.consecutive_failures = 2;
  g.next_launch_after_ms = 99;
  s.groups[g.Key()] = g;
  Instance i;
  i.id = "i-0123456789abcdef0";
  i.group_key = g.Key();
  i.cluster_id = g.cluster_id;
  i.zone = "local-a";
  i.address = "127.31.4.1";
  i.pid = 4242;
  i.pid_start_ticks = 77;
  i.supervisor_pid = 4241;
  i.state = InstanceState::kTerminating;
  i.state_reason = "scale in";
  i.launch_hash = g.LaunchHash();
  i.launched_at_ms = 5;
  i.terminate_requested_at_ms = 6;
  s.instances[i.id] = i;
  Volume v;
  v.id = "vol-0123456789abcdef0";
  v.cluster_id = g.cluster_id;
  v.zone = "local-a";
  v.tags = {{"k8s.io/etcd/main", "a/a,b,c"}};
  v.attached_to = i.id;
  v.data_dir = "/x";
  s.volumes[v.id] = v;
  LoadBalancer lb;
  lb.cluster_id = g.cluster_id;
  lb.name = "api";
  lb.address = "127.31.5.1";
  lb.group_keys = {g.Key()};
  lb.registered = {i.id};
  s.load_balancers[lb.Key()] = lb;
  s.zones.push_back({g.cluster_id, "local-a", 7940, false});
  return s;
}

TEST_F(StateDirTest, InitMakesOwnerOnlyDirectories) {
  StateDir dir(root_);
  ASSERT_TRUE(dir.Init().ok());
  struct stat st;
  ASSERT_EQ(stat(root_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  EXPECT_TRUE(PathExists(root_ + "/volumes"));
  EXPECT_EQ(dir.LoadBalancerDir("c/api"), root_ + "/lb/c_api");
}

TEST_F(StateDirTest, LoadOfEmptyDirectoryIsEmptyState) {
  StateDir dir(root_);
  ASSERT_TRUE(dir.Init().ok());
  auto s = dir.Load();
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->groups.empty());
}

TEST_F(StateDirTest, SaveThenLoadRoundTrips) {
  StateDir dir(root_);
  ASSERT_TRUE(dir.Init().ok());
  CloudState s = SampleState();
  ASSERT_TRUE(dir.Save(s).ok());
  struct stat st;
  ASSERT_EQ(stat(dir.StateFile().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto loaded = dir.Load();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(ToJson(*loaded), ToJson(s));
  const Instance& i = loaded->instances.at("i-0123456789abcdef0");
  EXPECT_EQ(i.state, InstanceState::kTerminating);
  EXPECT_EQ(i.pid_start_ticks, 77u);
  EXPECT_FALSE(loaded->zones[0].up);
  EXPECT_EQ(loaded->load_balancers.begin()->second.registered, (std::set<std::string>{i.id}));
}

TEST_F(StateDirTest, CorruptStateIsAnError) {
  StateDir dir(root_);
  ASSERT_TRUE(dir.Init().ok());
  ASSERT_TRUE(WriteFileAtomic(dir.StateFile(), "{not json").ok());
  EXPECT_EQ(dir.Load().status().code(), Code::kInvalidArgument);
  ASSERT_TRUE(
      WriteFileAtomic(dir.StateFile(), R"({"instances":[{"id":"i-1","state":"odd"}]})").ok());
  auto bad = dir.Load();
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("odd"), std::string::npos);
  ASSERT_TRUE(WriteFileAtomic(dir.StateFile(), R"({"volumes":[{"zone":"z"}]})").ok());
  EXPECT_EQ(dir.Load().status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace kops::cloud::local
