// Where etcd backups go: the spec's backups.backupStore, else the state store's default.
#include "instance/etcd_backup_location.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>

#include "instance/etcd_backups.h"

namespace kops::instance {
namespace {

std::string Unique(const std::string& what) {
  static std::atomic<int> n{0};
  return "memfs://h9-loc-" + what + "-" + std::to_string(::getpid()) + "-" + std::to_string(n++);
}

TEST(EtcdBackupLocation, DefaultIsUnderTheStateStore) {
  std::unique_ptr<store::Vfs> state = store::OpenVfs(Unique("state")).value();
  EtcdBackupLocation loc = EtcdBackupLocation::Resolve(*state, "ha.example.com", "events", "").value();
  EXPECT_EQ(&loc.vfs(), state.get());
  EXPECT_EQ(loc.dir(), "ha.example.com/backups/etcd/events");
  EXPECT_EQ(loc.Url(), state->Url() + "/ha.example.com/backups/etcd/events");
  EtcdBackupStore store = loc.Store();
  EXPECT_EQ(store.Url(), loc.Url());
  EXPECT_TRUE(store.Add("2024-05-01T12:00:00Z-000001", "gz", {"3.4.23", 1, {3, "3.4.23"}}).ok());
  EXPECT_TRUE(state->Read("ha.example.com/backups/etcd/events/2024-05-01T12:00:00Z-000001/_etcd_backup.meta").ok());
}

TEST(EtcdBackupLocation, UrlInsideTheStateStoreUsesItsVfs) {
  std::unique_ptr<store::Vfs> state = store::OpenVfs(Unique("state")).value();
  int opened = 0;
  VfsOpener open = [&](const std::string& url) { ++opened; return store::OpenVfs(url); };
  // What create cluster writes as the default (api/defaults.cc), with a trailing slash.
  EtcdBackupLocation loc = EtcdBackupLocation::Resolve(
      *state, "ha.example.com", "main", state->Url() + "/ha.example.com/backups/etcd/main/", open).value();
  EXPECT_EQ(opened, 0);
  EXPECT_EQ(&loc.vfs(), state.get());
  EXPECT_EQ(loc.dir(), "ha.example.com/backups/etcd/main");
  loc = EtcdBackupLocation::Resolve(*state, "ha.example.com", "main", state->Url() + "/elsewhere/x", open).value();
  EXPECT_EQ(loc.dir(), "elsewhere/x");
  // A name that only starts like the state store's is another store.
  std::string sibling = state->Url() + "-other/etcd";
  loc = EtcdBackupLocation::Resolve(*state, "ha.example.com", "main", sibling, open).value();
  EXPECT_EQ(opened, 1);
  EXPECT_NE(&loc.vfs(), state.get());
}

TEST(EtcdBackupLocation, OtherUrlIsOpenedAndBackupsGoThere) {
  std::unique_ptr<store::Vfs> state = store::OpenVfs(Unique("state")).value();
  std::string url = Unique("backups");
  std::vector<std::string> asked;
  VfsOpener open = [&](const std::string& u) { asked.push_back(u); return store::OpenVfs(u); };
  EtcdBackupLocation loc = EtcdBackupLocation::Resolve(*state, "ha.example.com", "main", url + "/", open).value();
  EXPECT_EQ(asked, std::vector<std::string>{url});
  EXPECT_EQ(loc.dir(), "");
  EXPECT_EQ(loc.Url(), url);
  EtcdBackupLocation moved = std::move(loc);
  EtcdBackupStore store = moved.Store();
  ASSERT_TRUE(store.Add("2024-05-01T12:00:00Z-000001", "gz", {"3.4.23", 1, {3, "3.4.23"}}).ok());
  EXPECT_EQ(store.List().value().size(), 1u);
  EXPECT_TRUE(store::OpenVfs(url).value()->Read("2024-05-01T12:00:00Z-000001/etcd.backup.gz").ok());
  EXPECT_TRUE(state->List("").value().empty());
}

TEST(EtcdBackupLocation, BadUrlNamesTheField) {
  std::unique_ptr<store::Vfs> state = store::OpenVfs(Unique("state")).value();
  Result<EtcdBackupLocation> loc =
      EtcdBackupLocation::Resolve(*state, "ha.example.com", "events", "gopher://x/y");
  ASSERT_EQ(loc.status().code(), Code::kInvalidArgument);
  EXPECT_NE(loc.status().message().find("etcdClusters[events].backups.backupStore \"gopher://x/y\""),
            std::string::npos)
      << loc.status().message();
}

TEST(EtcdBackupLocation, ForReadsTheSpec) {
  std::unique_ptr<store::Vfs> state = store::OpenVfs(Unique("state")).value();
  api::Cluster cluster;
  cluster.metadata.name = "ha.example.com";
  api::EtcdClusterSpec etcd;
  etcd.name = "main";
  EXPECT_EQ(EtcdBackupLocationFor(*state, cluster, etcd).value().dir(), "ha.example.com/backups/etcd/main");
  etcd.backups = api::EtcdBackupSpec{state->Url() + "/custom/main", ""};
  EXPECT_EQ(EtcdBackupLocationFor(*state, cluster, etcd).value().dir(), "custom/main");
}

TEST(EtcdBackupSettings, CarryTheSpecsBackupStore) {
  api::Cluster cluster;
  api::EtcdClusterSpec main, events;
  main.name = "main";
  main.backups = api::EtcdBackupSpec{"s3://bucket/etcd/main", ""};
  events.name = "events";
  cluster.spec.etcd_clusters = {main, events};
  auto settings = EtcdBackupSettingsFor(cluster, [](const char*) -> const char* { return nullptr; }).value();
  EXPECT_EQ(settings["main"].backup_store, "s3://bucket/etcd/main");
  EXPECT_EQ(settings["events"].backup_store, "");
}

}  // namespace
}  // namespace kops::instance
