#include "cloud/local/haproxy_config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "base/file_util.h"
#include "cloud/local/process_runner.h"

namespace kops::cloud::local {
namespace {

HaproxyConfig Sample(const std::string& dir) {
  HaproxyConfig c;
  c.frontend_address = "127.31.5.1";
  c.frontend_port = 8443;
  c.backends = {{"i-0a", "127.31.4.1", 443}, {"i-0b", "127.42.7.1", 443}};
  c.runtime_socket = dir + "/haproxy.sock";
  c.pid_file = dir + "/haproxy.pid";
  return c;
}

TEST(HaproxyConfigTest, RendersTcpPassthroughWithTlsHealthChecks) {
  std::string text = RenderHaproxyConfig(Sample("/run/lb"));
  for (const char* want : {
           "  stats socket /run/lb/haproxy.sock mode 600 level admin\n",
           "  pidfile /run/lb/haproxy.pid\n",
           "  mode tcp\n",
           "  retries 3\n",
           "  option redispatch 1\n",    // every retry to another server
           "  timeout connect 250ms\n",  // and the turn-around before it stays short
           "  bind 127.31.5.1:8443\n",
           "  option httpchk GET /readyz\n",
           "  http-check expect status 200\n",
           "  default-server inter 500ms fall 2 rise 2 check-ssl verify none\n",
           "  timeout check 500ms\n",
           "  server i-0a 127.31.4.1:443 check\n  server i-0b 127.42.7.1:443 check\n",
           // fail open: the same servers, unchecked, used only when every one is down
           "  option allbackups\n",
           "  server i-0a-failopen 127.31.4.1:443 backup\n  server i-0b-failopen 127.42.7.1:443 backup\n",
       }) {
    EXPECT_NE(text.find(want), std::string::npos) << "missing: " << want << "\nin:\n" << text;
  }
  EXPECT_EQ(text.find("mode http"), std::string::npos);  // never terminates TLS
  EXPECT_EQ(text, RenderHaproxyConfig(Sample("/run/lb")));
}

TEST(HaproxyConfigTest, DrainCommands) {
  EXPECT_EQ(HaproxyDrainCommand("i-0a"), "set server api/i-0a state drain\n");
  EXPECT_EQ(HaproxyReadyCommand("i-0a"), "set server api/i-0a state ready\n");
  EXPECT_EQ(HaproxyRegisterCommand("i-0a"), "set server api/i-0a weight 1\n");
}

TEST(HaproxyConfigTest, ABackendNotRegisteredYetIsCheckedButWeighsNothing) {
  HaproxyConfig c = Sample("/run/lb");
  c.initial = {"i-0b"};
  std::string text = RenderHaproxyConfig(c);
  EXPECT_NE(text.find("  server i-0a 127.31.4.1:443 check\n  server i-0b 127.42.7.1:443 check weight 0\n"),
            std::string::npos)
      << text;
  // Its fail-open backup stays as it was: used only when no server passes its check.
  EXPECT_NE(text.find("  server i-0b-failopen 127.42.7.1:443 backup\n"), std::string::npos) << text;
}

// haproxy -c checks the file without binding anything.
TEST(HaproxyConfigTest, HaproxyAcceptsTheConfig) {
  const char* haproxy = "/usr/sbin/haproxy";
  if (access(haproxy, X_OK) != 0) GTEST_SKIP() << "haproxy is not installed at " << haproxy;
  auto dir = std::filesystem::temp_directory_path() / ("kops-haproxy-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string cfg = (dir / "haproxy.cfg").string();
  for (bool empty : {false, true}) {
    HaproxyConfig c = Sample(dir.string());
    if (empty) c.backends.clear();
    ASSERT_TRUE(WriteFileAtomic(cfg, RenderHaproxyConfig(c)).ok());
    RealProcessRunner runner;
    ProcessSpec spec;
    spec.argv = {haproxy, "-c", "-q", "-f", cfg};
    spec.log_file = (dir / "check.log").string();
    auto h = runner.Start(spec);
    ASSERT_TRUE(h.ok()) << h.status().ToString();
    auto exit = runner.Reap(*h, /*wait=*/true);
    ASSERT_TRUE(exit.ok() && exit->has_value());
    EXPECT_EQ((*exit)->code, 0) << "empty=" << empty << ": " << ReadFile(spec.log_file).value();
  }
  std::filesystem::remove_all(dir);
}

TEST(HaproxyConfigTest, ParsesTheApiServersOfShowStat) {
  std::string csv =
      "# pxname,svname,qcur,qmax,scur,smax,status,weight\n"
      "api,FRONTEND,,,3,5,OPEN,\n"
      "api,i-0a,0,0,2,4,DRAIN,1\n"
      "api,i-0b,0,0,0,1,UP 1/2,1\n"
      "api,BACKEND,0,0,2,5,UP,2\n"
      "stats,i-0c,0,0,9,9,UP,1\n"
      "\n";
  auto servers = ParseHaproxyStat(csv);
  ASSERT_TRUE(servers.ok()) << servers.status().message();
  EXPECT_EQ(*servers, (std::vector<HaproxyServerStat>{{"i-0a", "DRAIN", 2, 1}, {"i-0b", "UP 1/2", 0, 1}}));
  EXPECT_EQ(ParseHaproxyStat("api,i-0a,1\n").status().code(), Code::kInvalidArgument);
  auto bad = ParseHaproxyStat("# pxname,svname,scur,status,weight\napi,i-0a,0,UP,heavy\n");
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("weight \"heavy\" of server i-0a"), std::string::npos)
      << bad.status().message();
}

TEST(HaproxyConfigTest, AServerPassedItsCheckWhenUpWithAPassedLastCheck) {
  auto servers = ParseHaproxyStat(
      "# pxname,svname,scur,status,weight,check_status\n"
      "api,i-new,0,UP,0,INI\n"         // just loaded: UP before any check
      "api,i-ok,0,UP,0,L7OK\n"
      "api,i-rising,0,DOWN 1/2,0,L7OK\n"
      "api,i-failing,0,UP 1/2,1,L7STS\n"
      "api,i-down,0,DOWN,0,L4CON\n");
  ASSERT_TRUE(servers.ok()) << servers.status().message();
  ASSERT_EQ(servers->size(), 5u);
  EXPECT_EQ((*servers)[1], (HaproxyServerStat{"i-ok", "UP", 0, 0, "L7OK"}));
  std::vector<std::string> passed;
  for (const auto& s : *servers)
    if (PassedHealthCheck(s)) passed.push_back(s.name);
  EXPECT_EQ(passed, (std::vector<std::string>{"i-ok"}));
}

}  // namespace
}  // namespace kops::cloud::local
