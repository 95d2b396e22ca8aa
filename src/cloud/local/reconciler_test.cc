#include "cloud/local/reconciler.h"

#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "cloud/local/fake_process_runner.h"
#include "cloud/local/observe.h"

namespace kops::cloud::local {
namespace {

using Kind = Action::Kind;
using std::chrono::seconds;

class ReconcilerTest : public ::testing::Test {
 protected:
  Group& AddGroup(const std::string& name, std::vector<std::string> zones, int desired) {
    Group g;
    g.cluster_id = "c";
    g.name = name;
    g.zones = std::move(zones);
    g.min_size = 0;
    g.max_size = 10;
    g.desired = desired;
    g.launch.argv = {"/bin/instance", name};
    return s_.groups[g.Key()] = g;
  }
  // Applies launches the way the daemon will: start through the runner, record.
  Instance& Launch(const std::string& group_key, const std::string& zone) {
    const Group& g = s_.groups.at(group_key);
    auto h = runner_.Start(ProcessSpec{g.launch.argv, g.launch.env, "", ""});
    Instance i;
    i.id = "i-" + std::to_string(next_id_++);
    i.group_key = group_key;
    i.cluster_id = g.cluster_id;
    i.zone = zone;
    i.pid = h->pid;
    i.pid_start_ticks = h->start_ticks;
    i.launch_hash = g.LaunchHash();
    i.launched_at_ms = ToMillis(clock_.Now());
    return s_.instances[i.id] = i;
  }
  std::vector<Action> Run() {
    ObserveProcesses(s_, runner_, clock_.Now());
    return Reconcile(s_, clock_.Now());
  }
  // Reconciles once and applies launches and kills the way the daemon will.
  void Converge() {
    for (const Action& a : Run()) {
      if (a.kind == Kind::kLaunch) Launch(a.group_key, a.zone);
      if (a.kind == Kind::kKill) {
        Instance& i = s_.instances.at(a.instance_id);
        i.state = InstanceState::kTerminating;
        i.state_reason = a.reason;
        ASSERT_TRUE(runner_.Kill({i.pid, i.pid_start_ticks}, 9).ok());
      }
    }
  }
  static int Count(const std::vector<Action>& actions, Kind kind) {
    return static_cast<int>(std::count_if(actions.begin(), actions.end(),
                                          [&](const Action& a) { return a.kind == kind; }));
  }

  CloudState s_;
  FakeClock clock_;
  FakeProcessRunner runner_;
  int next_id_ = 1;
};

TEST_F(ReconcilerTest, LaunchesUpToDesiredSpreadOverZones) {
  AddGroup("nodes", {"a", "b", "c"}, 4);
  auto actions = Run();
  ASSERT_EQ(actions.size(), 4u);
  EXPECT_EQ(actions[0], (Action{Kind::kLaunch, "c/nodes", "a", "", "", "below desired"}));
  EXPECT_EQ(actions[1].zone, "b");
  EXPECT_EQ(actions[2].zone, "c");
  EXPECT_EQ(actions[3].zone, "a");
  EXPECT_EQ(actions[0].ToString(), "launch c/nodes in a (below desired)");
}

TEST_F(ReconcilerTest, SteadyStateDoesNothing) {
  AddGroup("cp-a", {"a"}, 1);
  Converge();
  EXPECT_EQ(runner_.alive_count(), 1);
  EXPECT_TRUE(Run().empty());
}

TEST_F(ReconcilerTest, DesiredIsClampedToMinAndMax) {
  Group& g = AddGroup("nodes", {"a"}, 5);
  g.max_size = 2;
  EXPECT_EQ(Count(Run(), Kind::kLaunch), 2);
  g.min_size = g.max_size = 3;
  g.desired = 0;
  EXPECT_EQ(Count(Run(), Kind::kLaunch), 3);
}

TEST_F(ReconcilerTest, DeadInstanceIsRelaunchedInItsGroupZone) {
  AddGroup("cp-b", {"b"}, 1);
  Converge();
  clock_.Advance(seconds(60));
  runner_.Exit(runner_.started[0], 1);
  auto actions = Run();
  EXPECT_EQ(s_.instances.at("i-1").state, InstanceState::kTerminated);
  EXPECT_EQ(s_.instances.at("i-1").state_reason, "exited with code 1");
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].kind, Kind::kLaunch);
  EXPECT_EQ(actions[0].zone, "b");
}

TEST_F(ReconcilerTest, CrashLoopBacksOff) {
  AddGroup("cp-a", {"a"}, 1);
  Converge();
  runner_.Exit(runner_.started.back(), 1);    // dies at once
  EXPECT_EQ(Count(Run(), Kind::kLaunch), 0);  // backoff 1 s
  clock_.Advance(seconds(1));
  Converge();
  runner_.Exit(runner_.started.back(), 1);
  EXPECT_EQ(Count(Run(), Kind::kLaunch), 0);
  clock_.Advance(seconds(1));
  EXPECT_EQ(Count(Run(), Kind::kLaunch), 0);  // backoff 2 s now
  clock_.Advance(seconds(1));
  EXPECT_EQ(Count(Run(), Kind::kLaunch), 1);
  EXPECT_EQ(s_.groups.at("c/cp-a").consecutive_failures, 2);
}

TEST_F(ReconcilerTest, DeathAfterHealthyUptimeResetsBackoff) {
  Group& g = AddGroup("cp-a", {"a"}, 1);
  g.consecutive_failures = 3;
  Converge();
  clock_.Advance(seconds(11));
  runner_.Exit(runner_.started.back(), 0, 9);
  EXPECT_EQ(Count(Run(), Kind::kLaunch), 1);
  EXPECT_EQ(s_.groups.at("c/cp-a").consecutive_failures, 0);
  EXPECT_EQ(s_.instances.at("i-1").state_reason, "killed by signal 9");
}

TEST_F(ReconcilerTest, SurplusTerminatesOutdatedThenFullestZoneThenNewest) {
  Group& g = AddGroup("nodes", {"a", "b"}, 4);
  Converge();  // i-1 a, i-2 b, i-3 a, i-4 b
  g.launch.argv.push_back("--new");
  s_.instances.at("i-2").launch_hash = g.LaunchHash();
  s_.instances.at("i-3").launch_hash = g.LaunchHash();
  s_.instances.at("i-4").launch_hash = g.LaunchHash();
  g.desired = 1;
  auto actions = Run();
  ASSERT_EQ(actions.size(), 3u);
  EXPECT_EQ(actions[0].instance_id, "i-1");  // outdated
  EXPECT_EQ(actions[1].instance_id, "i-4");  // b has 2, a has 1 now; newest of b
  EXPECT_EQ(actions[2].kind, Kind::kTerminate);
  EXPECT_EQ(actions[2].reason, "scale in");
}

TEST_F(ReconcilerTest, TerminatingIsKilledAfterGraceThenForgotten) {
  AddGroup("nodes", {"a"}, 1);
  Converge();
  Instance& i = s_.instances.at("i-1");
  i.state = InstanceState::kTerminating;
  i.terminate_requested_at_ms = ToMillis(clock_.Now());
  auto before = Run();
  EXPECT_EQ(Count(before, Kind::kKill), 0);
  EXPECT_EQ(Count(before, Kind::kLaunch), 1);  // replacement while it drains
  clock_.Advance(seconds(10));
  auto after = Reconcile(s_, clock_.Now());
  ASSERT_GE(after.size(), 1u);
  EXPECT_EQ(after[0], (Action{Kind::kKill, "c/nodes", "a", "i-1", "", "grace period over"}));
  runner_.Exit(i.pid, 0, 9);
  ObserveProcesses(s_, runner_, clock_.Now());
  EXPECT_EQ(Count(Reconcile(s_, clock_.Now()), Kind::kForget), 0);
  clock_.Advance(std::chrono::minutes(5));
  EXPECT_EQ(Count(Reconcile(s_, clock_.Now()), Kind::kForget), 1);
}

TEST_F(ReconcilerTest, TerminatedInstancesOfADeletedClusterAreForgottenAtOnce) {
  AddGroup("nodes", {"a"}, 2);
  s_.zones.push_back({"c", "a", 7, true});
  Group other = AddGroup("other", {"a"}, 1);
  s_.groups.erase(other.Key());
  other.cluster_id = "d";
  s_.groups[other.Key()] = other;
  s_.zones.push_back({"d", "a", 8, true});
  Converge();
  ASSERT_EQ(s_.instances.size(), 3u);
  // Cluster d keeps its terminated instance for the retention period.
  for (auto& [id, i] : s_.instances) {
    if (i.cluster_id == "d") runner_.Exit(i.pid, 1);
  }
  // Cluster c is deleted the way DeleteCluster does it: groups and zone ranges go, the
  // instances are terminating until their processes are gone.
  std::erase_if(s_.groups, [](const auto& kv) { return kv.second.cluster_id == "c"; });
  std::erase_if(s_.zones, [](const ZoneRange& z) { return z.cluster_id == "c"; });
  for (auto& [id, i] : s_.instances) {
    if (i.cluster_id != "c") continue;
    i.state = InstanceState::kTerminating;
    i.terminate_requested_at_ms = ToMillis(clock_.Now());
  }
  EXPECT_EQ(Count(Run(), Kind::kForget), 0);  // processes still running: nothing forgotten
  runner_.Exit(s_.instances.at("i-1").pid, 0, 15);
  auto one_gone = Run();
  ASSERT_EQ(Count(one_gone, Kind::kForget), 1);
  EXPECT_EQ(one_gone[0], (Action{Kind::kForget, "c/nodes", "a", "i-1", "", "cluster deleted"}));
  runner_.Exit(s_.instances.at("i-2").pid, 0, 15);
  auto both_gone = Run();
  ASSERT_EQ(Count(both_gone, Kind::kForget), 2);  // i-1 still on record here: not applied
  for (const Action& a : both_gone) {
    if (a.kind == Kind::kForget) {
      EXPECT_EQ(a.reason, "cluster deleted");
    }
    EXPECT_NE(a.instance_id, "i-3");  // cluster d: retained, its relaunch is backing off
  }
  clock_.Advance(std::chrono::minutes(5));
  auto later = Reconcile(s_, clock_.Now());
  EXPECT_NE(std::find(later.begin(), later.end(),
                      Action{Kind::kForget, "d/other", "a", "i-3", "", "terminated"}),
            later.end());
}

TEST_F(ReconcilerTest, ZoneDownKillsAndLaunchesNothingThereUntilUp) {
  AddGroup("cp-a", {"a"}, 1);
  AddGroup("nodes", {"a", "b"}, 2);
  Converge();
  s_.zones.push_back({"c", "a", 9, false});
  auto down = Reconcile(s_, clock_.Now());
  EXPECT_EQ(Count(down, Kind::kKill), 2);
  for (const Action& a : down) {
    if (a.kind == Kind::kKill) {
      EXPECT_EQ(a.reason, "zone down");
    } else {
      EXPECT_EQ(a.kind, Kind::kLaunch);
      EXPECT_EQ(a.zone, "b");  // nodes move to b
    }
  }
  EXPECT_EQ(Count(down, Kind::kLaunch), 1);
  Converge();
  EXPECT_EQ(runner_.alive_count(), 2);                        // both nodes in b
  EXPECT_TRUE(Run().empty());                                 // cp-a waits for its zone
  EXPECT_EQ(s_.groups.at("c/cp-a").consecutive_failures, 0);  // a kill asked for is no crash
  s_.zones.back().up = true;
  auto up = Run();
  ASSERT_EQ(up.size(), 1u);
  EXPECT_EQ(up[0].group_key, "c/cp-a");
}

TEST_F(ReconcilerTest, DeletedGroupTerminatesItsInstances) {
  AddGroup("nodes", {"a"}, 1);
  Converge();
  s_.groups.clear();
  auto actions = Run();
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].ToString(), "terminate i-1 (group deleted)");
}

TEST_F(ReconcilerTest, VolumesOfTerminatedInstancesAreDetachedAndLostOnesRecreated) {
  AddGroup("cp-a", {"a"}, 1);
  Converge();
  Volume v;
  v.id = "vol-1";
  v.cluster_id = "c";
  v.zone = "a";
  v.attached_to = "i-1";
  v.lost = true;
  s_.volumes[v.id] = v;
  EXPECT_EQ(Count(Run(), Kind::kRecreateVolume), 0);  // held by a live instance
  clock_.Advance(seconds(30));
  runner_.Exit(runner_.started[0], 0, 9);
  auto actions = Run();
  ASSERT_EQ(actions.size(), 3u);
  EXPECT_EQ(actions[0].kind, Kind::kDetachVolume);
  EXPECT_EQ(actions[1], (Action{Kind::kRecreateVolume, "", "a", "", "vol-1", "lost"}));
  EXPECT_EQ(actions[2].kind, Kind::kLaunch);
  s_.volumes["vol-1"].attached_to.clear();
  s_.zones.push_back({"c", "a", 9, false});
  EXPECT_EQ(Count(Reconcile(s_, clock_.Now()), Kind::kRecreateVolume), 0);  // zone down
}

}  // namespace
}  // namespace kops::cloud::local
