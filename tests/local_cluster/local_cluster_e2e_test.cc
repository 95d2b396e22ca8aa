// The README's main job end to end: create → update --yes → API ready through the load
// balancer; a second update changes nothing; a killed control plane comes back on the
// same volume with its data; the API keeps taking writes with a zone down; zone-up heals;
// delete leaves no process and no file. Prints the bring-up time (BRINGUP_SECONDS=…).
#include <filesystem>
#include <iostream>

#include "local_cluster/cluster_harness.h"

namespace kops::e2e {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

class LocalClusterE2eTest : public LocalClusterHarness {
 protected:
  bool Ready() {
    auto r = Api("GET", "/readyz");
    return r.ok() && r->status == 200;
  }
  // The main etcd volume of zone, as the daemon describes it.
  cloud::local::Volume MainVolume(const std::string& zone) {
    auto v = client_->DescribeVolumes(ref_, {{"k8s.io/etcd/main", ""}}, zone);
    return v.ok() && v->size() == 1 ? (*v)[0] : cloud::local::Volume{};
  }
  bool WritesSucceed(const std::string& prefix, int count) {
    for (int i = 0; i < count; ++i) {
      std::string name = prefix + "-" + std::to_string(i);
      if (!WaitFor([&] { return PutConfigMap(name, name); }, 30000ms)) return false;
    }
    return true;
  }
};

TEST_F(LocalClusterE2eTest, BringUpFailuresRecoveryAndCleanDelete) {
  // Bring-up: create → update --yes → 6 running and /readyz through the LB.
  const auto t0 = Clock::now();
  auto created =
      Kops({"create", "cluster", "--cloud", "local", "--zones", "local-a,local-b,local-c",
            "--control-plane-zones", "local-a,local-b,local-c", "--node-count", "3", kCluster});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  auto dry = Kops({"update", "cluster", kCluster});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("Will create resources:"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("Volume/a.etcd-main.ha.local"), std::string::npos) << dry.out;
  auto updated = Kops({"update", "cluster", kCluster, "--yes"});
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  EXPECT_NE(updated.err.find("instance groups have their instances running"), std::string::npos)
      << updated.err;
  const double update_seconds = SecondsSince(t0);
  ASSERT_TRUE(WaitFor([&] { return RunningCount() == 6; }, 60000ms)) << Instances().dump();
  ASSERT_TRUE(WaitFor([&] { return Ready(); }, 60000ms)) << "API not ready through the LB";
  const double bringup_seconds = SecondsSince(t0);
  std::cout << "UPDATE_RETURNED_SECONDS=" << update_seconds
            << "\nBRINGUP_SECONDS=" << bringup_seconds << std::endl;

  // A second update changes nothing, and says so.
  std::string before = Instances().dump();
  auto again = Kops({"update", "cluster", kCluster, "--yes"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("No changes need to be applied"), std::string::npos) << again.err;
  auto again_dry = Kops({"update", "cluster", kCluster});
  EXPECT_EQ(again_dry.out, "No changes need to be applied\n") << again_dry.out;
  EXPECT_EQ(Instances().dump(), before);

  // Data written before a control plane is killed is there after it comes back.
  ASSERT_TRUE(WritesSucceed("before-kill", 3));
  std::string victim = RunningIn("control-plane-local-a");
  ASSERT_FALSE(victim.empty());
  cloud::local::Volume volume = MainVolume("local-a");
  ASSERT_EQ(volume.attached_to, victim);
  auto killed = Kops({"toolbox", "chaos", "kill-instance", kCluster, "--instance", victim});
  ASSERT_EQ(killed.exit_code, 0) << killed.err;
  std::string successor;
  ASSERT_TRUE(WaitFor(
      [&] {
        successor = RunningIn("control-plane-local-a");
        return !successor.empty() && successor != victim &&
               MainVolume("local-a").attached_to == successor;
      },
      60000ms))
      << Instances().dump();
  EXPECT_EQ(MainVolume("local-a").id, volume.id);  // the same volume, re-attached
  std::string successor_address;
  for (const auto& i : Instances())
    if (i["id"] == successor) successor_address = i["address"];
  EXPECT_TRUE(WaitFor(
      [&] {
        auto r = Api("GET", "/readyz", "", successor_address);
        return r.ok() && r->status == 200;
      },
      60000ms))
      << "the relaunched control plane did not become ready";
  for (int i = 0; i < 3; ++i) {
    std::string name = "before-kill-" + std::to_string(i);
    EXPECT_TRUE(WaitFor([&] { return GetConfigMap(name) == name; }, 20000ms)) << name;
  }

  // Zone down: writes through the LB still succeed; zone up heals.
  ASSERT_EQ(Kops({"toolbox", "chaos", "zone-down", kCluster, "--zone", "local-a"}).exit_code, 0);
  ASSERT_TRUE(WaitFor([&] { return RunningCount() == 4; }, 30000ms)) << Instances().dump();
  EXPECT_TRUE(WritesSucceed("zone-down", 5));
  ASSERT_EQ(Kops({"toolbox", "chaos", "zone-up", kCluster, "--zone", "local-a"}).exit_code, 0);
  ASSERT_TRUE(WaitFor([&] { return RunningCount() == 6; }, 60000ms)) << Instances().dump();
  std::string healed = RunningIn("control-plane-local-a");
  std::string healed_address;
  for (const auto& i : Instances())
    if (i["id"] == healed) healed_address = i["address"];
  EXPECT_TRUE(WaitFor(
      [&] {
        auto r = Api("GET", "/readyz", "", healed_address);
        return r.ok() && r->status == 200;
      },
      60000ms));
  for (std::string name : {"before-kill-0", "zone-down-0", "zone-down-4"}) {
    EXPECT_TRUE(WaitFor([&] { return GetConfigMap(name) == name; }, 20000ms)) << name;
  }

  // Delete: no process and no file of the cluster is left.
  auto deleted = Kops({"delete", "cluster", kCluster, "--yes"}, 90);
  ASSERT_EQ(deleted.exit_code, 0) << deleted.err;
  deleted_ = true;
  EXPECT_TRUE(WaitFor(
      [&] {
        auto left = ProcessesMentioning(dir_);
        return left.size() <= 1;  // the idle daemon, until it exits
      },
      30000ms))
      << ::testing::PrintToString(ProcessesMentioning(dir_));
  EXPECT_TRUE(std::filesystem::is_empty(dir_ + "/cloud/volumes"));
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/store/" + std::string(kCluster)));
  EXPECT_TRUE(WaitFor([&] { return ProcessesMentioning(dir_).empty(); }, 30000ms))
      << "the daemon did not exit when idle";
  EXPECT_TRUE(std::filesystem::is_empty(dir_ + "/cloud/lb"));
  // Not checked: cloud/instances/<id>/ (console log, etcd certificates) stays while the
  // daemon keeps terminated instances on record (reconciler.h terminated_retention).
}

}  // namespace
}  // namespace kops::e2e
