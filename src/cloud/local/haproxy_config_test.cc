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
  EXPECT_EQ(*servers, (std::vector<HaproxyServerStat>{{"i-0a", "DRAIN", 2}, {"i-0b", "UP 1/2", 0}}));
  EXPECT_EQ(ParseHaproxyStat("api,i-0a,1\n").status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace kops::cloud::local
