#include "instance/etcd_restore.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/fake_clock.h"
#include "etcd/backup_gzip.h"
#include "etcd/manager_fakes.h"
#include "store/mem_vfs.h"

namespace kops::instance {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class FakeRestorer : public SnapshotRestorer {
 public:
  std::vector<SnapshotRestoreRequest> requests;
  std::string snapshot_seen;
  Status fail = Status::Ok();
  Status Restore(const SnapshotRestoreRequest& r) override {
    requests.push_back(r);
    std::ifstream in(r.snapshot_file, std::ios::binary);
    snapshot_seen.assign(std::istreambuf_iterator<char>(in), {});
    if (!fail.ok()) return fail;
    fs::create_directories(r.data_dir + "/member");
    std::ofstream(r.data_dir + "/member/restored") << "yes";
    return Status::Ok();
  }
};

class EtcdRestoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/kops-etcd-restore-test-XXXXXX";
    dir = mkdtemp(tmpl);
    fs::create_directories(dir + "/vol/data/member");
    std::ofstream(dir + "/vol/data/member/old") << "old";
    discovery.records["b"] = {"b", "https://127.0.1.1:2380", "https://127.0.1.1:4001"};
    discovery.records["c"] = {"c", "https://127.0.2.1:2380", "https://127.0.2.1:4001"};
    ASSERT_TRUE(store.Add(kBackup, etcd::GzipCompress("SNAPSHOT"), {"3.4.23", 1, {3, "3.4.23"}}).ok());
  }
  void TearDown() override { fs::remove_all(dir); }

  EtcdRestoreController Controller() {
    EtcdRestoreConfig c{"a", {"a", "b", "c"}, "https://127.0.0.1:2380", dir + "/vol/data",
                        dir + "/work", "kops-ha-etcd-main"};
    EtcdRestoreDeps d{&store, &discovery, &restorer, &clock, [&] { ++stops; }, nullptr};
    return EtcdRestoreController(c, d);
  }
  void AddCommand() {
    ASSERT_TRUE(store.AddCommand(kCommand, {123, kBackup, {3, "3.4.23"}}).ok());
  }

  const std::string kBackup = "2024-05-01T12:00:00Z-000001";
  const std::string kCommand = "2024-05-01T13:00:00Z-000000";
  std::string dir;
  std::unique_ptr<store::Vfs> vfs = store::NewMemVfs(
      std::string("memfs://etcd-restore-test-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  EtcdBackupStore store{*vfs, "ha.example.com", "main"};
  etcd::FakeDiscovery discovery;
  FakeRestorer restorer;
  FakeClock clock;
  int stops = 0;
};

TEST_F(EtcdRestoreTest, NothingWithoutACommand) {
  auto c = Controller();
  c.Tick();
  EXPECT_TRUE(restorer.requests.empty());
  EXPECT_EQ(stops, 0);
}

TEST_F(EtcdRestoreTest, RestoresOnceWithTheFullInitialClusterAndSwapsTheDataDir) {
  AddCommand();
  auto c = Controller();
  c.Tick();
  ASSERT_EQ(restorer.requests.size(), 1u) << c.last_error();
  const SnapshotRestoreRequest& r = restorer.requests[0];
  EXPECT_EQ(restorer.snapshot_seen, "SNAPSHOT");
  EXPECT_EQ(r.member_name, "a");
  EXPECT_EQ(etcd::InitialClusterFlag(r.initial_cluster),
            "a=https://127.0.0.1:2380,b=https://127.0.1.1:2380,c=https://127.0.2.1:2380");
  EXPECT_EQ(r.token, "kops-ha-etcd-main-restore-" + kCommand);
  EXPECT_EQ(stops, 1);
  EXPECT_TRUE(fs::exists(dir + "/vol/data/member/restored"));
  EXPECT_TRUE(fs::exists(dir + "/vol/data.pre-restore/member/old"));
  EXPECT_EQ(*store.RestoredMembers(kCommand), std::vector<std::string>{"a"});
  // Later polls (and a new controller after a restart) do not restore again.
  clock.Advance(5s);
  c.Tick();
  auto again = Controller();
  again.Tick();
  EXPECT_EQ(restorer.requests.size(), 1u);
  EXPECT_EQ(stops, 1);
}

TEST_F(EtcdRestoreTest, WaitsForEveryPeerUrlAndKeepsEtcdRunningOnFailure) {
  discovery.records.erase("c");
  AddCommand();
  auto c = Controller();
  c.Tick();
  EXPECT_TRUE(restorer.requests.empty());
  EXPECT_NE(c.last_error().find("member(s) c have not published"), std::string::npos) << c.last_error();
  discovery.records["c"] = {"c", "https://127.0.2.1:2380", ""};
  restorer.fail = Unavailable("etcdctl snapshot restore exited with code 1");
  clock.Advance(1s);
  c.Tick();
  EXPECT_EQ(restorer.requests.size(), 1u);
  EXPECT_EQ(stops, 0);  // etcd kept running on its data
  EXPECT_TRUE(fs::exists(dir + "/vol/data/member/old"));
  EXPECT_FALSE(fs::exists(dir + "/vol/data.restoring"));
  EXPECT_TRUE(store.RestoredMembers(kCommand)->empty());
  restorer.fail = Status::Ok();
  clock.Advance(1s);
  c.Tick();
  EXPECT_EQ(stops, 1);
  EXPECT_TRUE(fs::exists(dir + "/vol/data/member/restored"));
}

TEST_F(EtcdRestoreTest, AMissingBackupIsAnError) {
  ASSERT_TRUE(store.AddCommand(kCommand, {123, "2024-01-01T00:00:00Z-000001", {}}).ok());
  auto c = Controller();
  c.Tick();
  EXPECT_TRUE(restorer.requests.empty());
  EXPECT_NE(c.last_error().find("not found"), std::string::npos) << c.last_error();
}

TEST(EtcdctlRestoreArgvTest, FlagsOfEtcdctl34) {
  SnapshotRestoreRequest r{"/w/s.db", "a", {{"a", "https://1:2380"}, {"b", "https://2:2380"}},
                           "tok", "https://1:2380", "/v/data.restoring"};
  EXPECT_EQ(EtcdctlRestoreArgv("/usr/bin/etcdctl", r),
            (std::vector<std::string>{"/usr/bin/etcdctl", "snapshot", "restore", "/w/s.db", "--name=a",
                                      "--initial-cluster=a=https://1:2380,b=https://2:2380",
                                      "--initial-cluster-token=tok",
                                      "--initial-advertise-peer-urls=https://1:2380",
                                      "--data-dir=/v/data.restoring"}));
}

}  // namespace
}  // namespace kops::instance
