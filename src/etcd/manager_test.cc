#include "etcd/manager.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "base/fake_clock.h"
#include "etcd/manager_fakes.h"

namespace kops::etcd {
namespace {

namespace fs = std::filesystem;
using Kind = StartPlan::Kind;

bool HasArg(const std::vector<std::string>& argv, const std::string& arg) {
  return std::find(argv.begin(), argv.end(), arg) != argv.end();
}

class ManagerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kops-manager-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    config_.etcd_cluster = "main";
    config_.member_name = "b";
    config_.member_names = {"a", "b", "c"};
    config_.address = "127.9.2.1";
    config_.data_dir = (dir_ / "data").string();
    config_.log_path = (dir_ / "etcd.log").string();
    config_.token = ManagerToken("ha.local", "main");
    disc_.records["a"] = {"a", "http://127.9.1.1:2380", "http://127.9.1.1:4001"};
    disc_.records["c"] = {"c", "http://127.9.3.1:2380", "http://127.9.3.1:4001"};
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<EtcdManager> Make() {
    return std::make_unique<EtcdManager>(config_, ManagerDeps{&api_, &disc_, &launcher_, &clock_, {}});
  }
  std::vector<Member> Three() {
    std::vector<Member> out;
    const char* names[] = {"a", "b", "c"};
    for (int i = 0; i < 3; ++i) {
      Member m;
      m.id = i + 1;
      m.name = names[i];
      m.peer_urls = {"http://127.9." + std::to_string(i + 1) + ".1:2380"};
      m.client_urls = {"http://127.9." + std::to_string(i + 1) + ".1:4001"};
      out.push_back(m);
    }
    return out;
  }

  fs::path dir_;
  ManagerConfig config_;
  FakeClusterApi api_;
  FakeDiscovery disc_;
  FakeLauncher launcher_;
  FakeClock clock_;
};

TEST_F(ManagerTest, FirstBringUpStartsNewAndMarksCreatedOnceHealthy) {
  api_.members = Three();
  auto m = Make();
  ASSERT_TRUE(m->Tick().ok());
  ASSERT_EQ(launcher_.started.size(), 1u);
  const auto& argv = launcher_.started[0];
  EXPECT_TRUE(HasArg(argv, "new") || HasArg(argv, "--initial-cluster-state=new"));
  EXPECT_EQ(disc_.records["b"].peer_url, "http://127.9.2.1:2380");
  EXPECT_FALSE(disc_.created);
  ASSERT_TRUE(m->Tick().ok());
  EXPECT_TRUE(disc_.created);
  EXPECT_EQ(m->snapshot().last_plan, Kind::kBootstrap);
}

TEST_F(ManagerTest, WaitsWithoutStartingWhileAPeerIsUnknown) {
  disc_.records.erase("c");
  auto m = Make();
  ASSERT_TRUE(m->Tick().ok());
  EXPECT_TRUE(launcher_.started.empty());
  EXPECT_EQ(m->snapshot().last_plan, Kind::kWait);
}

TEST_F(ManagerTest, EmptyVolumeReplacesWithLearnerRetryingUnhealthyCluster) {
  disc_.created = true;
  api_.members = Three();
  api_.queued_errors["add"] = {Unavailable("etcdserver: unhealthy cluster"),
                               Unavailable("etcdserver: unhealthy cluster")};
  auto m = Make();
  Clock::TimePoint before = clock_.Now();
  ASSERT_TRUE(m->Tick().ok()) << m->snapshot().last_error;
  std::vector<std::string> want = {"list", "remove 2", "add", "add", "add"};
  EXPECT_EQ(api_.calls, want);
  EXPECT_EQ(clock_.Now() - before, 2 * config_.retry_interval);
  ASSERT_EQ(launcher_.started.size(), 1u);
  EXPECT_EQ(m->snapshot().learner_id, 100u);
  // Not yet in sync, then promoted.
  api_.queued_errors["promote"] = {FailedPrecondition("can only promote a learner member which is in sync")};
  ASSERT_TRUE(m->Tick().ok());
  EXPECT_EQ(m->snapshot().learner_id, 100u);
  ASSERT_TRUE(m->Tick().ok());
  EXPECT_EQ(m->snapshot().learner_id, 0u);
  EXPECT_FALSE(api_.members.back().is_learner);
}

TEST_F(ManagerTest, MembershipRetriesAreBoundedByTheClock) {
  disc_.created = true;
  api_.members = Three();
  config_.membership_retry_limit = std::chrono::seconds(2);
  api_.queued_errors["add"] = std::vector<Status>(100, Unavailable("etcdserver: unhealthy cluster"));
  auto m = Make();
  Status st = m->Tick();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("unhealthy cluster"), std::string::npos) << st.message();
  EXPECT_TRUE(launcher_.started.empty());
  EXPECT_LE(api_.calls.size(), 2u + 2 * 4 + 1);
}

TEST_F(ManagerTest, RestartsEtcdWhenItExitsAndRejoinsWithData) {
  disc_.created = true;
  api_.members = Three();
  fs::create_directories(fs::path(config_.data_dir) / "member");
  auto m = Make();
  ASSERT_TRUE(m->Tick().ok());
  ASSERT_EQ(launcher_.started.size(), 1u);
  EXPECT_EQ(m->snapshot().last_plan, Kind::kRestart);
  launcher_.last->exit_code = 1;
  ASSERT_TRUE(m->Tick().ok());
  EXPECT_FALSE(m->snapshot().running);
  ASSERT_TRUE(m->Tick().ok());  // backoff not over yet
  EXPECT_EQ(launcher_.started.size(), 1u);
  clock_.Advance(config_.restart_backoff);
  ASSERT_TRUE(m->Tick().ok());
  EXPECT_EQ(launcher_.started.size(), 2u);
  EXPECT_EQ(m->snapshot().starts, 2);
}

TEST_F(ManagerTest, RelaunchedAtANewAddressUpdatesItsPeerUrlBeforeStarting) {
  disc_.created = true;
  api_.members = Three();
  config_.address = "127.9.2.7";  // b came back at another address of its zone
  fs::create_directories(fs::path(config_.data_dir) / "member");
  auto m = Make();
  ASSERT_TRUE(m->Tick().ok());
  ASSERT_EQ(launcher_.started.size(), 1u);
  EXPECT_EQ(api_.calls, (std::vector<std::string>{"list", "update 2"}));
  EXPECT_EQ(api_.members[1].peer_urls, std::vector<std::string>{"http://127.9.2.7:2380"});
  EXPECT_EQ(m->snapshot().pending_peer_url_update, 0u);
}

// Two of three members relaunched at new addresses: neither can update its peer URL
// (that needs quorum, which needs one of them), so each starts on its data anyway and
// updates once the cluster answers again.
TEST_F(ManagerTest, PeerUrlUpdateWithoutQuorumIsDoneAfterEtcdStarts) {
  disc_.created = true;
  api_.members = Three();
  config_.address = "127.9.2.7";
  api_.queued_errors["update"] = {Unavailable("context deadline exceeded"),
                                  Unavailable("context deadline exceeded")};
  fs::create_directories(fs::path(config_.data_dir) / "member");
  auto m = Make();
  ASSERT_TRUE(m->Tick().ok());
  ASSERT_EQ(launcher_.started.size(), 1u) << "etcd must start without the update";
  EXPECT_TRUE(HasArg(launcher_.started[0], "--initial-cluster-state=existing") ||
              HasArg(launcher_.started[0], "existing"));
  EXPECT_EQ(m->snapshot().pending_peer_url_update, 2u);
  EXPECT_EQ(api_.members[1].peer_urls, std::vector<std::string>{"http://127.9.2.1:2380"});

  ASSERT_TRUE(m->Tick().ok());  // still no quorum: the update fails again, etcd keeps running
  EXPECT_EQ(m->snapshot().pending_peer_url_update, 2u);
  EXPECT_EQ(launcher_.kills, 0);

  ASSERT_TRUE(m->Tick().ok());  // quorum is back
  EXPECT_EQ(m->snapshot().pending_peer_url_update, 0u);
  EXPECT_EQ(api_.members[1].peer_urls, std::vector<std::string>{"http://127.9.2.7:2380"});
  size_t updates = std::count(api_.calls.begin(), api_.calls.end(), "update 2");
  EXPECT_EQ(updates, 3u);
  ASSERT_TRUE(m->Tick().ok());
  EXPECT_EQ(std::count(api_.calls.begin(), api_.calls.end(), "update 2"), 3) << "updated once only";
  EXPECT_EQ(launcher_.started.size(), 1u);
}

TEST_F(ManagerTest, ExitZeroAfterRemovalIsNotSuccessMemberIsReplaced) {
  disc_.created = true;
  api_.members = Three();
  fs::create_directories(fs::path(config_.data_dir) / "member");
  auto m = Make();
  ASSERT_TRUE(m->Tick().ok());
  api_.members.erase(api_.members.begin() + 1);  // someone removed b
  launcher_.last->exit_code = 0;
  launcher_.last->output = "the member has been permanently removed from the cluster";
  ASSERT_TRUE(m->Tick().ok());
  clock_.Advance(config_.restart_backoff);
  ASSERT_TRUE(m->Tick().ok());
  ASSERT_EQ(launcher_.started.size(), 2u);
  EXPECT_EQ(m->snapshot().last_plan, Kind::kReplace);
  EXPECT_FALSE(fs::exists(fs::path(config_.data_dir) / "member"));
  EXPECT_EQ(m->snapshot().learner_id, 100u);
}

TEST_F(ManagerTest, StopKillsEtcd) {
  api_.members = Three();
  auto m = Make();
  ASSERT_TRUE(m->Tick().ok());
  EXPECT_EQ(launcher_.kills, 0);
  m->Stop();
  EXPECT_EQ(launcher_.kills, 1);
  EXPECT_FALSE(m->snapshot().running);
}

TEST(ManagerTokenTest, Deterministic) {
  EXPECT_EQ(ManagerToken("ha.local", "events"), "kops-ha.local-etcd-events");
}

}  // namespace
}  // namespace kops::etcd
