// What issue 4 promises of an HA control plane on the local cloud, through the binary on
// a real 3-zone cluster (one per test, so they run in parallel): the etcd leader's
// control plane killed under a write probe; a zone down and up; two zones down (quorum
// lost, then healed); a member's volume lost; the cloud daemon restarted mid-run.
// Measurements are printed (LEADER_KILL_PROBE=…), never asserted.
#include <iostream>
#include <regex>

#include "local_cluster/ha_scenario.h"

namespace kops::e2e {
namespace {

using HaFailuresE2eTest = HaScenario;

// Done-when 2: the leader's control plane is killed while a probe writes through the LB.
TEST_F(HaFailuresE2eTest, EtcdLeaderKillLosesNoAcknowledgedWrite) {
  ASSERT_NO_FATAL_FAILURE(BringUp());
  std::vector<std::string> before = WriteAll("before-kill", 3);
  Validation healthy = Validate();
  nlohmann::json leader = healthy.Leader("main");
  ASSERT_TRUE(leader.is_object()) << healthy.json.dump(1);

  auto probe = KopsInBackground({"toolbox", "probe", kCluster, "--duration", "15s", "-o", "json"}, 90);
  // Kill once the probe is writing: one of its configmaps is listed.
  ASSERT_TRUE(WaitFor(
      [&] {
        auto r = Api("GET", "/api/v1/namespaces/default/configmaps");
        return r.ok() && r->status == 200 && r->body.find("kops-probe-") != std::string::npos;
      },
      20000ms))
      << "the probe never wrote";
  auto killed = Kops({"toolbox", "chaos", "kill-instance", kCluster, "--etcd-leader", "main"});
  ASSERT_EQ(killed.exit_code, 0) << killed.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(killed.err, m, std::regex("Killed instance (i-[0-9a-z]+) \\(zone (local-[abc])\\)")))
      << killed.err;
  const std::string victim = m[1], zone = m[2];
  EXPECT_NE(killed.err.find("leader of etcd cluster main, member \""), std::string::npos) << killed.err;
  // The leader validate saw a moment ago (an election in between would be a surprise).
  EXPECT_EQ(victim, leader.value("instance", "")) << killed.err;
  const std::string group = "control-plane-" + zone;
  const cloud::local::Volume volume = EtcdVolume("main", zone);
  ASSERT_FALSE(volume.id.empty());

  std::string successor;
  ASSERT_TRUE(WaitFor(
      [&] {
        successor = RunningIn(group);
        return !successor.empty() && successor != victim && EtcdVolume("main", zone).attached_to == successor;
      },
      60000ms))
      << Instances().dump();
  EXPECT_EQ(EtcdVolume("main", zone).id, volume.id) << "the relaunched member must get its own volume back";

  testing::CommandResult probed = probe.get();
  auto report = nlohmann::json::parse(probed.out, nullptr, false);
  ASSERT_TRUE(report.is_object() && report.contains("lost")) << probed.out << probed.err;
  std::cout << "LEADER_KILL_PROBE=" << report.dump() << std::endl;
  EXPECT_EQ(report["lost"], 0) << "acknowledged writes lost: " << report.dump();
  EXPECT_GT(report.value("acknowledged", 0), 0) << report.dump();

  Validation after = Validate("2m");
  EXPECT_EQ(after.exit_code, 0) << after.json.dump(1) << after.err;
  ExpectAllReadable(before);
}

// Done-when 3: zone local-a down: validate names exactly what is down, the API keeps
// taking writes; zone-up heals without loss.
TEST_F(HaFailuresE2eTest, ZoneDownIsReportedExactlyAndHealsWithoutLoss) {
  ASSERT_NO_FATAL_FAILURE(BringUp());
  std::vector<std::string> written = WriteAll("before-zone-down", 3);
  const std::string lost_node = RunningIn("nodes-local-a");
  ASSERT_FALSE(lost_node.empty());
  ASSERT_EQ(Kops({"toolbox", "chaos", "zone-down", kCluster, "--zone", "local-a"}).exit_code, 0);
  ASSERT_TRUE(WaitFor([&] { return RunningCount() == 4; }, 30000ms)) << Instances().dump();
  // The surviving control planes delete the Node of the instance that is gone (a cloud
  // controller manager's node lifecycle), instead of leaving it NotReady for good.
  std::string nodes_body;
  EXPECT_TRUE(WaitFor(
      [&] {
        auto r = Api("GET", "/api/v1/nodes");
        if (!r.ok() || r->status != 200) return false;
        nodes_body = r->body;
        return nodes_body.find(lost_node) == std::string::npos;
      },
      30000ms))
      << "Node " << lost_node << " is still listed: " << nodes_body;

  const std::set<std::string> down = {"InstanceGroup control-plane-local-a", "InstanceGroup nodes-local-a",
                                      "EtcdMember etcd-main/a", "EtcdMember etcd-events/a"};
  Validation v;
  // Until etcd's leader (if it was in local-a) is re-elected the report may say more.
  EXPECT_TRUE(WaitFor(
      [&] {
        v = Validate();
        return v.Failures() == down;
      },
      30000ms))
      << v.json.dump(1);
  EXPECT_NE(v.exit_code, 0);
  EXPECT_NE(v.err.find("validation failed"), std::string::npos) << v.err;
  for (const std::string etcd : {"main", "events"}) {
    nlohmann::json a = v.Member(etcd, "a");
    ASSERT_TRUE(a.is_object()) << v.json.dump(1);
    EXPECT_EQ(a["zone"], "local-a");
    EXPECT_EQ(a["instance"], "");
    EXPECT_EQ(a["healthy"], false);
    for (const std::string other : {"b", "c"}) EXPECT_EQ(v.Member(etcd, other)["healthy"], true) << etcd << other;
    nlohmann::json leader = v.Leader(etcd);
    ASSERT_TRUE(leader.is_object()) << etcd << " has no leader: " << v.json.dump(1);
    EXPECT_NE(leader["zone"], "local-a");
  }
  for (const auto& f : v.json["failures"]) {
    if (f["name"] == "etcd-main/a") {
      EXPECT_EQ(f["message"], "etcd member \"a\" of cluster main (zone local-a) has no running instance");
    }
    if (f["name"] == "control-plane-local-a") {
      EXPECT_EQ(f["message"], "InstanceGroup \"control-plane-local-a\" did not have enough nodes 0 vs 1");
    }
  }
  ASSERT_TRUE(v.json.contains("nodes")) << v.json.dump(1);
  EXPECT_EQ(v.json["nodes"].size(), 2u);
  for (const auto& n : v.json["nodes"]) {
    EXPECT_NE(n["zone"], "local-a");
    EXPECT_EQ(n["status"], "True");
  }

  std::vector<std::string> during = WriteAll("during-zone-down", 5);
  written.insert(written.end(), during.begin(), during.end());
  ASSERT_EQ(Kops({"toolbox", "chaos", "zone-up", kCluster, "--zone", "local-a"}).exit_code, 0);
  Validation healed = Validate("2m");
  EXPECT_EQ(healed.exit_code, 0) << healed.json.dump(1) << healed.err;
  ExpectAllReadable(written);
}

// Done-when 4: two of three zones down: a write fails with 503 naming the lost quorum;
// then the third down as well; all back: healthy and nothing lost.
TEST_F(HaFailuresE2eTest, TwoZonesDownRefuseWritesWithQuorumErrorAllDownThenUpHeals) {
  ASSERT_NO_FATAL_FAILURE(BringUp());
  std::vector<std::string> written = WriteAll("before-two-down", 3);
  for (const std::string zone : {"local-a", "local-b"})
    ASSERT_EQ(Kops({"toolbox", "chaos", "zone-down", kCluster, "--zone", zone}).exit_code, 0) << zone;
  ASSERT_TRUE(WaitFor([&] { return RunningCount() == 2; }, 30000ms)) << Instances().dump();

  Result<HttpResponse> r = Internal("not called");
  int attempt = 0;
  EXPECT_TRUE(WaitFor(
      [&] {
        r = SlowApi("POST", "/api/v1/namespaces/default/configmaps",
                    ConfigMapJson("no-quorum-" + std::to_string(attempt++)));
        return r.ok() && r->status == 503 && r->body.find("quorum") != std::string::npos;
      },
      45000ms))
      << (r.ok() ? std::to_string(r->status) + " " + r->body : r.status().message());
  if (r.ok()) {
    auto body = nlohmann::json::parse(r->body, nullptr, false);
    EXPECT_EQ(body.value("kind", ""), "Status") << r->body;
    EXPECT_EQ(body.value("reason", ""), "ServiceUnavailable") << r->body;
    EXPECT_NE(body.value("message", "").find("etcd cluster main has lost quorum"), std::string::npos) << r->body;
  }
  Validation v = Validate();
  EXPECT_NE(v.exit_code, 0);
  EXPECT_TRUE(v.Failures().count("EtcdCluster etcd-main")) << v.json.dump(1);

  // The last zone too: every member comes back on a new instance, none can count on a
  // running peer (each keeps its peer URL: the cloud gives a group its address back).
  ASSERT_EQ(Kops({"toolbox", "chaos", "zone-down", kCluster, "--zone", "local-c"}).exit_code, 0);
  ASSERT_TRUE(WaitFor([&] { return RunningCount() == 0; }, 30000ms)) << Instances().dump();
  const auto up_at = std::chrono::steady_clock::now();
  for (const std::string zone : {"local-a", "local-b", "local-c"})
    ASSERT_EQ(Kops({"toolbox", "chaos", "zone-up", kCluster, "--zone", zone}).exit_code, 0) << zone;
  Validation healed = Validate("2m");
  EXPECT_EQ(healed.exit_code, 0) << healed.json.dump(1) << healed.err;
  std::cout << "ALL_ZONES_UP_TO_VALIDATED_SECONDS="
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - up_at).count() << std::endl;
  ExpectAllReadable(written);
}

// Done-when 5: a member whose volume is lost comes back as a new member, caught up.
TEST_F(HaFailuresE2eTest, LostVolumeMemberRejoinsAsNewMemberCaughtUp) {
  ASSERT_NO_FATAL_FAILURE(BringUp());
  std::vector<std::string> written = WriteAll("before-lose-volume", 5);
  Validation before = Validate();
  const std::string old_id = before.Member("main", "b").value("id", "");
  ASSERT_FALSE(old_id.empty()) << before.json.dump(1);
  const cloud::local::Volume volume = EtcdVolume("main", "local-b");
  const std::string victim = RunningIn("control-plane-local-b");
  ASSERT_FALSE(volume.id.empty());
  ASSERT_EQ(volume.attached_to, victim);

  auto lost = Kops({"toolbox", "chaos", "lose-volume", kCluster, "--volume", volume.id});
  ASSERT_EQ(lost.exit_code, 0) << lost.err;
  auto killed = Kops({"toolbox", "chaos", "kill-instance", kCluster, "--instance", victim});
  ASSERT_EQ(killed.exit_code, 0) << killed.err;
  ASSERT_TRUE(WaitFor(
      [&] {
        std::string s = RunningIn("control-plane-local-b");
        return !s.empty() && s != victim;
      },
      60000ms))
      << Instances().dump();

  // validate passes only when b is a voting member again, healthy, revisions within lag.
  Validation after = Validate("2m");
  ASSERT_EQ(after.exit_code, 0) << after.json.dump(1) << after.err;
  const std::string new_id = after.Member("main", "b").value("id", "");
  EXPECT_FALSE(new_id.empty()) << after.json.dump(1);
  EXPECT_NE(new_id, old_id) << "member b of main must have rejoined as a new member";
  EXPECT_EQ(after.Member("main", "b")["learner"], false);
  ExpectAllReadable(written);
  // Reads straight from the new member's instance: its own etcd member serves them.
  std::string address;
  for (const auto& i : Instances())
    if (i.value("id", "") == after.Member("main", "b").value("instance", "")) address = i.value("address", "");
  ASSERT_FALSE(address.empty());
  auto direct = Api("GET", "/api/v1/namespaces/default/configmaps/" + written.back(), "", address);
  ASSERT_TRUE(direct.ok()) << direct.status().message();
  EXPECT_EQ(direct->status, 200) << direct->body;
}

// Done-when 6: the daemon stops mid-run; the next command starts it again; it adopts the
// running instances (none relaunched), the cluster validates, nothing is lost.
TEST_F(HaFailuresE2eTest, DaemonRestartAdoptsInstancesAndLosesNothing) {
  ASSERT_NO_FATAL_FAILURE(BringUp());
  std::vector<std::string> written = WriteAll("before-restart", 3);
  const std::vector<std::string> ids = InstanceIds();
  ASSERT_EQ(ids.size(), 6u) << Instances().dump();
  const std::vector<int> old_daemon = DaemonProcesses();
  ASSERT_EQ(old_daemon.size(), 1u);

  const std::string lb = LoadBalancerAddress();
  ASSERT_FALSE(lb.empty());

  auto stopped = Kops({"toolbox", "local-cloud", "stop"}, 30);
  ASSERT_EQ(stopped.exit_code, 0) << stopped.err;
  ASSERT_TRUE(WaitFor([&] { return DaemonProcesses().empty(); }, 20000ms)) << "the daemon did not stop";
  // Without the daemon the instances keep running, and so does the API behind the LB
  // (asked by address: nothing here may start the daemon again).
  for (int i = 0; i < 3; ++i) {
    std::string name = "daemon-down-" + std::to_string(i);
    EXPECT_TRUE(WaitFor([&] { return PutConfigMapVia(lb, name); }, 20000ms)) << name;
    written.push_back(name);
  }
  EXPECT_TRUE(DaemonProcesses().empty()) << "something started the daemon too early";

  EXPECT_EQ(InstanceIds(), ids) << "the restarted daemon must adopt, not relaunch";  // restarts it
  const std::vector<int> new_daemon = DaemonProcesses();
  ASSERT_EQ(new_daemon.size(), 1u);
  EXPECT_NE(new_daemon, old_daemon);
  Validation v = Validate("2m");
  EXPECT_EQ(v.exit_code, 0) << v.json.dump(1) << v.err;
  EXPECT_EQ(InstanceIds(), ids) << Instances().dump();
  EXPECT_EQ(RunningCount(), 6);
  ExpectAllReadable(written);
}

}  // namespace
}  // namespace kops::e2e
