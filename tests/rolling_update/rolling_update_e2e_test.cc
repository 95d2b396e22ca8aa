// Issue 5, done when 1-3: `kops rolling-update cluster --yes --force` replaces every
// instance of a 3-zone cluster (3 and then 5 control planes) while `kops toolbox probe`
// writes through the load balancer: every instance replaced, 0 lost writes, the cluster
// validates after. Failed writes, the longest gap and the roll's time are printed
// (ROLL_… lines), never asserted. With zone local-a down the roll is refused naming
// quorum and nothing is terminated.
#include <future>
#include <iostream>
#include <set>

#include "local_cluster/cluster_harness.h"

namespace kops::e2e {
namespace {

using SteadyClock = std::chrono::steady_clock;

class RollingUpdateE2eTest : public LocalClusterHarness {
 protected:
  // create (3 zones, 3 nodes, extra flags) → update --yes → validate --wait.
  void BringUp(const std::vector<std::string>& extra, int instances) {
    std::vector<std::string> create = {"create", "cluster", "--cloud", "local", "--zones", "local-a,local-b,local-c",
                                       "--control-plane-zones", "local-a,local-b,local-c", "--node-count", "3"};
    create.insert(create.end(), extra.begin(), extra.end());
    create.push_back(kCluster);
    auto created = Kops(create);
    ASSERT_EQ(created.exit_code, 0) << created.err;
    auto updated = Kops({"update", "cluster", kCluster, "--yes"}, 180);
    ASSERT_EQ(updated.exit_code, 0) << updated.err;
    ASSERT_TRUE(WaitFor([&] { return RunningCount() == instances; }, 90000ms)) << Instances().dump();
    auto valid = Kops({"validate", "cluster", kCluster, "--wait", "3m"}, 200);
    ASSERT_EQ(valid.exit_code, 0) << valid.out << valid.err;
  }

  std::set<std::string> RunningIds() {
    std::set<std::string> ids;
    for (const auto& i : Instances())
      if (i.value("state", "") == "running") ids.insert(i.value("id", ""));
    return ids;
  }

  // The roll under the probe; prints and checks as the issue asks.
  void RollUnderProbe(const std::string& label, int instances, int probe_seconds) {
    std::set<std::string> before = RunningIds();
    ASSERT_EQ(static_cast<int>(before.size()), instances);
    auto dry = Kops({"rolling-update", "cluster", kCluster, "--force"});
    ASSERT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_NE(dry.out.find("NAME"), std::string::npos) << dry.out;
    EXPECT_NE(dry.out.find("Must specify --yes to rolling-update."), std::string::npos) << dry.out;
    EXPECT_EQ(RunningIds(), before) << "a dry run terminated something";

    std::vector<std::string> probe_argv = {testing::KopsBinary(), "toolbox", "probe", kCluster,
                                           "--duration", std::to_string(probe_seconds) + "s", "-o", "json"};
    auto probe = std::async(std::launch::async,
                            [&] { return testing::RunCommand(probe_argv, env_, "", probe_seconds + 60); });
    std::this_thread::sleep_for(2s);  // the probe is writing before the first instance goes
    const auto t0 = SteadyClock::now();
    auto roll = Kops({"rolling-update", "cluster", kCluster, "--yes", "--force", "--control-plane-interval", "2s",
                      "--node-interval", "2s", "--post-drain-delay", "0s", "--validate-count", "1",
                      "--validation-timeout", "2m", "--validate-tick-duration", "2s", "--drain-timeout", "30s"},
                     400);
    const double roll_seconds = std::chrono::duration<double>(SteadyClock::now() - t0).count();
    testing::CommandResult probed = probe.get();
    std::cerr << roll.err;
    ASSERT_EQ(roll.exit_code, 0) << roll.err;
    ASSERT_EQ(probed.exit_code, 0) << probed.err;
    nlohmann::json report = nlohmann::json::parse(probed.out, nullptr, false);
    ASSERT_TRUE(report.is_object()) << probed.out;
    std::cout << "ROLL_" << label << "_SECONDS=" << roll_seconds << "\nROLL_" << label
              << "_FAILED_WRITES=" << report.value("failed", -1) << "\nROLL_" << label
              << "_LONGEST_GAP_MS=" << report.value("longest_gap_ms", -1) << "\nROLL_" << label
              << "_ACKNOWLEDGED=" << report.value("acknowledged", -1) << "\nROLL_" << label
              << "_FIRST_ERROR=" << report.value("first_error", "") << std::endl;
    EXPECT_TRUE(report.value("verified", false)) << probed.out;
    EXPECT_EQ(report.value("lost", -1), 0) << probed.out;
    EXPECT_GT(report.value("acknowledged", 0), 0) << probed.out;

    // Every instance was replaced: none of the old ones runs, the groups are full again.
    ASSERT_TRUE(WaitFor([&] { return RunningCount() == instances; }, 60000ms)) << Instances().dump();
    std::set<std::string> after = RunningIds();
    for (const std::string& id : before) EXPECT_EQ(after.count(id), 0u) << id << " was not replaced";
    // No Node of a replaced instance is left (each was deleted before its instance went,
    // and its agent did not register it again); every Node is a running instance's.
    auto nodes = Api("GET", "/api/v1/nodes");
    ASSERT_TRUE(nodes.ok() && nodes->status == 200) << (nodes.ok() ? nodes->body : nodes.status().message());
    auto list = nlohmann::json::parse(nodes->body, nullptr, false);
    ASSERT_TRUE(list.is_object() && list.contains("items")) << nodes->body;
    for (const auto& node : list["items"]) {
      const std::string name = node["metadata"].value("name", "");
      EXPECT_EQ(after.count(name), 1u) << "Node " << name << " is not a running instance's";
    }
    auto valid = Kops({"validate", "cluster", kCluster, "--wait", "2m"}, 150);
    EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;
    auto again = Kops({"rolling-update", "cluster", kCluster});
    EXPECT_NE(again.out.find("No rolling-update required."), std::string::npos) << again.out;
  }
};

TEST_F(RollingUpdateE2eTest, ThreeControlPlanesAndNodesRollWithoutLosingWrites) {
  BringUp({}, 6);
  RollUnderProbe("3CP", 6, 45);
}

TEST_F(RollingUpdateE2eTest, FiveControlPlanesOverThreeZonesRollWithoutLosingWrites) {
  BringUp({"--control-plane-count", "5"}, 8);
  RollUnderProbe("5CP", 8, 60);
}

TEST_F(RollingUpdateE2eTest, RollThatWouldLoseQuorumIsRefused) {
  BringUp({}, 6);
  std::set<std::string> before = RunningIds();
  auto down = Kops({"toolbox", "chaos", "zone-down", kCluster, "--zone", "local-a"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  ASSERT_TRUE(WaitFor([&] { return RunningCount() == 4; }, 30000ms)) << Instances().dump();
  std::set<std::string> survivors = RunningIds();
  auto roll = Kops({"rolling-update", "cluster", kCluster, "--yes", "--force", "--validation-timeout", "10s"});
  EXPECT_NE(roll.exit_code, 0) << roll.out << roll.err;
  EXPECT_NE(roll.err.find("quorum needs 2"), std::string::npos) << roll.err;
  EXPECT_NE(roll.err.find("nothing was terminated"), std::string::npos) << roll.err;
  EXPECT_EQ(RunningIds(), survivors) << "the refused roll terminated an instance";
  for (const std::string& id : survivors) EXPECT_EQ(before.count(id), 1u);
}

}  // namespace
}  // namespace kops::e2e
