// The README's main job end to end: create → a dry run that starts nothing → update
// --yes → validate cluster --wait → export kubeconfig --admin and kubectl get --raw
// /api/v1/nodes → get instances -o json; a second update changes nothing; a killed
// control plane comes back on the same volume with its data; the API keeps taking
// writes with a zone down; zone-up heals; delete leaves no process and no file. Prints
// the bring-up times (BRINGUP_SECONDS=…, VALIDATED_SECONDS=… from create).
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>

#include "local_cluster/cluster_harness.h"

namespace kops::e2e {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// The first executable `name` on $PATH, "" when there is none.
std::string FindOnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
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
  // kubectl (Debian's kubernetes-client, scripts/install-deps.sh) with the kubeconfig
  // that `kops export kubeconfig --admin` wrote: the API's Node list, through the load
  // balancer, with the server name, CA and client certificate kops put there.
  void KubectlListsTheNodes(const std::string& kubeconfig) {
    std::string kubectl = FindOnPath("kubectl");
    if (kubectl.empty()) {
      GTEST_SKIP() << "kubectl is not on PATH (scripts/install-deps.sh installs Debian's "
                      "kubernetes-client): `kubectl get --raw /api/v1/nodes` NOT checked";
    }
    auto env = env_;
    env["HOME"] = dir_ + "/home";  // kubectl's cache stays in the test's directory
    auto r = testing::RunCommand(
        {kubectl, "--kubeconfig", kubeconfig, "get", "--raw", "/api/v1/nodes"}, env, "", 60);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto nodes = nlohmann::json::parse(r.out, nullptr, false);
    ASSERT_TRUE(nodes.is_object()) << r.out;
    EXPECT_EQ(nodes.value("kind", ""), "NodeList") << r.out;
    ASSERT_EQ(nodes["items"].size(), 3u) << r.out;
    for (const auto& node : nodes["items"]) {
      EXPECT_FALSE(node["metadata"].value("name", "").empty()) << node.dump();
    }
    std::cout << "kubectl get --raw /api/v1/nodes: " << nodes["items"].size() << " nodes"
              << std::endl;
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
  // The dry run started no daemon and made no state directory (nor socket).
  EXPECT_TRUE(ProcessesMentioning(dir_).empty())
      << ::testing::PrintToString(ProcessesMentioning(dir_));
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/cloud/daemon.sock"));
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/cloud"));
  auto updated = Kops({"update", "cluster", kCluster, "--yes"});
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  EXPECT_NE(updated.err.find("instance groups have their instances running"), std::string::npos)
      << updated.err;
  const double update_seconds = SecondsSince(t0);
  ASSERT_TRUE(WaitFor([&] { return RunningCount() == 6; }, 60000ms)) << Instances().dump();
  ASSERT_TRUE(WaitFor([&] { return Ready(); }, 60000ms)) << "API not ready through the LB";
  const double bringup_seconds = SecondsSince(t0);
  auto validated = Kops({"validate", "cluster", kCluster, "--wait", "3m"}, 200);
  ASSERT_EQ(validated.exit_code, 0) << validated.out << validated.err;
  const double validated_seconds = SecondsSince(t0);
  EXPECT_NE(validated.out.find("is ready"), std::string::npos) << validated.out;
  std::cout << "UPDATE_RETURNED_SECONDS=" << update_seconds
            << "\nBRINGUP_SECONDS=" << bringup_seconds
            << "\nVALIDATED_SECONDS=" << validated_seconds << std::endl;

  // Admin credentials: kubectl reads the Node list through the load balancer.
  const std::string kubeconfig = dir_ + "/kubeconfig";
  auto exported = Kops({"export", "kubeconfig", kCluster, "--admin", "--kubeconfig", kubeconfig});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  ASSERT_TRUE(std::filesystem::exists(kubeconfig));
  KubectlListsTheNodes(kubeconfig);

  // `get instances -o json`: one object per instance with kops' keys.
  auto listed = Kops({"get", "instances", kCluster, "-o", "json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  auto instances = nlohmann::json::parse(listed.out, nullptr, false);
  ASSERT_TRUE(instances.is_array()) << listed.out;
  ASSERT_EQ(instances.size(), 6u) << listed.out;
  std::map<std::string, int> roles;
  std::set<std::string> zones, addresses;
  for (const auto& i : instances) {
    for (const char* key : {"id", "group", "role", "zone", "address", "state"}) {
      ASSERT_TRUE(i.contains(key) && i[key].is_string()) << key << " in " << i.dump();
    }
    EXPECT_EQ(i["id"].get<std::string>().rfind("i-", 0), 0u) << i.dump();
    EXPECT_EQ(i["state"], "running") << i.dump();
    EXPECT_EQ(i["address"].get<std::string>().rfind("127.", 0), 0u) << i.dump();
    EXPECT_NE(i["group"].get<std::string>().find(i["zone"].get<std::string>()), std::string::npos)
        << i.dump();  // control-plane-local-a, nodes-local-a, ...
    roles[i["role"]]++;
    zones.insert(i["zone"]);
    addresses.insert(i["address"]);
  }
  EXPECT_EQ(roles, (std::map<std::string, int>{{"ControlPlane", 3}, {"Node", 3}}));
  EXPECT_EQ(zones, (std::set<std::string>{"local-a", "local-b", "local-c"}));
  EXPECT_EQ(addresses.size(), 6u);

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
  // Instance directories (console logs, etcd certificates) go with their records once
  // the processes are gone, which delete waited for.
  std::string instance_dirs;
  for (const auto& e : std::filesystem::directory_iterator(dir_ + "/cloud/instances")) {
    instance_dirs += e.path().filename().string() + " ";
  }
  EXPECT_EQ(instance_dirs, "") << "instance directories left after delete";
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/store/" + std::string(kCluster)));
  EXPECT_TRUE(WaitFor([&] { return ProcessesMentioning(dir_).empty(); }, 30000ms))
      << "the daemon did not exit when idle";
  EXPECT_TRUE(std::filesystem::is_empty(dir_ + "/cloud/lb"));
  EXPECT_TRUE(std::filesystem::is_empty(dir_ + "/cloud/instances"));
}

}  // namespace
}  // namespace kops::e2e
