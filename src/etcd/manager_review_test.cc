// The manager's bootstrap review hook (ManagerDeps::review_bootstrap).
#include <gtest/gtest.h>

#include <filesystem>

#include "base/fake_clock.h"
#include "etcd/manager.h"
#include "etcd/manager_fakes.h"

namespace kops::etcd {
namespace {

namespace fs = std::filesystem;

class ManagerReviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("kops-manager-review-test-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    config_.etcd_cluster = "main";
    config_.member_name = "a";
    config_.member_names = {"a", "b"};
    config_.address = "127.9.1.1";
    config_.data_dir = (dir_ / "data").string();
    config_.log_path = (dir_ / "etcd.log").string();
    config_.token = ManagerToken("ha.local", "main");
    fs::create_directories(dir_);
    disc_.records["b"] = {"b", "http://127.9.2.1:2380", "http://127.9.2.1:4001"};
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  ManagerConfig config_;
  FakeClusterApi api_;
  FakeDiscovery disc_;
  FakeLauncher launcher_;
  FakeClock clock_;
};

TEST_F(ManagerReviewTest, AReviewCanTurnABootstrapIntoAWait) {
  int reviews = 0;
  ManagerDeps deps{&api_, &disc_, &launcher_, &clock_, {}};
  deps.review_bootstrap = [&](StartPlan plan) {
    ++reviews;
    EXPECT_EQ(plan.kind, StartPlan::Kind::kBootstrap);
    StartPlan wait;
    wait.reason = "backups exist";
    return wait;
  };
  EtcdManager m(config_, deps);
  ASSERT_TRUE(m.Tick().ok());
  EXPECT_EQ(reviews, 1);
  EXPECT_TRUE(launcher_.started.empty());
  EXPECT_EQ(m.snapshot().last_plan, StartPlan::Kind::kWait);
  EXPECT_EQ(m.snapshot().last_reason, "backups exist");
}

TEST_F(ManagerReviewTest, OtherPlansAreNotReviewed) {
  fs::create_directories(dir_ / "data" / "member");  // has data: a restart
  int reviews = 0;
  ManagerDeps deps{&api_, &disc_, &launcher_, &clock_, {}};
  deps.review_bootstrap = [&](StartPlan plan) {
    ++reviews;
    return plan;
  };
  EtcdManager m(config_, deps);
  ASSERT_TRUE(m.Tick().ok());
  EXPECT_EQ(reviews, 0);
  EXPECT_EQ(launcher_.started.size(), 1u);
}

}  // namespace
}  // namespace kops::etcd
