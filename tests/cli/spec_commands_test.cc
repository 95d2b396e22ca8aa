// The spec verbs end to end through the binary, on file:// state stores.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "api/codec.h"
#include "support/run_command.h"

namespace kops {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::KopsBinary;
using testing::RunCommand;

class SpecCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kops-cli-e2e-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ = "file://" + (dir_ / "state").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  CommandResult Kops(std::vector<std::string> args, const std::string& stdin_text = "",
                     std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), KopsBinary());
    args.push_back("--state");
    args.push_back(store_);
    return RunCommand(args, env, stdin_text);
  }

  // Every file in the state store with its content: to prove a failed command wrote nothing.
  std::map<std::string, std::string> Snapshot() const {
    std::map<std::string, std::string> out;
    fs::path root = dir_ / "state";
    if (!fs::exists(root)) return out;
    for (auto& e : fs::recursive_directory_iterator(root)) {
      if (!e.is_regular_file() || e.path().filename().string()[0] == '.') continue;
      std::ifstream in(e.path());
      out[fs::relative(e.path(), root).string()] = std::string(std::istreambuf_iterator<char>(in), {});
    }
    return out;
  }

  std::vector<api::Object> Objects(const std::string& yaml) {
    auto r = api::DecodeObjects(yaml, "output");
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : std::vector<api::Object>{};
  }

  void WriteFile(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }

  fs::path dir_;
  std::string store_;
};

const api::Cluster& ClusterOf(const std::vector<api::Object>& objects) {
  return std::get<api::Cluster>(objects.at(0));
}

std::vector<std::string> MemberNames(const api::Cluster& c, size_t i) {
  std::vector<std::string> names;
  for (const auto& m : c.spec.etcd_clusters.at(i).members) names.push_back(m.name + "@" + m.instance_group);
  return names;
}

TEST_F(SpecCommandsTest, KopsDocsHaExampleWithDeprecatedFlags) {
  auto r = Kops({"create", "cluster", "--node-count", "3", "--zones", "us-west-2a,us-west-2b,us-west-2c",
                 "--master-zones", "us-west-2a,us-west-2b,us-west-2c", "hacluster.example.com"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");  // stdout carries only requested output
  EXPECT_NE(r.err.find("deprecated"), std::string::npos) << r.err;
  auto get = Kops({"get", "all", "hacluster.example.com", "-o", "yaml"});
  ASSERT_EQ(get.exit_code, 0) << get.err;
  auto objects = Objects(get.out);
  ASSERT_EQ(objects.size(), 7u);  // cluster + 3 control planes + 3 node groups
  const auto& c = ClusterOf(objects);
  EXPECT_EQ(c.spec.cloud_provider, "aws");
  ASSERT_EQ(c.spec.etcd_clusters.size(), 2u);
  EXPECT_EQ(c.spec.etcd_clusters[0].name, "main");
  EXPECT_EQ(c.spec.etcd_clusters[1].name, "events");
  EXPECT_EQ(MemberNames(c, 0), (std::vector<std::string>{"a@control-plane-us-west-2a", "b@control-plane-us-west-2b",
                                                         "c@control-plane-us-west-2c"}));
  EXPECT_EQ(c.spec.config_base, store_ + "/hacluster.example.com");
  for (size_t i = 1; i <= 3; ++i) {
    const auto& ig = std::get<api::InstanceGroup>(objects[i]);
    EXPECT_EQ(ig.spec.role, "Master");
    EXPECT_EQ(ig.spec.min_size, 1);
    EXPECT_EQ(ig.spec.max_size, 1);
  }
}

TEST_F(SpecCommandsTest, KopsDocsPrivateCalicoExample) {
  auto r = Kops({"create", "cluster", "--node-count", "3", "--zones", "us-west-2a,us-west-2b,us-west-2c",
                 "--control-plane-zones", "us-west-2a,us-west-2b,us-west-2c", "--topology", "private",
                 "--networking", "calico", "private.example.com", "--dry-run", "-o", "yaml"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto objects = Objects(r.out);
  const auto& c = ClusterOf(objects);
  ASSERT_TRUE(c.spec.networking && c.spec.networking->calico);
  int priv = 0, utility = 0;
  for (const auto& s : c.spec.subnets) {
    priv += s.type == "Private";
    utility += s.type == "Utility";
  }
  EXPECT_EQ(priv, 3);
  EXPECT_EQ(utility, 3);
  EXPECT_TRUE(Snapshot().empty()) << "--dry-run must not write the state store";
}

TEST_F(SpecCommandsTest, KopsDocsThreeMastersOverTwoZones) {
  auto r = Kops({"create", "cluster", "--node-count", "3", "--master-count", "3", "--zones", "cn-north-1a,cn-north-1b",
                 "--master-zones", "cn-north-1a,cn-north-1b", "hacluster.k8s.local", "--dry-run", "-o", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // JSON output: a list of objects.
  auto json = nlohmann::json::parse(r.out);
  std::vector<std::string> groups;
  for (const auto& o : json)
    if (o["kind"] == "InstanceGroup" && o["spec"]["role"] == "Master") groups.push_back(o["metadata"]["name"]);
  EXPECT_EQ(groups, (std::vector<std::string>{"control-plane-cn-north-1a-1", "control-plane-cn-north-1b-1",
                                              "control-plane-cn-north-1a-2"}));
  // kops warns of two control planes in one zone; we also name the zone whose loss breaks quorum.
  EXPECT_NE(r.err.find("cn-north-1a"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("quorum"), std::string::npos) << r.err;
}

struct BadCreate {
  std::vector<std::string> args;
  std::string message;
};

TEST_F(SpecCommandsTest, CreateErrorsExitNonZeroNameTheProblemAndWriteNothing) {
  ASSERT_EQ(Kops({"create", "cluster", "--zones", "us-west-2a", "existing.example.com"}).exit_code, 0);
  auto before = Snapshot();
  const std::vector<BadCreate> cases = {
      {{"--zones", "us-west-2a,us-west-2b", "--control-plane-zones", "us-west-2a,us-west-2b"},
       "Should be an odd number of control-plane-zones for quorum"},
      {{"--zones", "us-west-2a", "--control-plane-count", "2"}, "odd number"},
      {{"--zones", "us-west-2a,us-west-2b,us-west-2c", "--topology", "private", "--networking", "kubenet"},
       "Kubenet does not support private topology"},
      {{"--zones", "us-west-2a,us-west-2b,us-west-2c", "--control-plane-zones", "us-west-2a,us-west-2b,us-west-2c",
        "--control-plane-count", "1"},
       "control-plane"},
      {{"--zones", "us-west-2a", "--topology", "sideways"}, "sideways"},
      {{"--zones", "nowhere-1"}, "--cloud"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"create", "cluster"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    args.push_back("bad.example.com");
    auto r = Kops(args);
    SCOPED_TRACE(::testing::PrintToString(c.args));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_EQ(Snapshot(), before);
  }
  auto dup = Kops({"create", "cluster", "--zones", "us-west-2a", "existing.example.com"});
  EXPECT_EQ(dup.exit_code, 1);
  EXPECT_NE(dup.err.find("already exists"), std::string::npos) << dup.err;
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(SpecCommandsTest, CreateFromFileGetReplaceDelete) {
  auto dry = Kops({"create", "cluster", "--zones", "us-west-2a,us-west-2b,us-west-2c", "--control-plane-zones",
                   "us-west-2a,us-west-2b,us-west-2c", "files.example.com", "--dry-run", "-o", "yaml"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  WriteFile("spec.yaml", dry.out);
  auto created = Kops({"create", "-f", (dir_ / "spec.yaml").string()});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  auto table = Kops({"get", "instancegroups", "--name", "files.example.com"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("control-plane-us-west-2a  ControlPlane"), std::string::npos) << table.out;
  auto again = Kops({"create", "-f", (dir_ / "spec.yaml").string()});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already exists"), std::string::npos);

  // replace: change a node group's size through a file.
  auto ig = Kops({"get", "ig", "nodes-us-west-2a", "--name", "files.example.com", "-o", "yaml"});
  ASSERT_EQ(ig.exit_code, 0) << ig.err;
  std::string text = ig.out;
  auto pos = text.find("maxSize: 1");
  ASSERT_NE(pos, std::string::npos) << text;
  text.replace(pos, 10, "maxSize: 5");
  WriteFile("ig.yaml", text);
  auto replaced = Kops({"replace", "-f", (dir_ / "ig.yaml").string()});
  ASSERT_EQ(replaced.exit_code, 0) << replaced.err;
  auto after = Kops({"get", "ig", "nodes-us-west-2a", "--name", "files.example.com", "-o", "json"});
  EXPECT_EQ(nlohmann::json::parse(after.out)["spec"]["maxSize"], 5);

  // Deleting a control-plane group would leave etcd members without an instance: refused.
  auto before = Snapshot();
  auto del_cp = Kops({"delete", "ig", "control-plane-us-west-2a", "--name", "files.example.com", "--yes"});
  EXPECT_EQ(del_cp.exit_code, 1);
  EXPECT_EQ(Snapshot(), before);
  auto del = Kops({"delete", "ig", "nodes-us-west-2c", "--name", "files.example.com", "--yes"});
  EXPECT_EQ(del.exit_code, 0) << del.err;
  auto gone = Kops({"delete", "cluster", "files.example.com", "--yes"});
  EXPECT_EQ(gone.exit_code, 0) << gone.err;
  EXPECT_TRUE(Snapshot().empty());
}

TEST_F(SpecCommandsTest, InvalidFileIsRejectedWithFileLineAndField) {
  WriteFile("bad.yaml",
            "apiVersion: kops.k8s.io/v1alpha2\nkind: Cluster\nmetadata:\n  name: bad.example.com\nspec:\n"
            "  kubernetesVersion: v1.32.0\n  etcdClusterz: []\n");
  auto r = Kops({"create", "-f", (dir_ / "bad.yaml").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad.yaml:7: field spec.etcdClusterz: unknown field"), std::string::npos) << r.err;
  EXPECT_TRUE(Snapshot().empty());
}

TEST_F(SpecCommandsTest, EditRejectsAnInvalidChangeAndKeepsTheOldSpec) {
  ASSERT_EQ(Kops({"create", "cluster", "--zones", "us-west-2a,us-west-2b,us-west-2c", "--control-plane-zones",
                  "us-west-2a,us-west-2b,us-west-2c", "edit.example.com"})
                .exit_code,
            0);
  auto before = Snapshot();
  // An "editor" that renames an etcd member: immutable after creation.
  WriteFile("rename-member.sh", "#!/bin/sh\nsed -i '0,/name: a$/s//name: z/' \"$1\"\n");
  fs::permissions(dir_ / "rename-member.sh", fs::perms::owner_all);
  auto bad = Kops({"edit", "cluster", "edit.example.com"}, "", {{"EDITOR", (dir_ / "rename-member.sh").string()}});
  EXPECT_EQ(bad.exit_code, 1) << bad.err;
  EXPECT_NE(bad.err.find("etcd"), std::string::npos) << bad.err;
  EXPECT_EQ(Snapshot(), before);
  // A valid edit is stored.
  WriteFile("version.sh", "#!/bin/sh\nsed -i 's/kubernetesVersion: .*/kubernetesVersion: v1.32.1/' \"$1\"\n");
  fs::permissions(dir_ / "version.sh", fs::perms::owner_all);
  auto good = Kops({"edit", "cluster", "edit.example.com"}, "", {{"EDITOR", (dir_ / "version.sh").string()}});
  EXPECT_EQ(good.exit_code, 0) << good.err;
  auto get = Kops({"get", "cluster", "edit.example.com", "-o", "yaml"});
  EXPECT_NE(get.out.find("kubernetesVersion: v1.32.1"), std::string::npos);
}

TEST_F(SpecCommandsTest, MissingStateStoreAndClusterAreClearErrors) {
  auto r = RunCommand({KopsBinary(), "get", "clusters"}, {{"KOPS_STATE_STORE", ""}});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("KOPS_STATE_STORE"), std::string::npos) << r.err;
  auto nf = Kops({"get", "cluster", "nope.example.com"});
  EXPECT_EQ(nf.exit_code, 1);
  EXPECT_NE(nf.err.find("nope.example.com"), std::string::npos);
  auto bad_output = Kops({"get", "clusters", "-o", "xml"});
  EXPECT_EQ(bad_output.exit_code, 1);
  EXPECT_NE(bad_output.err.find("\"yaml\""), std::string::npos);
}

TEST_F(SpecCommandsTest, SshPublicKeyIsStoredUnderItsFingerprint) {
  ASSERT_EQ(Kops({"create", "cluster", "--zones", "us-west-2a", "key.example.com"}).exit_code, 0);
  fs::path key = fs::path(KOPS_SOURCE_DIR) / "tests/fixtures/kops/update_cluster/ha/id_rsa.pub";
  auto r = Kops({"create", "sshpublickey", "-i", key.string(), "--name", "key.example.com"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Snapshot().count("key.example.com/pki/ssh/public/admin/c4a6ed9aa889b9e2c39cd663eb9c7157"));
}

TEST_F(SpecCommandsTest, VersionAndCompletion) {
  auto v = RunCommand({KopsBinary(), "version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_NE(v.out.find("Client version:"), std::string::npos);
  auto c = RunCommand({KopsBinary(), "completion", "bash"});
  EXPECT_EQ(c.exit_code, 0);
  EXPECT_NE(c.out.find("complete -F _kops kops"), std::string::npos);
  EXPECT_NE(c.out.find("--control-plane-zones"), std::string::npos);
}

}  // namespace
}  // namespace kops
