#include "ops/kubeconfig.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>

#include "base/file_util.h"
#include "ops/duration.h"

namespace kops::ops {
namespace {

KubeconfigEntry Entry(const std::string& name) {
  return {name, "https://127.0.4.1:443", "api.internal." + name, "CA PEM\n", "CERT\n", "KEY\n"};
}

TEST(MergeKubeconfig, NewFile) {
  nlohmann::json c = MergeKubeconfig(nullptr, Entry("ha.local"));
  EXPECT_EQ(RenderKubeconfig(c),
            "apiVersion: v1\n"
            "clusters:\n"
            "- cluster:\n"
            "    certificate-authority-data: Q0EgUEVNCg==\n"
            "    server: https://127.0.4.1:443\n"
            "    tls-server-name: api.internal.ha.local\n"
            "  name: ha.local\n"
            "contexts:\n"
            "- context:\n"
            "    cluster: ha.local\n"
            "    user: ha.local\n"
            "  name: ha.local\n"
            "current-context: ha.local\n"
            "kind: Config\n"
            "preferences: {}\n"
            "users:\n"
            "- name: ha.local\n"
            "  user:\n"
            "    client-certificate-data: Q0VSVAo=\n"
            "    client-key-data: S0VZCg==\n");
}

TEST(MergeKubeconfig, ReplacesSameNameKeepsOthers) {
  const std::string existing =
      "apiVersion: v1\nkind: Config\ncurrent-context: other\n"
      "clusters:\n- name: other\n  cluster:\n    server: https://other:6443\n    insecure-skip-tls-verify: true\n"
      "- name: ha.local\n  cluster:\n    server: https://old\n"
      "users:\n- name: other\n  user:\n    token: abc\n"
      "contexts:\n- name: other\n  context:\n    cluster: other\n    user: other\n";
  Result<nlohmann::json> parsed = ParseKubeconfig(existing, "config");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  nlohmann::json c = MergeKubeconfig(*parsed, Entry("ha.local"));
  ASSERT_EQ(c["clusters"].size(), 2u);
  EXPECT_EQ(c["clusters"][0]["name"], "other");
  EXPECT_EQ(c["clusters"][0]["cluster"]["insecure-skip-tls-verify"], true);
  EXPECT_EQ(c["clusters"][1]["cluster"]["server"], "https://127.0.4.1:443");
  EXPECT_EQ(c["users"].size(), 2u);
  EXPECT_EQ(c["users"][0]["user"]["token"], "abc");
  EXPECT_EQ(c["contexts"].size(), 2u);
  EXPECT_EQ(c["current-context"], "ha.local");
  EXPECT_NE(RenderKubeconfig(c).find("insecure-skip-tls-verify: true\n"), std::string::npos);
}

TEST(MergeKubeconfig, UserWithoutCredentials) {
  KubeconfigEntry e = Entry("x");
  e.client_cert_pem.clear();
  e.client_key_pem.clear();
  nlohmann::json c = MergeKubeconfig(nullptr, e);
  EXPECT_EQ(c["users"][0]["user"], nlohmann::json::object());
}

TEST(WriteKubeconfig, CreatesDirectoryAndMergesWithMode0600) {
  std::string dir = ::testing::TempDir() + "/kubeconfig_test_" + std::to_string(getpid());
  std::filesystem::remove_all(dir);
  std::string path = dir + "/.kube/config";
  ASSERT_TRUE(WriteKubeconfig(path, Entry("one")).ok());
  Status st = WriteKubeconfig(path, Entry("two"));
  ASSERT_TRUE(st.ok()) << st.message();
  struct stat s {};
  ASSERT_EQ(stat(path.c_str(), &s), 0);
  EXPECT_EQ(s.st_mode & 0777, 0600u);
  nlohmann::json c = *ParseKubeconfig(*ReadFile(path), path);
  EXPECT_EQ(c["clusters"].size(), 2u);
  EXPECT_EQ(c["current-context"], "two");
  std::filesystem::remove_all(dir);
}

TEST(KubeconfigPath, FlagThenEnvThenHome) {
  EXPECT_EQ(KubeconfigPath("/x/y"), "/x/y");
  setenv("KUBECONFIG", ":/a/first:/b/second", 1);
  EXPECT_EQ(KubeconfigPath(""), "/a/first");
  unsetenv("KUBECONFIG");
  setenv("HOME", "/home/me", 1);
  EXPECT_EQ(KubeconfigPath(""), "/home/me/.kube/config");
}

TEST(ParseGoDuration, Units) {
  using namespace std::chrono_literals;
  EXPECT_EQ(*ParseGoDuration("18h"), 18h);
  EXPECT_EQ(*ParseGoDuration("1h30m"), 90min);
  EXPECT_EQ(*ParseGoDuration("3m"), 3min);
  EXPECT_EQ(*ParseGoDuration("30s"), 30s);
  EXPECT_EQ(*ParseGoDuration("1.5s"), 1500ms);
  EXPECT_EQ(*ParseGoDuration("250ms"), 250ms);
  EXPECT_EQ(*ParseGoDuration("0"), 0ms);
  for (const char* bad : {"", "18", "h", "1x", ".s", "1..2s"}) EXPECT_FALSE(ParseGoDuration(bad).ok()) << bad;
}

}  // namespace
}  // namespace kops::ops
