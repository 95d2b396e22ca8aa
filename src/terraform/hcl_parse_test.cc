// The written HCL parses with a real HCL parser: @cdktf/hcl2json (npm, installed into
// tests/tools by `npm install` there). Skipped when node or the package is missing.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>

#include <unistd.h>

#include "base/file_util.h"
#include "terraform/hcl.h"

namespace kops::terraform {
namespace {

const std::string kTools = std::string(KOPS_SOURCE_DIR) + "/tests/tools/node_modules";

// Runs hcl2json on `hcl`; returns the JSON text, or "" with *error set.
std::string Hcl2Json(const std::string& hcl, std::string* error) {
  // One file per test and process: ctest runs the tests of this binary in parallel.
  std::string path = testing::TempDir() + "/hcl_parse_test-" + std::to_string(::getpid()) + "-" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".tf";
  if (!WriteFileAtomic(path, hcl).ok()) {
    *error = "cannot write " + path;
    return "";
  }
  std::string cmd = "NODE_PATH='" + kTools +
                    "' node -e \"require('@cdktf/hcl2json').parse('main.tf', "
                    "require('fs').readFileSync(process.argv[1], 'utf8'))"
                    ".then(j => console.log(JSON.stringify(j)))"
                    ".catch(e => { console.error(String(e)); process.exit(1); })\" '" +
                    path + "' 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf;
  while (size_t n = fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  if (pclose(pipe) != 0) {
    *error = out;
    return "";
  }
  return out;
}

bool ParserInstalled() { return std::filesystem::exists(kTools + "/@cdktf/hcl2json"); }

TEST(HclParse, WrittenHclParses) {
  if (!ParserInstalled()) GTEST_SKIP() << "run `npm install` in tests/tools for @cdktf/hcl2json";
  Body body;
  body.Add("cidr_block", Expr::String("172.20.0.0/16"));
  body.Add("tags", Expr::MapOf({{"k8s.io/etcd/main", Expr::String("a/a")},
                                {"quote\"d ${x}", Expr::String("line\nbreak")}}));
  body.Add("vpc_id", Expr::RawText("aws_vpc.minimal-example-com.id"));
  body.Add("user_data", Expr::RawText("filebase64(\"${path.module}/data/x_user_data\")"));
  body.AddBlock(Block{"lifecycle", {}, Body().Add("create_before_destroy", Expr::Bool(true))});
  Block required{"required_providers", {}, {}};
  required.body.Add("aws", Expr::MapOf({{"configuration_aliases", Expr::RawText("[aws.files]")},
                                        {"source", Expr::String("hashicorp/aws")}}));
  Block settings{"terraform", {}, {}};
  settings.body.AddBlock(required);
  std::string hcl = WriteFile({Block{"resource", {"aws_subnet", "a-b"}, body}, settings});
  std::string error;
  std::string json = Hcl2Json(hcl, &error);
  ASSERT_FALSE(json.empty()) << error << "\n" << hcl;
  EXPECT_NE(json.find("\"cidr_block\":\"172.20.0.0/16\""), std::string::npos) << json;
  EXPECT_NE(json.find("line\\nbreak"), std::string::npos) << json;
  EXPECT_NE(json.find("\"a-b\""), std::string::npos) << json;
}

TEST(HclParse, RejectsBrokenHcl) {
  if (!ParserInstalled()) GTEST_SKIP() << "run `npm install` in tests/tools for @cdktf/hcl2json";
  std::string error;
  EXPECT_TRUE(Hcl2Json("resource \"a\" {\n  x = \n", &error).empty());
}

}  // namespace
}  // namespace kops::terraform
