// Backup, write more, restore: on a 3-zone local cluster, configmaps written before
// `kops etcd backup` are there after `kops etcd restore --yes`, those written after are
// gone, `validate cluster` passes, and `kops etcd backups list -o json` lists the backup
// next to the ones the etcd managers took on their own schedule (KOPS_ETCD_BACKUP_INTERVAL
// shortens it here). Prints RESTORE_SECONDS=… (the whole restore command).
#include <iostream>

#include "local_cluster/cluster_harness.h"

namespace kops::e2e {
namespace {

using SteadyClock = std::chrono::steady_clock;

class EtcdBackupE2eTest : public LocalClusterHarness {
 protected:
  void SetUp() override {
    LocalClusterHarness::SetUp();
    env_["KOPS_ETCD_BACKUP_INTERVAL"] = "20s";
  }
  bool Ready() {
    auto r = Api("GET", "/readyz");
    return r.ok() && r->status == 200;
  }
  nlohmann::json Backups() {
    auto r = Kops({"etcd", "backups", "list", kCluster, "-o", "json"}, 30);
    if (r.exit_code != 0) return nlohmann::json::array();
    return nlohmann::json::parse(r.out, nullptr, false);
  }
  int CountBackups(const std::string& etcd_cluster, const std::string& except = "") {
    int n = 0;
    for (const auto& b : Backups())
      n += b.value("etcdCluster", "") == etcd_cluster && b.value("id", "") != except;
    return n;
  }
};

TEST_F(EtcdBackupE2eTest, BackupWriteMoreRestoreValidates) {
  auto created = Kops({"create", "cluster", "--cloud", "local", "--zones", "local-a,local-b,local-c",
                       "--control-plane-zones", "local-a,local-b,local-c", "--node-count", "1", kCluster});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  auto updated = Kops({"update", "cluster", kCluster, "--yes"});
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  ASSERT_TRUE(WaitFor([&] { return RunningCount() == 4; }, 60000ms)) << Instances().dump();
  ASSERT_TRUE(WaitFor([&] { return Ready(); }, 60000ms)) << "API not ready through the LB";

  for (int i = 0; i < 3; ++i) {
    std::string name = "before-" + std::to_string(i);
    ASSERT_TRUE(WaitFor([&] { return PutConfigMap(name, name); }, 30000ms)) << name;
  }
  auto backup = Kops({"etcd", "backup", kCluster, "--cluster", "main"}, 60);
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  std::string id = backup.out.substr(0, backup.out.find('\n'));
  ASSERT_FALSE(id.empty()) << backup.out;
  EXPECT_NE(backup.err.find("from its leader"), std::string::npos) << backup.err;
  for (int i = 0; i < 3; ++i) {
    std::string name = "after-" + std::to_string(i);
    ASSERT_TRUE(WaitFor([&] { return PutConfigMap(name, name); }, 30000ms)) << name;
  }

  // Without --yes: the plan, and nothing changes.
  auto dry = Kops({"etcd", "restore", kCluster, "--cluster", "main", "--backup", id}, 30);
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("Must specify --yes"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("every member (a, b, c)"), std::string::npos) << dry.out;
  EXPECT_EQ(GetConfigMap("after-0"), "after-0");
  auto unknown = Kops({"etcd", "restore", kCluster, "--cluster", "main", "--backup",
                       "2001-01-01T00:00:00Z-000001", "--yes"}, 30);
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("not found"), std::string::npos) << unknown.err;

  const auto t0 = SteadyClock::now();
  auto restored = Kops({"etcd", "restore", kCluster, "--cluster", "main", "--backup", id, "--yes",
                        "--timeout", "3m"}, 240);
  const double seconds = std::chrono::duration<double>(SteadyClock::now() - t0).count();
  ASSERT_EQ(restored.exit_code, 0) << restored.err;
  std::cout << "RESTORE_SECONDS=" << seconds << std::endl;
  EXPECT_NE(restored.err.find("member a restored the backup"), std::string::npos) << restored.err;
  EXPECT_NE(restored.err.find("validated"), std::string::npos) << restored.err;

  ASSERT_TRUE(WaitFor([&] { return Ready(); }, 60000ms));
  for (int i = 0; i < 3; ++i) {
    std::string name = "before-" + std::to_string(i);
    EXPECT_TRUE(WaitFor([&] { return GetConfigMap(name) == name; }, 20000ms)) << name;
    auto gone = Api("GET", "/api/v1/namespaces/default/configmaps/after-" + std::to_string(i));
    ASSERT_TRUE(gone.ok());
    EXPECT_EQ(gone->status, 404) << "after-" << i << " survived the restore: " << gone->body;
  }
  // Writes work again on the restored cluster.
  EXPECT_TRUE(WaitFor([&] { return PutConfigMap("restored-0", "restored-0"); }, 30000ms));
  auto validated = Kops({"validate", "cluster", kCluster, "--wait", "2m"}, 150);
  EXPECT_EQ(validated.exit_code, 0) << validated.out << validated.err;

  // The list shows the backup, and the managers' scheduled ones for both etcd clusters.
  bool listed = false;
  for (const auto& b : Backups()) {
    if (b.value("id", "") != id) continue;
    listed = true;
    EXPECT_EQ(b.value("etcdCluster", ""), "main");
    EXPECT_GT(b.value("size", 0), 0);
    EXPECT_EQ(b.value("etcdVersion", "").substr(0, 4), "3.4.");
  }
  EXPECT_TRUE(listed) << Backups().dump();
  EXPECT_TRUE(WaitFor([&] { return CountBackups("main", id) >= 1 && CountBackups("events") >= 1; },
                      60000ms))
      << Backups().dump();
  auto table = Kops({"etcd", "backups", "list", kCluster, "--cluster", "main"}, 30);
  EXPECT_EQ(table.exit_code, 0);
  EXPECT_NE(table.out.find(id), std::string::npos) << table.out;
}

}  // namespace
}  // namespace kops::e2e
