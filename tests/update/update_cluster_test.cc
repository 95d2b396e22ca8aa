// `kops update cluster` through the binary, offline: a file:// state store and no AWS
// credentials, so what only the cloud knows becomes Terraform data sources.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "support/run_command.h"

namespace kops {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::KopsBinary;
using testing::RunCommand;

const fs::path kFixture =
    fs::path(KOPS_SOURCE_DIR) / "tests/fixtures/kops/update_cluster/minimal-1.32";

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Every file below root with its content.
std::map<std::string, std::string> Tree(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) out[fs::relative(e.path(), root).string()] = Slurp(e.path());
  }
  return out;
}

// Writes `from` to `to` without the lines that contain `needle`.
void CopyWithoutLinesContaining(const fs::path& from, const fs::path& to, const std::string& needle) {
  std::istringstream in(Slurp(from));
  std::ofstream out(to);
  for (std::string line; std::getline(in, line);) {
    if (line.find(needle) == std::string::npos) out << line << "\n";
  }
}

class UpdateClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kops-update-e2e-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ = "file://" + (dir_ / "state").string();
    // the fixture without its memfs configBase, as kops' tests feed it
    CopyWithoutLinesContaining(kFixture / "in-v1alpha2.yaml", dir_ / "in.yaml", "configBase:");
    ASSERT_EQ(Kops({"create", "-f", (dir_ / "in.yaml").string()}).exit_code, 0);
    ASSERT_EQ(Kops({"create", "sshpublickey", "--name", "minimal.example.com", "-i",
                    (kFixture / "id_rsa.pub").string()})
                  .exit_code,
              0);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // No credentials anywhere: the render is offline.
  CommandResult Kops(std::vector<std::string> args) {
    args.insert(args.begin(), KopsBinary());
    args.push_back("--state");
    args.push_back(store_);
    std::map<std::string, std::string> env = {
        {"AWS_ACCESS_KEY_ID", ""},          {"AWS_SECRET_ACCESS_KEY", ""},
        {"AWS_PROFILE", ""},                {"AWS_SHARED_CREDENTIALS_FILE", (dir_ / "none").string()},
        {"AWS_CONFIG_FILE", (dir_ / "none").string()}, {"HOME", dir_.string()}};
    return RunCommand(args, env);
  }

  fs::path dir_;
  std::string store_;
};

TEST_F(UpdateClusterTest, DryRunOfflineShowsEverythingAsCreate) {
  CommandResult r = Kops({"update", "cluster", "minimal.example.com"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Will create resources:"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Will modify resources:"), std::string::npos);
  for (const char* key : {"LaunchTemplate/master-us-test-1a.masters.minimal.example.com",
                          "AutoscalingGroup/nodes.minimal.example.com",
                          "SecurityGroup/masters.minimal.example.com", "SQS/minimal-example-com-nth",
                          "IAMRolePolicy/masters.minimal.example.com"}) {
    std::string name = std::string(key).substr(std::string(key).find('/') + 1);
    EXPECT_NE(r.out.find(name), std::string::npos) << key;
  }
  EXPECT_NE(r.err.find("--yes"), std::string::npos);
  // a dry run changes nothing in the store
  EXPECT_FALSE(fs::exists(dir_ / "state/minimal.example.com/cluster-completed.spec"));
  EXPECT_FALSE(fs::exists(dir_ / "state/minimal.example.com/pki/private/kubernetes-ca"));
}

TEST_F(UpdateClusterTest, TerraformOfflineUsesDataSourcesAndWritesStateFiles) {
  CommandResult r = Kops({"update", "cluster", "minimal.example.com", "--target", "terraform",
                          "--out", (dir_ / "tf").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string tf = Slurp(dir_ / "tf/kubernetes.tf");
  for (const char* want : {"data \"aws_ami\"", "data \"aws_caller_identity\"", "data \"aws_partition\"",
                           "data \"aws_route53_zone\"", "resource \"aws_launch_template\"",
                           "resource \"aws_autoscaling_group\"", "resource \"aws_sqs_queue\""}) {
    EXPECT_NE(tf.find(want), std::string::npos) << want;
  }
  EXPECT_EQ(tf.find("aws_s3_object"), std::string::npos);  // file store: written directly
  EXPECT_TRUE(fs::exists(dir_ / "state/minimal.example.com/cluster-completed.spec"));
  EXPECT_TRUE(fs::exists(dir_ / "state/minimal.example.com/igconfig/node/nodes/nodeupconfig.yaml"));
  // The keystore holds the cluster's CAs and keypairs, as kops writes them whatever the
  // target; a second run keeps them.
  const fs::path pki = dir_ / "state/minimal.example.com/pki/private";
  for (const char* keyset : {"kubernetes-ca", "etcd-clients-ca", "etcd-manager-ca-main", "etcd-peers-ca-events",
                             "apiserver-aggregator-ca", "service-account"}) {
    EXPECT_TRUE(fs::exists(pki / keyset / "keyset.yaml")) << keyset;
  }
  EXPECT_NE(r.err.find("keyset(s) in the keystore"), std::string::npos) << r.err;
  std::string ca = Slurp(pki / "kubernetes-ca/keyset.yaml");
  CommandResult again = Kops({"update", "cluster", "minimal.example.com", "--target", "terraform", "--out",
                              (dir_ / "tf").string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.err.find("keyset(s) in the keystore"), std::string::npos) << again.err;
  EXPECT_EQ(Slurp(pki / "kubernetes-ca/keyset.yaml"), ca);
}

TEST_F(UpdateClusterTest, TerraformTwiceIsByteIdentical) {
  for (const char* out : {"tf1", "tf2"}) {
    CommandResult r = Kops({"update", "cluster", "--name", "minimal.example.com", "--target",
                            "terraform", "--out", (dir_ / out).string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // the second run finds the state files up to date and rewrites none
    if (std::string(out) == "tf2") {
      EXPECT_NE(r.err.find("Wrote 0 of"), std::string::npos) << r.err;
    }
  }
  auto first = Tree(dir_ / "tf1"), second = Tree(dir_ / "tf2");
  EXPECT_GT(first.size(), 5u);
  EXPECT_EQ(first, second);
}

TEST_F(UpdateClusterTest, ExportKubeconfigDefaultsTheApiNameWhenTheSpecHasNone) {
  // A spec as create cluster stores it: no masterPublicName (kops completes it to
  // api.<cluster>).
  CopyWithoutLinesContaining(dir_ / "in.yaml", dir_ / "no-public-name.yaml", "masterPublicName:");
  ASSERT_EQ(Kops({"replace", "-f", (dir_ / "no-public-name.yaml").string()}).exit_code, 0);
  CommandResult tf = Kops({"update", "cluster", "minimal.example.com", "--target", "terraform", "--out",
                           (dir_ / "tf").string()});
  ASSERT_EQ(tf.exit_code, 0) << tf.err;
  const fs::path kubeconfig = dir_ / "kubeconfig";
  CommandResult r = Kops({"export", "kubeconfig", "minimal.example.com", "--admin", "--kubeconfig", kubeconfig.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string written = Slurp(kubeconfig);
  EXPECT_NE(written.find("server: https://api.minimal.example.com"), std::string::npos) << written;
  EXPECT_NE(written.find("client-certificate-data:"), std::string::npos);
}

TEST_F(UpdateClusterTest, DirectApplyIsRefusedClearly) {
  CommandResult r = Kops({"update", "cluster", "minimal.example.com", "--yes"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--target terraform"), std::string::npos) << r.err;
}

TEST_F(UpdateClusterTest, UnknownClusterIsNamed) {
  CommandResult r = Kops({"update", "cluster", "nope.example.com"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("nope.example.com"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace kops
