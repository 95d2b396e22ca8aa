#include "instance/etcd_backups.h"

#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "etcd/backup_gzip.h"
#include "instance/etcd_bootstrap_guard.h"
#include "store/mem_vfs.h"

namespace kops::instance {
namespace {

using namespace std::chrono_literals;

class FakeSnapshotSource : public EtcdSnapshotSource {
 public:
  bool leader = true;
  int snapshots = 0;
  Status fail = Status::Ok();
  Result<bool> IsLeader() override { return leader; }
  Result<std::string> Version() override { return std::string("3.4.23"); }
  Result<std::string> Snapshot() override {
    if (!fail.ok()) return fail;
    ++snapshots;
    return "snapshot-" + std::to_string(snapshots);
  }
};

class EtcdBackupsTest : public ::testing::Test {
 protected:
  std::unique_ptr<store::Vfs> vfs = store::NewMemVfs(
      std::string("memfs://etcd-backups-test-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  EtcdBackupStore store{*vfs, "ha.example.com", "main"};
  FakeClock clock;
  FakeSnapshotSource source;
  std::vector<std::string> logs;
  EtcdBackupSettings Settings() {
    EtcdBackupSettings s;
    s.interval = 15min;
    s.leader_poll = 10s;
    return s;
  }
  std::vector<std::string> Names() {
    std::vector<std::string> out;
    Result<std::vector<StoredBackup>> listed = store.List();
    EXPECT_TRUE(listed.ok());
    if (listed.ok())
      for (const StoredBackup& b : *listed) out.push_back(b.name);
    return out;
  }
};

TEST_F(EtcdBackupsTest, TakeEtcdBackupWritesKopsLayout) {
  auto taken = TakeEtcdBackup(store, source, clock.WallNow(), 7, 3);
  ASSERT_TRUE(taken.ok()) << taken.status().message();
  EXPECT_EQ(taken->name, etcd::BackupName(clock.WallNow(), 7));
  std::string dir = "ha.example.com/backups/etcd/main/" + taken->name + "/";
  auto data = vfs->Read(dir + "etcd.backup.gz");
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(*etcd::GzipDecompress(data->data), "snapshot-1");
  auto meta = vfs->Read(dir + "_etcd_backup.meta");
  ASSERT_TRUE(meta.ok());
  auto info = etcd::DecodeBackupInfo(meta->data);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->etcd_version, "3.4.23");
  EXPECT_EQ(info->cluster_spec.member_count, 3);
  EXPECT_EQ(Names(), std::vector<std::string>{taken->name});
  EXPECT_EQ(*store.ReadData(taken->name), data->data);
}

TEST_F(EtcdBackupsTest, OnlyTheLeaderBacksUpOncePerInterval) {
  EtcdBackupController c(store, source, clock, Settings(), 3, [&](const std::string& l) { logs.push_back(l); });
  source.leader = false;
  c.Tick();
  EXPECT_TRUE(Names().empty());
  source.leader = true;
  c.Tick();  // within the follower's poll interval: not looked at yet
  EXPECT_TRUE(Names().empty());
  clock.Advance(10s);
  c.Tick();
  EXPECT_EQ(Names().size(), 1u);
  for (int i = 0; i < 10; ++i) {
    clock.Advance(1min);
    c.Tick();
  }
  EXPECT_EQ(Names().size(), 1u);  // 10 minutes: not due
  clock.Advance(5min);
  c.Tick();
  EXPECT_EQ(Names().size(), 2u);
  EXPECT_EQ(source.snapshots, 2);
}

TEST_F(EtcdBackupsTest, ANewLeaderContinuesFromTheNewestStoredBackup) {
  ASSERT_TRUE(TakeEtcdBackup(store, source, clock.WallNow(), 1, 3).ok());  // the old leader's
  clock.Advance(5min);
  EtcdBackupController c(store, source, clock, Settings(), 3, nullptr);
  c.Tick();
  EXPECT_EQ(Names().size(), 1u);  // the newest is 5 minutes old
  clock.Advance(9min);
  c.Tick();
  EXPECT_EQ(Names().size(), 1u);
  clock.Advance(1min);
  c.Tick();
  EXPECT_EQ(Names().size(), 2u);
}

TEST_F(EtcdBackupsTest, FailedSnapshotIsLoggedAndStoresNothing) {
  source.fail = Unavailable("etcd snapshot: connection refused");
  EtcdBackupController c(store, source, clock, Settings(), 3, [&](const std::string& l) { logs.push_back(l); });
  c.Tick();
  EXPECT_TRUE(Names().empty());
  ASSERT_EQ(logs.size(), 1u);
  EXPECT_NE(logs[0].find("connection refused"), std::string::npos);
}

TEST_F(EtcdBackupsTest, PrunesByRetentionAfterABackup) {
  EtcdBackupSettings s = Settings();
  s.retention.hourly = 24h;
  s.retention.daily = 24h * 2;
  // Two backups 3 days ago (past daily retention) and two on one day 30 h ago.
  etcd::WallTime now = clock.WallNow();
  ASSERT_TRUE(store.Add(etcd::BackupName(now - 72h, 1), "x", {"3.4.23", 0, {}}).ok());
  ASSERT_TRUE(store.Add(etcd::BackupName(now - 72h + 1s, 2), "x", {"3.4.23", 0, {}}).ok());
  std::string keep = etcd::BackupName(now - 30h - 1800s, 3);
  ASSERT_TRUE(store.Add(keep, "x", {"3.4.23", 0, {}}).ok());
  ASSERT_TRUE(store.Add(etcd::BackupName(now - 30h - 1200s, 4), "x", {"3.4.23", 0, {}}).ok());
  EtcdBackupController c(store, source, clock, s, 3, nullptr);
  c.Tick();
  std::vector<std::string> names = Names();
  ASSERT_EQ(names.size(), 2u) << ::testing::PrintToString(names);
  EXPECT_EQ(names[0], keep);
}

TEST(EtcdBackupSettingsTest, FromSpecEnvAndOverride) {
  api::Cluster cluster;
  api::EtcdClusterSpec main;
  main.name = "main";
  main.manager.emplace();
  main.manager->backup_interval = "1h0m0s";
  main.manager->backup_retention_days = 90;
  main.manager->env.push_back({"ETCD_MANAGER_HOURLY_BACKUPS_RETENTION", "2d"});
  api::EtcdClusterSpec events;
  events.name = "events";
  cluster.spec.etcd_clusters = {main, events};
  auto none = [](const char*) -> const char* { return nullptr; };
  auto s = EtcdBackupSettingsFor(cluster, none);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ((*s)["main"].interval, 1h);
  EXPECT_EQ((*s)["main"].retention.daily, 24h * 90);
  EXPECT_EQ((*s)["main"].retention.hourly, 48h);
  EXPECT_EQ((*s)["events"].interval, 15min);
  EXPECT_EQ((*s)["events"].retention.daily, 24h * 365);
  auto fast = EtcdBackupSettingsFor(cluster, [](const char* k) -> const char* {
    return std::string(k) == "KOPS_ETCD_BACKUP_INTERVAL" ? "3s" : nullptr;
  });
  ASSERT_TRUE(fast.ok());
  EXPECT_EQ((*fast)["main"].interval, 3s);
  EXPECT_EQ((*fast)["main"].leader_poll, 3s);
  cluster.spec.etcd_clusters[0].manager->backup_interval = "soon";
  auto bad = EtcdBackupSettingsFor(cluster, none);
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("etcdClusters[main].manager.backupInterval \"soon\""),
            std::string::npos)
      << bad.status().message();
}

TEST_F(EtcdBackupsTest, BootstrapWaitsWhileBackupsExistUnlessAllowed) {
  etcd::StartPlan boot;
  boot.kind = etcd::StartPlan::Kind::kBootstrap;
  EXPECT_EQ(GuardBootstrap(boot, store, *vfs, "ha.example.com").kind, etcd::StartPlan::Kind::kBootstrap);
  ASSERT_TRUE(TakeEtcdBackup(store, source, clock.WallNow(), 1, 3).ok());
  etcd::StartPlan reviewed = GuardBootstrap(boot, store, *vfs, "ha.example.com");
  EXPECT_EQ(reviewed.kind, etcd::StartPlan::Kind::kWait);
  EXPECT_NE(reviewed.reason.find("kops etcd restore"), std::string::npos) << reviewed.reason;
  etcd::StartPlan restart;
  restart.kind = etcd::StartPlan::Kind::kRestart;
  EXPECT_EQ(GuardBootstrap(restart, store, *vfs, "ha.example.com").kind, etcd::StartPlan::Kind::kRestart);
  ASSERT_TRUE(AllowEmptyCluster(store, *vfs, "ha.example.com").ok());
  EXPECT_EQ(GuardBootstrap(boot, store, *vfs, "ha.example.com").kind, etcd::StartPlan::Kind::kBootstrap);
  clock.Advance(1s);  // a newer backup re-arms the guard
  ASSERT_TRUE(TakeEtcdBackup(store, source, clock.WallNow(), 2, 3).ok());
  EXPECT_EQ(GuardBootstrap(boot, store, *vfs, "ha.example.com").kind, etcd::StartPlan::Kind::kWait);
}

}  // namespace
}  // namespace kops::instance
