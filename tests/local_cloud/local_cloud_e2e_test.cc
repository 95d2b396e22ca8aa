// The local cloud daemon end to end: started on demand in a temporary state directory,
// a group whose instance is /bin/sleep, chaos through the kops binary, a daemon restart
// that adopts the instance, and deletion that leaves no process behind. Every wait is a
// bounded loop; on failure, every process of this test (found by its marker or state
// directory in /proc/<pid>/cmdline) is killed by pid.
#include <dirent.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cloud/local/client.h"
#include "support/run_command.h"

namespace kops::cloud::local {
namespace {

using namespace std::chrono_literals;

std::string Cmdline(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline");
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (char& c : s) c = c == '\0' ? ' ' : c;
  return s;
}

bool Zombie(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(in, line);
  size_t close = line.rfind(')');
  return close == std::string::npos || line.substr(close + 2, 1) == "Z";
}

// Live (non-zombie) processes whose command line contains needle (starts with it, when
// at_start: the instance itself, not its supervisor).
std::vector<int> ProcessesWith(const std::string& needle, bool at_start = false) {
  std::vector<int> out;
  DIR* proc = opendir("/proc");
  while (dirent* e = readdir(proc)) {
    int pid = std::atoi(e->d_name);
    if (pid <= 0 || pid == getpid()) continue;
    size_t at = Cmdline(pid).find(needle);
    if (at != std::string::npos && (!at_start || at == 0) && !Zombie(pid)) out.push_back(pid);
  }
  closedir(proc);
  return out;
}

// Waits (bounded) until check() holds, reaping orphans adopted by this subreaper.
bool WaitFor(const std::function<bool()>& check, std::chrono::seconds timeout = 20s) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    while (waitpid(-1, nullptr, WNOHANG) > 0) {
    }
    if (check()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return check();
}

class LocalCloudE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    prctl(PR_SET_CHILD_SUBREAPER, 1);  // PID 1 here does not reap: orphans come to us
    char tmpl[] = "/tmp/kops-lc-XXXXXX";
    dir_ = mkdtemp(tmpl);
    marker_ = std::to_string(3000 + getpid() % 997);
    env_ = {{"KOPS_LOCAL_CLOUD_DIR", dir_},
            {"KOPS_STATE_STORE", "file://" + dir_ + "/store"},
            {"KOPS_LOCAL_CLOUD_IDLE_EXIT", "5"}};
    for (const auto& [k, v] : env_) setenv(k.c_str(), v.c_str(), 1);
    ClientOptions o;
    o.state_dir = dir_;
    o.daemon_argv = {testing::KopsBinary(), "toolbox", "local-cloud", "daemon"};
    client_ = std::make_unique<LocalCloudClient>(o);
    ref_ = {env_["KOPS_STATE_STORE"], "e2e.local"};
  }
  void TearDown() override {
    for (const std::string& needle : {"/bin/sleep " + marker_, dir_}) {
      for (int pid : ProcessesWith(needle)) kill(pid, SIGKILL);
    }
    WaitFor([&] { return ProcessesWith(dir_).empty(); }, 5s);
    std::filesystem::remove_all(dir_);
  }

  testing::CommandResult Kops(std::vector<std::string> args) {
    args.insert(args.begin(), testing::KopsBinary());
    return testing::RunCommand(args, env_, "", 30);
  }
  // `kops get instances -o json`, parsed.
  nlohmann::json Instances() {
    auto r = Kops({"get", "instances", "e2e.local", "-o", "json"});
    if (r.exit_code != 0) return nlohmann::json::array();
    return nlohmann::json::parse(r.out, nullptr, false);
  }
  // The id of the one running instance, "" unless exactly one runs.
  std::string RunningId() {
    nlohmann::json list = Instances();
    std::string id;
    int running = 0;
    for (const auto& i : list) {
      if (i.value("state", "") == "running") {
        id = i["id"];
        ++running;
      }
    }
    return running == 1 ? id : "";
  }
  std::vector<int> Sleeps() { return ProcessesWith("/bin/sleep " + marker_, true); }
  int SleepCount() { return static_cast<int>(Sleeps().size()); }
  int DaemonPid() {
    auto s = client_->GetStatus();
    return s.ok() ? (*s)["daemon"]["pid"].get<int>() : 0;
  }

  std::string dir_, marker_;
  std::map<std::string, std::string> env_;
  std::unique_ptr<LocalCloudClient> client_;
  ClusterRef ref_;
};

TEST_F(LocalCloudE2eTest, RelaunchZoneDownAdoptionAndCleanDelete) {
  CreateGroupRequest g{ref_, "nodes", {"local-a"}, 1, 1, 1, {}, {{"k8s.io/role/node", "1"}}};
  g.launch.argv = {"/bin/sleep", marker_};
  ASSERT_TRUE(client_->CreateGroup(g).ok());
  auto lb = client_->EnsureLoadBalancer({ref_, "api", 443, 443, {"nodes"}});
  ASSERT_TRUE(lb.ok()) << lb.status().message();

  std::string first;
  ASSERT_TRUE(WaitFor([&] { return !(first = RunningId()).empty(); }));
  ASSERT_TRUE(WaitFor([&] { return SleepCount() == 1; }));
  nlohmann::json row = Instances()[0];
  std::vector<std::string> keys;
  for (const auto& [k, v] : row.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"address", "group", "id", "role", "state", "zone"}));
  EXPECT_EQ(row["role"], "Node");
  EXPECT_EQ(row["zone"], "local-a");
  EXPECT_TRUE(WaitFor([&] {
    auto s = client_->GetStatus();
    int pid = s.ok() && !(*s)["load_balancers"].empty()
                  ? (*s)["load_balancers"][0]["haproxy_pid"].get<int>()
                  : 0;
    return pid > 0 && kill(pid, 0) == 0;
  })) << "haproxy did not start; see "
      << dir_ << "/lb";

  // kill-instance: the group relaunches it.
  auto killed = Kops({"toolbox", "chaos", "kill-instance", "e2e.local", "--instance", first});
  ASSERT_EQ(killed.exit_code, 0) << killed.err;
  std::string second;
  ASSERT_TRUE(WaitFor([&] { return !(second = RunningId()).empty() && second != first; }));
  ASSERT_TRUE(WaitFor([&] { return SleepCount() == 1; }));

  // zone-down: it stops and nothing is relaunched until zone-up.
  ASSERT_EQ(Kops({"toolbox", "chaos", "zone-down", "e2e.local", "--zone", "local-a"}).exit_code, 0);
  ASSERT_TRUE(WaitFor([&] { return Instances().empty() && SleepCount() == 0; }));
  std::this_thread::sleep_for(1500ms);  // several daemon ticks
  EXPECT_TRUE(Instances().empty());
  EXPECT_EQ(SleepCount(), 0);
  ASSERT_EQ(Kops({"toolbox", "chaos", "zone-up", "e2e.local", "--zone", "local-a"}).exit_code, 0);
  std::string third;
  ASSERT_TRUE(WaitFor([&] { return !(third = RunningId()).empty(); }));
  ASSERT_TRUE(WaitFor([&] { return SleepCount() == 1; }));
  int sleep_pid = Sleeps()[0];

  // Restart the daemon: the instance is adopted, not relaunched.
  int old_daemon = DaemonPid();
  ASSERT_GT(old_daemon, 0);
  ASSERT_EQ(Kops({"toolbox", "local-cloud", "stop"}).exit_code, 0);
  ASSERT_TRUE(WaitFor([&] { return kill(old_daemon, 0) != 0; }));
  EXPECT_EQ(RunningId(), third);  // starts a new daemon on demand
  EXPECT_NE(DaemonPid(), old_daemon);
  std::this_thread::sleep_for(1000ms);
  EXPECT_EQ(RunningId(), third);
  ASSERT_EQ(Sleeps(), std::vector<int>{sleep_pid});
  auto status = Kops({"toolbox", "local-cloud", "status"});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find(third), std::string::npos) << status.out;

  // Delete everything: no process is left, and the idle daemon exits by itself.
  ASSERT_TRUE(client_->DeleteCluster(ref_).ok());
  ASSERT_TRUE(client_->WaitNoLiveInstances(ref_, 20s).ok());
  EXPECT_TRUE(WaitFor([&] { return SleepCount() == 0; }));
  int daemon = DaemonPid();
  EXPECT_TRUE(WaitFor([&] { return kill(daemon, 0) != 0; }, 30s))
      << "daemon did not exit when idle";
  EXPECT_TRUE(WaitFor([&] { return ProcessesWith(dir_).empty(); }))
      << "left: " << ::testing::PrintToString(ProcessesWith(dir_));
}

}  // namespace
}  // namespace kops::cloud::local
