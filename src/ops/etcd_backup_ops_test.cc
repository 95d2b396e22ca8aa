// RestoreEtcd, BackupEtcdNow and ListEtcdBackups against a memfs state store, a fake
// etcd (FakeHttpClient routing the members' client URLs), a FakeClock and a fake
// validation source.
#include "ops/etcd_backup_ops.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "base/base64.h"
#include "base/fake_clock.h"
#include "base/fake_http.h"
#include "etcd/backup_gzip.h"
#include "instance/etcd_certs.h"
#include "instance/store_discovery.h"
#include "ops/validation_test_util.h"
#include "pki/private_key.h"

namespace kops::ops {
namespace {

using namespace std::chrono_literals;

const std::vector<std::string> kMembers = {"a", "b", "c"};
std::string ClientUrl(size_t i) { return "https://127.9.1." + std::to_string(i + 1) + ":4001"; }

std::string Unique(const std::string& what) {
  static std::atomic<int> n{0};
  return "memfs://h9-" + what + "-" + std::to_string(::getpid()) + "-" + std::to_string(n++);
}

// A FakeClock whose sleeps also run a hook (what the members do meanwhile).
class HookClock : public FakeClock {
 public:
  void SleepFor(Duration d) override {
    FakeClock::SleepFor(d);
    if (on_sleep) on_sleep();
  }
  std::function<void()> on_sleep;
};

struct Fixture {
  std::unique_ptr<store::Vfs> vfs = store::OpenVfs(Unique("state")).value();
  std::unique_ptr<store::Keystore> keystore;
  api::Cluster cluster;
  HookClock clock;
  FakeHttpClient http;
  size_t leader = 1;  // index of the member that leads
  std::map<std::string, std::function<Result<HttpResponse>(const HttpRequest&)>> extra;

  explicit Fixture(const std::string& backup_store = "") {
    cluster.metadata.name = "ha.example.com";
    cluster.spec.cloud_provider = "local";
    api::EtcdClusterSpec main;
    main.name = "main";
    for (const std::string& m : kMembers) main.members.push_back({m, "control-plane-" + m});
    if (!backup_store.empty()) main.backups = api::EtcdBackupSpec{backup_store, ""};
    cluster.spec.etcd_clusters.push_back(main);
    store::KeystoreOptions ko;
    ko.generate_key = [] { return pki::PrivateKey::GenerateEcdsa(); };
    keystore = std::make_unique<store::Keystore>(*vfs, cluster.metadata.name, ko);
    EXPECT_TRUE(keystore->EnsureCA(instance::EtcdClientsCaName("main")).ok());
    instance::StoreDiscovery discovery(*vfs, cluster.metadata.name, "main");
    for (size_t i = 0; i < kMembers.size(); ++i)
      EXPECT_TRUE(discovery.Publish({kMembers[i], "https://127.9.1." + std::to_string(i + 1) + ":2380",
                                     ClientUrl(i)}).ok());
    http.SetHandler([this](const HttpRequest& r) -> Result<HttpResponse> { return Answer(r); });
  }

  Result<HttpResponse> Answer(const HttpRequest& r) {
    if (auto it = extra.find(r.url); it != extra.end()) return it->second(r);
    for (size_t i = 0; i < kMembers.size(); ++i) {
      std::string ep = ClientUrl(i);
      if (r.url.rfind(ep, 0) != 0) continue;
      std::string path = r.url.substr(ep.size());
      nlohmann::json header = {{"member_id", std::to_string(i + 1)}, {"revision", "7"}};
      if (path == "/v3/maintenance/status") {
        nlohmann::json j = {{"header", header}, {"version", "3.4.23"},
                            {"leader", std::to_string(leader + 1)}};
        return FakeHttpClient::Respond(200, j.dump());
      }
      if (path == "/v3/maintenance/snapshot") {
        nlohmann::json chunk = {{"result", {{"blob", Base64Encode("snapshot of member " + kMembers[i])}}}};
        return FakeHttpClient::Respond(200, chunk.dump() + "\n");
      }
      if (path == "/health") return FakeHttpClient::Respond(200, R"({"health":"true"})");
      if (path == "/v3/cluster/member/list") {
        nlohmann::json members = nlohmann::json::array();
        for (size_t k = 0; k < kMembers.size(); ++k)
          members.push_back({{"ID", std::to_string(k + 1)}, {"name", kMembers[k]},
                             {"clientURLs", {ClientUrl(k)}}});
        return FakeHttpClient::Respond(200, nlohmann::json{{"header", header}, {"members", members}}.dump());
      }
    }
    return Unavailable(r.method + " " + r.url + ": Couldn't connect to server");
  }

  EtcdAccess Access() { return {&http, keystore.get(), &clock, 1s}; }

  instance::EtcdBackupStore DefaultStore() {
    return instance::EtcdBackupStore(*vfs, cluster.metadata.name, "main");
  }
};

// A backup named for t, written as kops lays it out.
std::string AddBackup(instance::EtcdBackupStore& store, int minute) {
  std::string name = etcd::BackupName(std::chrono::system_clock::from_time_t(1714564800 + 60 * minute), 0);
  etcd::BackupInfo info{"3.4.23", 1714564800 + 60 * minute, {3, "3.4.23"}};
  EXPECT_TRUE(store.Add(name, etcd::GzipCompress("snap"), info).ok());
  return name;
}

TEST(BackupEtcdNow, TakesTheBackupFromTheLeaderInKopsLayout) {
  Fixture f;
  f.leader = 2;
  std::ostringstream progress;
  Result<instance::TakenBackup> taken = BackupEtcdNow(*f.vfs, f.cluster, "main", f.Access(), progress);
  ASSERT_TRUE(taken.ok()) << taken.status().message();
  EXPECT_NE(progress.str().find("from its leader " + ClientUrl(2)), std::string::npos) << progress.str();
  std::string dir = "ha.example.com/backups/etcd/main/" + taken->name + "/";
  Result<store::VfsObject> data = f.vfs->Read(dir + "etcd.backup.gz");
  ASSERT_TRUE(data.ok()) << data.status().message();
  EXPECT_EQ(etcd::GzipDecompress(data->data).value(), "snapshot of member c");
  Result<store::VfsObject> meta = f.vfs->Read(dir + "_etcd_backup.meta");
  ASSERT_TRUE(meta.ok());
  etcd::BackupInfo info = etcd::DecodeBackupInfo(meta->data).value();
  EXPECT_EQ(info.etcd_version, "3.4.23");
  EXPECT_EQ(info.cluster_spec.member_count, 3);
  for (const HttpRequest& r : f.http.requests()) {
    if (r.url.find("/snapshot") != std::string::npos) {
      EXPECT_EQ(r.url, ClientUrl(2) + "/v3/maintenance/snapshot");
    }
  }
}

TEST(BackupEtcdNow, NoLeaderIsAnError) {
  Fixture f;
  f.leader = 99;  // nobody is the leader
  std::ostringstream progress;
  Result<instance::TakenBackup> taken = BackupEtcdNow(*f.vfs, f.cluster, "main", f.Access(), progress);
  EXPECT_EQ(taken.status().code(), Code::kUnavailable);
  EXPECT_TRUE(f.vfs->List("ha.example.com/backups/etcd/main/2").value().empty());
}

TEST(EtcdBackupOps, CustomBackupStoreIsUsedByBackupListAndRestore) {
  std::string url = Unique("backups") + "/etcd/main";
  Fixture f(url);
  std::ostringstream progress, out;
  Result<instance::TakenBackup> taken = BackupEtcdNow(*f.vfs, f.cluster, "main", f.Access(), progress);
  ASSERT_TRUE(taken.ok()) << taken.status().message();
  std::unique_ptr<store::Vfs> other = store::OpenVfs(url).value();
  EXPECT_TRUE(other->Read(taken->name + "/_etcd_backup.meta").ok());
  EXPECT_TRUE(f.vfs->List("ha.example.com/backups/etcd/main/2").value().empty());
  Result<std::vector<EtcdBackupRow>> rows = ListEtcdBackups(*f.vfs, f.cluster, {});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].name, taken->name);
  EtcdRestoreOptions o;
  o.backup = taken->name;
  EXPECT_TRUE(RestoreEtcd(*f.vfs, f.cluster, o, f.Access(), nullptr, out, progress).ok()) << out.str();
  EXPECT_NE(out.str().find("Must specify --yes"), std::string::npos);
}

TEST(RestoreEtcd, DryRunWritesNothing) {
  Fixture f;
  instance::EtcdBackupStore store = f.DefaultStore();
  std::string name = AddBackup(store, 0);
  std::vector<std::string> before = f.vfs->List("").value();
  EtcdRestoreOptions o;
  o.backup = name;
  std::ostringstream out, progress;
  ASSERT_TRUE(RestoreEtcd(*f.vfs, f.cluster, o, f.Access(), nullptr, out, progress).ok());
  EXPECT_EQ(f.vfs->List("").value(), before);
  EXPECT_NE(out.str().find("Will restore etcd cluster main of ha.example.com from backup " + name),
            std::string::npos) << out.str();
  EXPECT_NE(out.str().find("Must specify --yes to restore."), std::string::npos);
}

// On AWS the members are inside the VPC and kops' etcd-manager does backups and restores:
// both commands refuse, name what to do there, and write nothing.
TEST(EtcdBackupOps, OtherCloudsAreRefusedWithKopsWayAndNothingWritten) {
  Fixture f;
  f.cluster.spec.cloud_provider = "aws";
  instance::EtcdBackupStore store = f.DefaultStore();
  std::string name = AddBackup(store, 0);
  std::vector<std::string> before = f.vfs->List("").value();
  EtcdRestoreOptions o;
  o.backup = name;
  o.yes = true;
  std::ostringstream out, progress;
  Status restored = RestoreEtcd(*f.vfs, f.cluster, o, f.Access(), nullptr, out, progress);
  EXPECT_EQ(restored.code(), Code::kFailedPrecondition);
  EXPECT_NE(restored.message().find("runs on cloud \"aws\""), std::string::npos) << restored.message();
  EXPECT_NE(restored.message().find("etcd-manager-ctl --backup-store=" + store.Url() + " restore-backup"),
            std::string::npos) << restored.message();
  Result<instance::TakenBackup> taken = BackupEtcdNow(*f.vfs, f.cluster, "main", f.Access(), progress);
  EXPECT_EQ(taken.status().code(), Code::kFailedPrecondition);
  EXPECT_NE(taken.status().message().find("kops etcd backups list ha.example.com"), std::string::npos)
      << taken.status().message();
  EXPECT_EQ(f.vfs->List("").value(), before);
  EXPECT_TRUE(f.http.requests().empty()) << "no etcd member may be contacted";
}

TEST(RestoreEtcd, UnknownBackupListsTheAvailableOnes) {
  Fixture f;
  instance::EtcdBackupStore store = f.DefaultStore();
  std::string b1 = AddBackup(store, 0), b2 = AddBackup(store, 5);
  EtcdRestoreOptions o;
  o.backup = etcd::BackupName(std::chrono::system_clock::from_time_t(1714564800 + 120), 0);
  o.yes = true;
  std::ostringstream out, progress;
  Status s = RestoreEtcd(*f.vfs, f.cluster, o, f.Access(), nullptr, out, progress);
  EXPECT_EQ(s.code(), Code::kNotFound);
  EXPECT_NE(s.message().find("\"" + o.backup + "\" not found in"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("available: " + b1 + ", " + b2), std::string::npos) << s.message();
  EXPECT_TRUE(store.RestoreCommands().value().empty());
}

TEST(RestoreEtcd, WritesTheCommandWaitsForEachMemberThenRemovesIt) {
  Fixture f;
  instance::EtcdBackupStore store = f.DefaultStore();
  std::string name = AddBackup(store, 0);
  int sleeps = 0;
  std::string seen_command_json;
  f.clock.on_sleep = [&] {
    ++sleeps;
    std::vector<instance::StoredCommand> cmds = store.RestoreCommands().value();
    ASSERT_EQ(cmds.size(), 1u);
    if (seen_command_json.empty()) {
      seen_command_json = f.vfs->Read("ha.example.com/backups/etcd/main/control/" + cmds[0].name +
                                      "/_command.json").value().data;
    }
    // one member restores every other sleep
    if (sleeps % 2 == 0 && sleeps / 2 <= 3) {
      ASSERT_TRUE(store.MarkRestored(cmds[0].name, kMembers[sleeps / 2 - 1]).ok());
    }
  };
  int validations = 0;
  auto observe = [&]() -> Result<ValidationInput> {
    ++validations;
    return testing::HealthyInput();
  };
  EtcdRestoreOptions o;
  o.backup = name;
  o.yes = true;
  std::ostringstream out, progress;
  Status s = RestoreEtcd(*f.vfs, f.cluster, o, f.Access(), observe, out, progress);
  ASSERT_TRUE(s.ok()) << s.message() << "\n" << progress.str();
  nlohmann::json cmd = nlohmann::json::parse(seen_command_json);
  EXPECT_EQ(cmd["restoreBackup"]["backup"], name);
  EXPECT_EQ(cmd["restoreBackup"]["clusterSpec"]["memberCount"], 3);
  EXPECT_EQ(cmd["restoreBackup"]["clusterSpec"]["etcdVersion"], "3.4.23");
  EXPECT_TRUE(cmd["timestamp"].is_string());
  std::string p = progress.str();
  for (const std::string& m : kMembers)
    EXPECT_NE(p.find("member " + m + " restored the backup"), std::string::npos) << p;
  EXPECT_LT(p.find("member a restored"), p.find("member c restored"));
  EXPECT_NE(p.find("healthy with 3 members"), std::string::npos) << p;
  EXPECT_GE(validations, 1);
  EXPECT_TRUE(store.RestoreCommands().value().empty());
  EXPECT_TRUE(f.vfs->List("ha.example.com/backups/etcd/main/control/2").value().empty());
  EXPECT_TRUE(out.str().empty());
}

TEST(RestoreEtcd, TimeoutLeavesTheCommandAndSaysSo) {
  Fixture f;
  instance::EtcdBackupStore store = f.DefaultStore();
  std::string name = AddBackup(store, 0);
  f.clock.on_sleep = [&] {
    std::vector<instance::StoredCommand> cmds = store.RestoreCommands().value();
    ASSERT_EQ(cmds.size(), 1u);
    ASSERT_TRUE(store.MarkRestored(cmds[0].name, "b").ok());
  };
  EtcdRestoreOptions o;
  o.backup = name;
  o.yes = true;
  o.timeout = 30s;
  auto start = f.clock.Now();
  std::ostringstream out, progress;
  Status s = RestoreEtcd(*f.vfs, f.cluster, o, f.Access(), nullptr, out, progress);
  EXPECT_EQ(s.code(), Code::kDeadlineExceeded);
  EXPECT_NE(s.message().find("member(s) a, c did not restore"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("the restore command stays in the store"), std::string::npos);
  EXPECT_GE(f.clock.Now() - start, 30s);
  EXPECT_NE(progress.str().find("member b restored the backup"), std::string::npos) << progress.str();
  std::vector<instance::StoredCommand> cmds = store.RestoreCommands().value();
  ASSERT_EQ(cmds.size(), 1u);
  EXPECT_EQ(cmds[0].restore.backup, name);
}

}  // namespace
}  // namespace kops::ops
