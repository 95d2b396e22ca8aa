// Every kops update_cluster fixture through the binary, offline: the Terraform written
// parses with a real HCL parser (@cdktf/hcl2json from tests/tools; skipped with the
// reason when node or the package is missing), and --lifecycle-overrides act as kops'.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>

#include "fixture_cluster.h"

namespace kops {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::FixtureCluster;
using testing::Slurp;

const std::string kTools = std::string(KOPS_SOURCE_DIR) + "/tests/tools/node_modules";

// hcl2json's JSON for the file at `path`, or "" with *error set.
std::string Hcl2Json(const fs::path& path, std::string* error) {
  std::string cmd = "NODE_PATH='" + kTools +
                    "' node -e \"require('@cdktf/hcl2json').parse('main.tf', "
                    "require('fs').readFileSync(process.argv[1], 'utf8'))"
                    ".then(j => console.log(JSON.stringify(j)))"
                    ".catch(e => { console.error(String(e)); process.exit(1); })\" '" +
                    path.string() + "' 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) {
    *error = "cannot run node";
    return "";
  }
  std::string out;
  std::array<char, 4096> buf;
  while (size_t n = fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  if (pclose(pipe) != 0) {
    *error = out;
    return "";
  }
  return out;
}

std::string ParserMissing() {
  if (!fs::exists(kTools + "/@cdktf/hcl2json")) return "run `npm install` in tests/tools for @cdktf/hcl2json";
  if (std::system("node --version >/dev/null 2>&1") != 0) return "node is not installed";
  return "";
}

class EveryFixture : public ::testing::TestWithParam<const char*> {};

TEST_P(EveryFixture, WrittenTerraformParsesWithHcl2Json) {
  if (std::string why = ParserMissing(); !why.empty()) GTEST_SKIP() << why;
  FixtureCluster c(GetParam(), "hcl");
  ASSERT_EQ(c.Create(), "");
  CommandResult r = c.Kops({"update", "cluster", c.name(), "--target", "terraform", "--out",
                            (c.dir() / "tf").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string error;
  std::string json = Hcl2Json(c.dir() / "tf/kubernetes.tf", &error);
  ASSERT_FALSE(json.empty()) << error;
  for (const char* want : {"\"aws_autoscaling_group\"", "\"aws_launch_template\"", "\"aws_vpc\"",
                           "\"provider\"", "\"output\"", "\"terraform\""}) {
    EXPECT_NE(json.find(want), std::string::npos) << GetParam() << ": " << want;
  }
}

INSTANTIATE_TEST_SUITE_P(UpdateCluster, EveryFixture,
                         ::testing::Values("minimal-1.32", "ha", "privatecalico", "complex"),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& ch : n) ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
                           return n;
                         });

class LifecycleOverridesTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(cluster_.Create(), ""); }
  CommandResult Update(std::vector<std::string> extra) {
    std::vector<std::string> args{"update", "cluster", cluster_.name()};
    args.insert(args.end(), extra.begin(), extra.end());
    return cluster_.Kops(args);
  }
  FixtureCluster cluster_{"minimal-1.32", ::testing::UnitTest::GetInstance()->current_test_info()->name()};
};

TEST_F(LifecycleOverridesTest, IgnoreDropsTheResourcesFromTerraformButNotTheReferences) {
  fs::path out = cluster_.dir() / "tf";
  CommandResult r = Update({"--target", "terraform", "--out", out.string(), "--lifecycle-overrides",
                            "SecurityGroup=Ignore"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string tf = Slurp(out / "kubernetes.tf");
  EXPECT_EQ(tf.find("resource \"aws_security_group\""), std::string::npos);
  EXPECT_NE(tf.find("resource \"aws_security_group_rule\""), std::string::npos);
  EXPECT_NE(tf.find("aws_security_group.nodes-minimal-example-com.id"), std::string::npos);
}

TEST_F(LifecycleOverridesTest, ExistsAndWarnIfChangesWarnsInTheDryRun) {
  CommandResult r = Update({"--lifecycle-overrides", "SecurityGroupRule=ExistsAndWarnIfChanges,IAMRole=Ignore"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("SecurityGroupRule/"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("IAMRole/"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("IAMRolePolicy/"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("lifecycle set to ExistsAndWarnIfChanges and object was not found"), std::string::npos)
      << r.err;
}

TEST_F(LifecycleOverridesTest, ExistsAndValidatesFailsOffline) {
  CommandResult r = Update({"--lifecycle-overrides", "VPC=ExistsAndValidates"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("VPC/minimal.example.com: lifecycle set to ExistsAndValidates"), std::string::npos)
      << r.err;
}

TEST_F(LifecycleOverridesTest, BadOverridesAreRejectedAndUnknownKindsWarned) {
  CommandResult bad = Update({"--lifecycle-overrides", "SecurityGroup"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("TaskName=Lifecycle"), std::string::npos) << bad.err;
  CommandResult unknown = Update({"--lifecycle-overrides", "SecurityGroup=Maybe"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("available lifecycles"), std::string::npos) << unknown.err;
  CommandResult kind = Update({"--lifecycle-overrides", "Widget=Ignore"});
  EXPECT_EQ(kind.exit_code, 0) << kind.err;
  EXPECT_NE(kind.err.find("no task of kind Widget"), std::string::npos) << kind.err;
}

}  // namespace
}  // namespace kops
