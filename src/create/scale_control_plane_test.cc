// The scale control-plane planner: 1 -> 3 -> 5 -> 3, 1 -> 3 over 2 zones, resume after
// each step (the steps are simulated on the spec and on an etcd membership), refusals.
#include "create/scale_control_plane.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "api/validation.h"
#include "create/new_cluster.h"

namespace kops::create {
namespace {

using Strings = std::vector<std::string>;
using Kind = ScaleStep::Kind;

// A spec and an etcd membership, changed by executing plan steps as the real command
// would (the etcd managers' join is simulated at WaitForMembers).
struct World {
  api::Cluster cluster;
  std::vector<api::InstanceGroup> groups;
  std::vector<EtcdMembershipSeen> etcd;
  Strings cloud_groups, volume_members;  // what exists in the cloud

  Strings ControlPlaneGroups() const {
    Strings out;
    for (const auto& g : groups)
      if (g.spec.IsControlPlane()) out.push_back(g.name());
    std::sort(out.begin(), out.end());
    return out;
  }
  Strings Members(const std::string& etcd_cluster) const {
    Strings out;
    for (const auto& e : etcd)
      if (e.etcd_cluster == etcd_cluster)
        for (const auto& m : e.members) out.push_back(m.name + (m.learner ? "(learner)" : ""));
    std::sort(out.begin(), out.end());
    return out;
  }
  Strings SpecMembers(const std::string& etcd_cluster) const {
    Strings out;
    for (const auto& e : cluster.spec.etcd_clusters)
      if (e.name == etcd_cluster)
        for (const auto& m : e.members) out.push_back(m.name + "@" + m.instance_group);
    std::sort(out.begin(), out.end());
    return out;
  }

  void Execute(const ScalePlan& plan, const ScaleStep& step) {
    switch (step.kind) {
      case Kind::kAddToSpec:
        for (const auto& g : plan.new_groups) groups.push_back(g);
        cluster = plan.grown_cluster;
        break;
      case Kind::kWaitForMembers:
        for (auto& e : etcd) {
          e.members.clear();
          for (const auto& spec : cluster.spec.etcd_clusters)
            if (spec.name == e.etcd_cluster)
              for (const auto& m : spec.members) e.members.push_back({m.name, false});
        }
        break;
      case Kind::kRemoveFromSpec:
        for (const std::string& gone : step.groups) {
          cluster = WithoutMembersOf(cluster, gone);
          std::erase_if(groups, [&](const api::InstanceGroup& g) { return g.name() == gone; });
        }
        break;
      case Kind::kRemoveEtcdMember:
        for (auto& e : etcd)
          e.members.erase(std::remove_if(e.members.begin(), e.members.end(),
                                         [&](const auto& m) { return m.name == step.member; }),
                          e.members.end());
        break;
      case Kind::kApply:  // groups of the spec only; volumes for every spec member
        cloud_groups.clear();
        for (const auto& g : groups) cloud_groups.push_back(g.name());
        for (const auto& m : cluster.spec.etcd_clusters[0].members)
          if (std::find(volume_members.begin(), volume_members.end(), m.name) == volume_members.end())
            volume_members.push_back(m.name);
        break;
      case Kind::kDeleteVolumes:
        volume_members.clear();
        for (const auto& m : cluster.spec.etcd_clusters[0].members) volume_members.push_back(m.name);
        break;
    }
  }

  ScalePlan Plan(const ScaleRequest& r) {
    auto plan = PlanControlPlaneScale(cluster, groups, r, {etcd, cloud_groups, volume_members});
    EXPECT_TRUE(plan.ok()) << plan.status().message();
    return plan.ok() ? *plan : ScalePlan{};
  }

  // Runs the plan to the end, checking after every step that planning again resumes
  // with exactly the steps left (interrupted run), and that the spec stays valid.
  void Run(const ScaleRequest& r) {
    ScalePlan plan = Plan(r);
    for (size_t i = 0; i < plan.steps.size(); ++i) {
      Execute(plan, plan.steps[i]);
      Status valid = api::ValidateAll(cluster, groups, /*strict=*/false);
      EXPECT_TRUE(valid.ok()) << "after " << plan.steps[i].description << ": " << valid.message();
      // Planning again resumes with the steps left (an apply is redone when the step
      // that follows it did not happen yet).
      Strings again = Kinds(Plan(r)), left, from_here;
      for (size_t j = i; j < plan.steps.size(); ++j)
        (j == i ? from_here : left).push_back(ScaleStepKindName(plan.steps[j].kind));
      from_here.insert(from_here.end(), left.begin(), left.end());
      EXPECT_TRUE(again == left || again == from_here)
          << "after step " << i << " (" << plan.steps[i].description << ") resuming plans "
          << again.size() << " steps, " << left.size() << " were left";
    }
    EXPECT_TRUE(Plan(r).done()) << "a finished scale plans nothing more";
    EXPECT_EQ(cloud_groups.size(), groups.size());
  }

  static Strings Kinds(const ScalePlan& plan) {
    Strings out;
    for (const auto& s : plan.steps) out.push_back(ScaleStepKindName(s.kind));
    return out;
  }
};

World OneControlPlane() {
  CreateClusterOptions o;
  o.cluster_name = "dev.local";
  o.state_store = "file:///tmp/store";
  o.cloud_provider = "local";
  o.zones = {"local-a"};
  o.node_count = 1;
  o.creation_timestamp = "2024-01-01T00:00:00Z";
  auto r = NewCluster(o);
  EXPECT_TRUE(r.ok()) << r.status().message();
  World w;
  w.cluster = r->cluster;
  w.groups = r->instance_groups;
  w.etcd = {{"main", {{"a", false}}}, {"events", {{"a", false}}}};
  for (const auto& g : w.groups) w.cloud_groups.push_back(g.name());
  w.volume_members = {"a"};
  return w;
}

ScaleRequest Request(Strings zones, int count, const std::string& ts) {
  return {std::move(zones), count, ts};
}

Strings Descriptions(const ScalePlan& plan) { return World::Kinds(plan); }

TEST(ScaleControlPlaneTest, OneToThreeAddsTwoGroupsNamedAsCreateWouldAndKeepsTheOldOne) {
  World w = OneControlPlane();
  ScalePlan plan = w.Plan(Request({"local-a", "local-b", "local-c"}, 0, "2024-02-01T00:00:00Z"));
  EXPECT_EQ(plan.target_count, 3);
  EXPECT_EQ(Descriptions(plan), (Strings{"add-to-spec", "apply", "wait-for-members"}));
  ASSERT_EQ(plan.new_groups.size(), 2u);
  EXPECT_EQ(plan.new_groups[0].name(), "control-plane-local-b");
  EXPECT_EQ(plan.new_groups[0].spec.subnets, Strings{"local-b"});
  EXPECT_EQ(plan.new_groups[0].metadata.creation_timestamp, "2024-02-01T00:00:00Z");
  EXPECT_EQ(plan.new_groups[1].name(), "control-plane-local-c");
  EXPECT_EQ(plan.new_members, (Strings{"control-plane-local-b=b", "control-plane-local-c=c"}));
  ASSERT_EQ(plan.new_subnets.size(), 2u);
  // The single zone's subnet filled the network: create's allocation for three zones.
  EXPECT_EQ(plan.resized_subnets, Strings{"subnet local-a 172.20.0.0/16 -> 172.20.0.0/18"});
  EXPECT_EQ(plan.new_subnets[0].cidr, "172.20.64.0/18");
  EXPECT_EQ(plan.new_subnets[1].cidr, "172.20.128.0/18");
  w.Run(Request({"local-a", "local-b", "local-c"}, 0, "2024-02-01T00:00:00Z"));
  EXPECT_EQ(w.ControlPlaneGroups(),
            (Strings{"control-plane-local-a", "control-plane-local-b", "control-plane-local-c"}));
  EXPECT_EQ(w.Members("main"), (Strings{"a", "b", "c"}));
  EXPECT_EQ(w.SpecMembers("events"),
            (Strings{"a@control-plane-local-a", "b@control-plane-local-b", "c@control-plane-local-c"}));
}

TEST(ScaleControlPlaneTest, ThreeToFiveAddsSecondGroupsInTheFirstZones) {
  World w = OneControlPlane();
  w.Run(Request({"local-a", "local-b", "local-c"}, 0, "2024-02-01T00:00:00Z"));
  ScalePlan plan = w.Plan(Request({"local-a", "local-b", "local-c"}, 5, "2024-03-01T00:00:00Z"));
  EXPECT_TRUE(plan.new_subnets.empty());
  ASSERT_EQ(plan.new_groups.size(), 2u);
  // create would name five over three zones -1/-2; -1 slots are the groups there.
  EXPECT_EQ(plan.new_groups[0].name(), "control-plane-local-a-2");
  EXPECT_EQ(plan.new_groups[1].name(), "control-plane-local-b-2");
  EXPECT_EQ(plan.new_members,
            (Strings{"control-plane-local-a-2=a-2", "control-plane-local-b-2=b-2"}));
  w.Run(Request({"local-a", "local-b", "local-c"}, 5, "2024-03-01T00:00:00Z"));
  EXPECT_EQ(w.Members("events"), (Strings{"a", "a-2", "b", "b-2", "c"}));
}

TEST(ScaleControlPlaneTest, FiveToThreeRemovesTheNewestOneAtATimeMembersBeforeInstances) {
  World w = OneControlPlane();
  w.Run(Request({"local-a", "local-b", "local-c"}, 0, "2024-02-01T00:00:00Z"));
  w.Run(Request({"local-a", "local-b", "local-c"}, 5, "2024-03-01T00:00:00Z"));
  // b-2 is made newer than a-2 so "newest first" decides the order.
  for (auto& g : w.groups)
    if (g.name() == "control-plane-local-b-2") g.metadata.creation_timestamp = "2024-03-02T00:00:00Z";
  ScalePlan plan = w.Plan(Request({"local-a", "local-b", "local-c"}, 3, "2024-04-01T00:00:00Z"));
  EXPECT_TRUE(plan.new_groups.empty());
  EXPECT_EQ(plan.removed_groups, (Strings{"control-plane-local-b-2", "control-plane-local-a-2"}));
  // The spec goes 5 -> 3 in one write (an even member count is invalid); etcd loses the
  // members one at a time, newest first; their instances go only after that.
  EXPECT_EQ(Descriptions(plan), (Strings{"remove-from-spec", "remove-etcd-member",
                                         "remove-etcd-member", "apply", "delete-volumes"}));
  EXPECT_EQ(plan.steps[0].groups, (Strings{"control-plane-local-b-2", "control-plane-local-a-2"}));
  EXPECT_EQ(plan.steps[1].member, "b-2");
  EXPECT_EQ(plan.steps[1].group, "control-plane-local-b-2");
  EXPECT_EQ(plan.steps[1].etcd_clusters, (Strings{"main", "events"}));
  EXPECT_EQ(plan.steps[2].member, "a-2");
  w.Run(Request({"local-a", "local-b", "local-c"}, 3, "2024-04-01T00:00:00Z"));
  EXPECT_EQ(w.ControlPlaneGroups(),
            (Strings{"control-plane-local-a", "control-plane-local-b", "control-plane-local-c"}));
  EXPECT_EQ(w.Members("main"), (Strings{"a", "b", "c"}));
}

TEST(ScaleControlPlaneTest, ARemovalStoppedBetweenTheSpecWriteAndTheGroupDeletionsResumes) {
  World w = OneControlPlane();
  w.Run(Request({"local-a", "local-b", "local-c"}, 5, "2024-02-01T00:00:00Z"));
  // RemoveFromSpec wrote the cluster without the members, then stopped: both groups are
  // still stored (and their instances run, volumes attached).
  w.cluster = WithoutMembersOf(WithoutMembersOf(w.cluster, "control-plane-local-b-2"),
                               "control-plane-local-a-2");
  ScalePlan plan = w.Plan(Request({"local-a", "local-b", "local-c"}, 3, "2024-04-01T00:00:00Z"));
  // The groups leave the spec before the apply and the volume deletion; no step for a
  // member without a name.
  EXPECT_EQ(Descriptions(plan), (Strings{"remove-from-spec", "remove-etcd-member",
                                         "remove-etcd-member", "apply", "delete-volumes"}));
  EXPECT_EQ(plan.steps[0].groups, (Strings{"control-plane-local-b-2", "control-plane-local-a-2"}));
  EXPECT_EQ(plan.steps[1].member, "b-2");
  EXPECT_EQ(plan.steps[2].member, "a-2");
  w.Run(Request({"local-a", "local-b", "local-c"}, 3, "2024-04-01T00:00:00Z"));
  EXPECT_EQ(w.ControlPlaneGroups(),
            (Strings{"control-plane-local-a", "control-plane-local-b-1", "control-plane-local-c-1"}));
  EXPECT_EQ(w.Members("main"), (Strings{"a", "b-1", "c-1"}));
}

TEST(ScaleControlPlaneTest, RemovalKeepsTheWidestZoneSpreadBeforeNewestFirst) {
  World w = OneControlPlane();
  w.Run(Request({"local-a", "local-b", "local-c"}, 5, "2024-02-01T00:00:00Z"));
  // 5 over a, b, c -> 3 over a, b: zone c's group goes, and one of zone b's two. The
  // c group is removed last even when newer, so four members still span three zones.
  for (auto& g : w.groups)
    if (g.name() == "control-plane-local-c-1") g.metadata.creation_timestamp = "2024-05-01T00:00:00Z";
  ScalePlan plan = w.Plan(Request({"local-a", "local-b"}, 3, "2024-06-01T00:00:00Z"));
  EXPECT_EQ(plan.removed_groups, (Strings{"control-plane-local-b-2", "control-plane-local-c-1"}));
}

TEST(ScaleControlPlaneTest, OneToThreeOverTwoZones) {
  World w = OneControlPlane();
  ScalePlan plan = w.Plan(Request({"local-a", "local-b"}, 3, "2024-02-01T00:00:00Z"));
  ASSERT_EQ(plan.new_groups.size(), 2u);
  EXPECT_EQ(plan.new_groups[0].name(), "control-plane-local-b-1");
  EXPECT_EQ(plan.new_groups[1].name(), "control-plane-local-a-2");
  EXPECT_EQ(plan.new_members,
            (Strings{"control-plane-local-b-1=b-1", "control-plane-local-a-2=a-2"}));
  w.Run(Request({"local-a", "local-b"}, 3, "2024-02-01T00:00:00Z"));
  EXPECT_EQ(w.Members("main"), (Strings{"a", "a-2", "b-1"}));
}

TEST(ScaleControlPlaneTest, NewNamesAvoidCollisionsWithExistingGroupsAndMembers) {
  World w = OneControlPlane();
  // An existing (odd) member already uses the name create would give the new b group.
  w.cluster.spec.etcd_clusters[0].members[0].name = "b";
  w.cluster.spec.etcd_clusters[1].members[0].name = "b";
  w.etcd = {{"main", {{"b", false}}}, {"events", {{"b", false}}}};
  ScalePlan plan = w.Plan(Request({"local-a", "local-b", "local-c"}, 0, "t"));
  EXPECT_EQ(plan.new_members, (Strings{"control-plane-local-b-2=b-2", "control-plane-local-c=c"}));
  EXPECT_EQ(plan.new_groups[0].name(), "control-plane-local-b-2");
}

TEST(ScaleControlPlaneTest, ResumesAnInterruptedRemovalFromEtcdMembership) {
  World w = OneControlPlane();
  w.Run(Request({"local-a", "local-b", "local-c"}, 0, "2024-02-01T00:00:00Z"));
  // Interrupted after the spec lost c but before etcd did: the same command (now
  // asking for one control plane in a) finishes the removal.
  w.cluster = WithoutMembersOf(w.cluster, "control-plane-local-c");
  std::erase_if(w.groups, [](const api::InstanceGroup& g) { return g.name() == "control-plane-local-c"; });
  ScalePlan plan = w.Plan(Request({"local-a", "local-b", "local-c"}, 0, "t"));
  ASSERT_GE(plan.steps.size(), 3u);
  // c is gone from the spec, so the target is re-added... unless the request drops it.
  ScalePlan shrink = w.Plan(Request({"local-a"}, 1, "t"));
  EXPECT_EQ(Descriptions(shrink),
            (Strings{"remove-etcd-member", "apply", "delete-volumes", "remove-from-spec",
                     "remove-etcd-member", "apply", "delete-volumes"}));
  EXPECT_EQ(shrink.steps[0].member, "c");
  EXPECT_EQ(shrink.steps[3].groups, Strings{"control-plane-local-b"});
  EXPECT_EQ(shrink.steps[4].member, "b");
}

// Members that never joined (their instances failed) and are being removed are not
// waited for: shrinking is how such a grow is undone.
TEST(ScaleControlPlaneTest, ShrinkDoesNotWaitForMembersThatAreLeaving) {
  World w = OneControlPlane();
  w.Run(Request({"local-a", "local-b", "local-c"}, 0, "2024-02-01T00:00:00Z"));
  ScalePlan grow = w.Plan(Request({"local-a", "local-b", "local-c"}, 5, "2024-03-01T00:00:00Z"));
  w.Execute(grow, grow.steps[0]);  // the spec has 5; etcd still a, b, c
  w.Execute(grow, grow.steps[1]);
  ScalePlan shrink = w.Plan(Request({"local-a", "local-b", "local-c"}, 3, "t"));
  EXPECT_EQ(Descriptions(shrink), (Strings{"remove-from-spec", "remove-etcd-member",
                                           "remove-etcd-member", "apply", "delete-volumes"}));
}

TEST(ScaleControlPlaneTest, MissingVotersAfterAnAddResumeWithApplyAndWait) {
  World w = OneControlPlane();
  ScalePlan plan = w.Plan(Request({"local-a", "local-b", "local-c"}, 0, "t"));
  w.Execute(plan, plan.steps[0]);
  w.etcd[0].members.push_back({"b", true});  // b joined main as a learner only
  ScalePlan resumed = w.Plan(Request({"local-a", "local-b", "local-c"}, 0, "t"));
  EXPECT_EQ(Descriptions(resumed), (Strings{"apply", "wait-for-members"}));
}

TEST(ScaleControlPlaneTest, Refusals) {
  World w = OneControlPlane();
  auto error = [&](const ScaleRequest& r) {
    auto p = PlanControlPlaneScale(w.cluster, w.groups, r, {w.etcd, w.cloud_groups, w.volume_members});
    EXPECT_FALSE(p.ok());
    return p.ok() ? std::string() : p.status().message();
  };
  EXPECT_NE(error(Request({"local-a", "local-b"}, 0, "t")).find("Should be an odd number"),
            std::string::npos);
  EXPECT_NE(error(Request({"local-a"}, 4, "t")).find("--count 4"), std::string::npos);
  EXPECT_NE(error(Request({"local-a", "us-east-1b"}, 3, "t")).find("zone \"us-east-1b\""),
            std::string::npos);
  EXPECT_NE(error(Request({"local-a"}, -1, "t")).find("at least 1"), std::string::npos);
  EXPECT_NE(error(Request({}, 1, "t")).find("--zones"), std::string::npos);
  // create's own rule: fewer control planes than zones.
  EXPECT_NE(error(Request({"local-a", "local-b", "local-c"}, 1, "t")).find("count should match"),
            std::string::npos);
  EXPECT_NE(error(Request({"local-a", "local-a"}, 1, "t")).find("twice"), std::string::npos);
}

}  // namespace
}  // namespace kops::create
