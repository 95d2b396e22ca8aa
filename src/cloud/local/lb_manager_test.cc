#include "cloud/local/lb_manager.h"

#include <signal.h>

#include <algorithm>
#include <filesystem>

#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "base/file_util.h"
#include "cloud/local/fake_process_runner.h"

namespace kops::cloud::local {
namespace {

// haproxy's runtime API as the manager sees it: "show stat" answers the servers set by
// the test; every other command is recorded and answered as haproxy answers a success.
struct FakeRuntime {
  struct Server {
    std::string status;
    int weight;
    std::string check;
  };
  std::map<std::string, Server> servers;
  std::vector<std::string> commands;  // every command but "show stat", in order
  bool answering = true;

  Result<std::string> operator()(const std::string&, const std::string& command) {
    if (!answering) return Unavailable("connect: No such file or directory");
    if (command == kHaproxyShowStatCommand) {
      std::string csv = "# pxname,svname,scur,status,weight,check_status\n";
      for (const auto& [name, s] : servers)
        csv += "api," + name + ",0," + s.status + "," + std::to_string(s.weight) + "," + s.check + "\n";
      return csv;
    }
    commands.push_back(command);
    // "set server api/<name> weight <n>\n" changes the server, as haproxy does.
    const std::string prefix = "set server api/";
    size_t at = command.find(" weight ");
    if (command.rfind(prefix, 0) == 0 && at != std::string::npos) {
      auto it = servers.find(command.substr(prefix.size(), at - prefix.size()));
      if (it == servers.end()) return std::string("No such server.\n\n");
      it->second.weight = std::stoi(command.substr(at + 8));
    }
    return std::string("\n");
  }
};

class LoadBalancerManagerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = ::testing::TempDir() + "/lb_manager_" + ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::remove_all(root_);
    dir_ = std::make_unique<StateDir>(root_);
    ASSERT_TRUE(dir_->Init().ok());
    lbs_ = std::make_unique<LoadBalancerManager>(runner_, *dir_, clock_, "/usr/sbin/haproxy",
                                                 [this](const std::string& s, const std::string& c) {
                                                   return runtime_(s, c);
                                                 });
    LoadBalancer lb;
    lb.cluster_id = "c";
    lb.name = "api";
    lb.address = "127.9.0.1";
    lb.group_keys = {"c/control-plane"};
    state_.load_balancers[lb.Key()] = lb;
  }
  void Run(const std::string& id, const std::string& address) {
    Instance i;
    i.id = id;
    i.group_key = "c/control-plane";
    i.cluster_id = "c";
    i.address = address;
    state_.instances[id] = i;
  }
  LoadBalancer& lb() { return state_.load_balancers.begin()->second; }
  std::string Config() { return ReadFile(dir_->LoadBalancerDir(lb().Key()) + "/haproxy.cfg").value(); }
  // Signals sent to haproxy (SIGUSR2 = reload).
  std::vector<int> Signals() { return runner_.procs.at(lb().haproxy_pid).signals; }
  std::vector<std::string> Registrations() {
    std::vector<std::string> out;
    for (const auto& c : runtime_.commands)
      if (c.find(" weight ") != std::string::npos) out.push_back(c);
    return out;
  }

  std::string root_;
  FakeClock clock_;
  FakeProcessRunner runner_;
  FakeRuntime runtime_;
  std::unique_ptr<StateDir> dir_;
  std::unique_ptr<LoadBalancerManager> lbs_;
  CloudState state_;
};

TEST_F(LoadBalancerManagerTest, ANewBackendGetsConnectionsOnlyOnceItPassedACheckAndWithoutAReload) {
  Run("i-1", "127.1.0.1");
  runtime_.answering = false;  // haproxy is starting
  lbs_->Sync(state_);
  ASSERT_NE(lb().haproxy_pid, 0);
  EXPECT_NE(Config().find("  server i-1 127.1.0.1:443 check weight 0\n"), std::string::npos) << Config();
  EXPECT_TRUE(lb().registered.empty());

  // Loaded, not checked yet: haproxy calls it UP, but it is not registered.
  runtime_.answering = true;
  runtime_.servers = {{"i-1", {"UP", 0, "INI"}}};
  lbs_->Sync(state_);
  EXPECT_TRUE(Registrations().empty());
  // Its first check failed (its etcd member is not there yet), then two passed.
  runtime_.servers = {{"i-1", {"DOWN", 0, "L7STS"}}};
  lbs_->Sync(state_);
  runtime_.servers = {{"i-1", {"DOWN 1/2", 0, "L7OK"}}};
  lbs_->Sync(state_);
  EXPECT_TRUE(Registrations().empty());
  EXPECT_TRUE(lb().registered.empty());
  runtime_.servers = {{"i-1", {"UP", 0, "L7OK"}}};
  lbs_->Sync(state_);
  EXPECT_EQ(Registrations(), (std::vector<std::string>{"set server api/i-1 weight 1\n"}));
  EXPECT_EQ(lb().registered, (std::set<std::string>{"i-1"}));

  // The config now lists it registered; haproxy already has it: no reload.
  lbs_->Sync(state_);
  EXPECT_NE(Config().find("  server i-1 127.1.0.1:443 check\n"), std::string::npos) << Config();
  EXPECT_TRUE(Signals().empty());
  EXPECT_EQ(Registrations().size(), 1u);
}

TEST_F(LoadBalancerManagerTest, AJoiningBackendReloadsUnregisteredAndTheOthersKeepTheirWeight) {
  Run("i-1", "127.1.0.1");
  lbs_->Sync(state_);
  runtime_.servers = {{"i-1", {"UP", 0, "L7OK"}}};
  lbs_->Sync(state_);
  ASSERT_EQ(lb().registered, (std::set<std::string>{"i-1"}));

  Run("i-2", "127.2.0.1");
  runtime_.commands.clear();
  lbs_->Sync(state_);
  EXPECT_EQ(Signals(), (std::vector<int>{SIGUSR2}));
  EXPECT_NE(Config().find("  server i-1 127.1.0.1:443 check\n  server i-2 127.2.0.1:443 check weight 0\n"),
            std::string::npos)
      << Config();
  EXPECT_TRUE(runtime_.commands.empty()) << "nothing is registered while the old worker may answer";

  // The new worker loaded i-1 when it was still unregistered (weight 0): its weight is
  // given back; i-2 waits for its check.
  runtime_.servers = {{"i-1", {"UP", 0, "INI"}}, {"i-2", {"UP", 0, "INI"}}};
  lbs_->Sync(state_);
  EXPECT_EQ(Registrations(), (std::vector<std::string>{"set server api/i-1 weight 1\n"}));
  EXPECT_EQ(lb().registered, (std::set<std::string>{"i-1"}));
  // A drained registered server keeps its drain.
  runtime_.commands.clear();
  runtime_.servers = {{"i-1", {"DRAIN", 0, "L7OK"}}, {"i-2", {"UP", 0, "L7OK"}}};
  lbs_->Sync(state_);
  EXPECT_EQ(Registrations(), (std::vector<std::string>{"set server api/i-2 weight 1\n"}));
  EXPECT_EQ(lb().registered, (std::set<std::string>{"i-1", "i-2"}));

  // A backend that leaves is forgotten; the next with the same name would start over.
  state_.instances["i-1"].state = InstanceState::kTerminated;
  lbs_->Sync(state_);
  EXPECT_EQ(lb().registered, (std::set<std::string>{"i-2"}));
  EXPECT_EQ(Config().find("i-1"), std::string::npos);
  EXPECT_EQ(Signals(), (std::vector<int>{SIGUSR2, SIGUSR2}));
}

TEST_F(LoadBalancerManagerTest, OnceVerifiedAndAllRegisteredItStopsAskingHaproxy) {
  Run("i-1", "127.1.0.1");
  lbs_->Sync(state_);
  runtime_.servers = {{"i-1", {"UP", 0, "L7OK"}}};
  lbs_->Sync(state_);
  clock_.Advance(LoadBalancerManager::kVerifyFor);
  runtime_.commands.clear();
  runtime_.servers = {{"i-1", {"UP", 0, "L7OK"}}};  // would be given its weight if asked
  lbs_->Sync(state_);
  EXPECT_TRUE(runtime_.commands.empty()) << "no verification long after the last reload";
}

TEST_F(LoadBalancerManagerTest, AReloadHaproxyLostIsSignalledAgainAndOnlyThenAreNewServersRegistered) {
  Run("i-1", "127.1.0.1");
  lbs_->Sync(state_);
  runtime_.servers = {{"i-1", {"UP", 0, "L7OK"}}};
  lbs_->Sync(state_);
  Run("i-2", "127.2.0.1");
  lbs_->Sync(state_);
  ASSERT_EQ(Signals(), (std::vector<int>{SIGUSR2}));
  // The signal came while haproxy was still reloading: the worker still has only i-1.
  clock_.Advance(std::chrono::milliseconds(500));
  lbs_->Sync(state_);
  EXPECT_EQ(Signals(), (std::vector<int>{SIGUSR2})) << "it may still be reloading: not yet";
  clock_.Advance(std::chrono::milliseconds(500));
  lbs_->Sync(state_);
  EXPECT_EQ(Signals(), (std::vector<int>{SIGUSR2, SIGUSR2}));
  // Loaded now; i-2 is registered once it passed its check, with no further reload.
  runtime_.servers = {{"i-1", {"UP", 1, "INI"}}, {"i-2", {"UP", 0, "L7OK"}}};
  clock_.Advance(std::chrono::seconds(2));
  lbs_->Sync(state_);
  EXPECT_EQ(lb().registered, (std::set<std::string>{"i-1", "i-2"}));
  lbs_->Sync(state_);
  EXPECT_EQ(Signals(), (std::vector<int>{SIGUSR2, SIGUSR2}));
}

TEST(HaproxyRegistrationTest, TheConfigAfterARegistrationNeedsNoReloadButAnyOtherChangeDoes) {
  HaproxyConfig c;
  c.frontend_address = "127.9.0.1";
  c.backends = {{"i-1", "127.1.0.1", 443}, {"i-2", "127.2.0.1", 443}};
  c.initial = {"i-2"};
  std::string loaded = RenderHaproxyConfig(c);
  HaproxyConfig registered = c;
  registered.initial.clear();
  EXPECT_TRUE(DiffersOnlyInRegistrations(loaded, RenderHaproxyConfig(registered)));
  EXPECT_TRUE(DiffersOnlyInRegistrations(loaded, loaded));
  // Unregistering, adding or removing a server, or any other line: a reload.
  EXPECT_FALSE(DiffersOnlyInRegistrations(RenderHaproxyConfig(registered), loaded));
  HaproxyConfig more = registered;
  more.backends.push_back({"i-3", "127.3.0.1", 443});
  EXPECT_FALSE(DiffersOnlyInRegistrations(loaded, RenderHaproxyConfig(more)));
  HaproxyConfig fewer = registered;
  fewer.backends.pop_back();
  EXPECT_FALSE(DiffersOnlyInRegistrations(loaded, RenderHaproxyConfig(fewer)));
  HaproxyConfig moved = registered;
  moved.backends[1].address = "127.2.0.9";
  EXPECT_FALSE(DiffersOnlyInRegistrations(loaded, RenderHaproxyConfig(moved)));
}

}  // namespace
}  // namespace kops::cloud::local
