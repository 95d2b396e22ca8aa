#include "etcd/manager_plan.h"

#include <gtest/gtest.h>

namespace kops::etcd {
namespace {

using Kind = StartPlan::Kind;
using State = EtcdProcessSpec::ClusterState;

Member M(uint64_t id, std::string name, std::string peer, bool learner = false,
         bool started = true) {
  Member m;
  m.id = id;
  m.name = std::move(name);
  m.peer_urls = {std::move(peer)};
  if (started) m.client_urls = {"https://x:4001"};
  m.is_learner = learner;
  return m;
}

StartObservation Obs() {
  StartObservation o;
  o.self_name = "b";
  o.self_peer_url = "https://127.9.2.1:2380";
  o.spec_members = {{"a", "https://127.9.1.1:2380"},
                    {"b", "https://127.9.2.1:2380"},
                    {"c", "https://127.9.3.1:2380"}};
  return o;
}

std::vector<Member> Three() {
  return {M(1, "a", "https://127.9.1.1:2380"), M(2, "b", "https://127.9.2.1:2380"),
          M(3, "c", "https://127.9.3.1:2380")};
}

TEST(ManagerPlanTest, FirstBringUpFormsClusterFromAllMembers) {
  StartPlan p = DecideStart(Obs());
  EXPECT_EQ(p.kind, Kind::kBootstrap);
  EXPECT_EQ(p.state, State::kNew);
  EXPECT_EQ(p.initial_cluster, Obs().spec_members);
  EXPECT_FALSE(p.add_learner);
}

TEST(ManagerPlanTest, FirstBringUpWaitsForUnknownAddresses) {
  StartObservation o = Obs();
  o.spec_members[2].second = "";
  StartPlan p = DecideStart(o);
  EXPECT_EQ(p.kind, Kind::kWait);
  EXPECT_NE(p.reason.find("member c"), std::string::npos) << p.reason;
}

TEST(ManagerPlanTest, FirstBringUpEvenWhenPeersAlreadyAnswer) {
  StartObservation o = Obs();
  o.members = Three();
  EXPECT_EQ(DecideStart(o).kind, Kind::kBootstrap);
}

TEST(ManagerPlanTest, RelaunchWithDataRejoins) {
  StartObservation o = Obs();
  o.has_data = true;
  o.cluster_created = true;
  o.members = Three();
  StartPlan p = DecideStart(o);
  EXPECT_EQ(p.kind, Kind::kRestart);
  EXPECT_EQ(p.state, State::kExisting);
  EXPECT_EQ(p.update_member_id, 0u);
  EXPECT_FALSE(p.wipe_data);
}

TEST(ManagerPlanTest, RelaunchWithDataAndNobodyAnsweringStillRestarts) {
  StartObservation o = Obs();
  o.has_data = true;
  o.cluster_created = true;
  o.spec_members[0].second = "";
  StartPlan p = DecideStart(o);
  EXPECT_EQ(p.kind, Kind::kRestart);
  // Unknown peers are left out so the flag still parses; self is always present.
  ASSERT_EQ(p.initial_cluster.size(), 2u);
  EXPECT_EQ(p.initial_cluster.back().first, "b");
}

TEST(ManagerPlanTest, RelaunchOnNewAddressUpdatesPeerUrlFirst) {
  StartObservation o = Obs();
  o.has_data = true;
  o.cluster_created = true;
  o.self_peer_url = "https://127.9.2.7:2380";
  o.members = Three();
  StartPlan p = DecideStart(o);
  EXPECT_EQ(p.kind, Kind::kRestart);
  EXPECT_EQ(p.update_member_id, 2u);
}

TEST(ManagerPlanTest, EmptyVolumeOfExistingClusterReplacesViaLearner) {
  StartObservation o = Obs();
  o.cluster_created = true;
  o.members = Three();
  StartPlan p = DecideStart(o);
  EXPECT_EQ(p.kind, Kind::kReplace);
  EXPECT_EQ(p.state, State::kExisting);
  EXPECT_TRUE(p.add_learner);
  EXPECT_EQ(p.remove_member_id, 2u);
  NamedUrls want = {{"a", "https://127.9.1.1:2380"},
                    {"c", "https://127.9.3.1:2380"},
                    {"b", "https://127.9.2.1:2380"}};
  EXPECT_EQ(p.initial_cluster, want);
}

TEST(ManagerPlanTest, EmptyVolumeAfterOldMemberWasAlreadyRemovedJustAdds) {
  StartObservation o = Obs();
  o.cluster_created = true;
  o.members = std::vector<Member>{M(1, "a", "https://127.9.1.1:2380"),
                                  M(3, "c", "https://127.9.3.1:2380")};
  StartPlan p = DecideStart(o);
  EXPECT_EQ(p.kind, Kind::kReplace);
  EXPECT_EQ(p.remove_member_id, 0u);
  EXPECT_TRUE(p.add_learner);
}

TEST(ManagerPlanTest, UnstartedVotingMemberFromBootstrapIsReplacedOnceCreated) {
  StartObservation o = Obs();
  o.cluster_created = true;
  std::vector<Member> members = Three();
  members[1] = M(2, "", "https://127.9.2.1:2380", false, false);
  o.members = members;
  StartPlan p = DecideStart(o);
  EXPECT_EQ(p.kind, Kind::kReplace);
  EXPECT_EQ(p.remove_member_id, 2u);
}

TEST(ManagerPlanTest, EarlierLearnerAddIsResumed) {
  StartObservation o = Obs();
  o.cluster_created = true;
  std::vector<Member> members = Three();
  members[1] = M(9, "", "https://127.9.2.1:2380", true, false);
  o.members = members;
  StartPlan p = DecideStart(o);
  EXPECT_EQ(p.kind, Kind::kStartLearner);
  EXPECT_EQ(p.state, State::kExisting);
  EXPECT_FALSE(p.add_learner);
  EXPECT_EQ(p.remove_member_id, 0u);
  EXPECT_EQ(p.learner_member_id, 9u);
}

TEST(ManagerPlanTest, CreatedClusterNobodyAnsweringWaitsNeverBootstraps) {
  StartObservation o = Obs();
  o.cluster_created = true;
  StartPlan p = DecideStart(o);
  EXPECT_EQ(p.kind, Kind::kWait);
}

TEST(ManagerPlanTest, RemovedMemberWithStaleDataIsWipedAndReplaced) {
  StartObservation o = Obs();
  o.has_data = true;
  o.cluster_created = true;
  o.members = std::vector<Member>{M(1, "a", "https://127.9.1.1:2380"),
                                  M(3, "c", "https://127.9.3.1:2380")};
  StartPlan p = DecideStart(o);
  EXPECT_EQ(p.kind, Kind::kReplace);
  EXPECT_TRUE(p.wipe_data);
  EXPECT_NE(p.reason.find("removed"), std::string::npos);
}

TEST(ManagerPlanTest, KindNames) {
  EXPECT_STREQ(StartPlanKindName(Kind::kReplace), "replace");
  EXPECT_STREQ(StartPlanKindName(Kind::kBootstrap), "bootstrap");
}

// kops scale control-plane: members join one at a time, grown clusters restart without
// the original initial cluster, removed members stay out.

TEST(ManagerPlanTest, NewMemberWaitsWhileAnotherLearnerIsCatchingUp) {
  StartObservation o = Obs();  // b, new and empty, in a grown cluster
  o.cluster_created = true;
  o.members = {M(1, "a", "https://127.9.1.1:2380"), M(3, "c", "https://127.9.3.1:2380", true)};
  StartPlan p = DecideStart(o);
  EXPECT_EQ(p.kind, Kind::kWait);
  EXPECT_NE(p.reason.find("learner c"), std::string::npos) << p.reason;
  o.members->back().is_learner = false;  // c promoted: b's turn
  p = DecideStart(o);
  EXPECT_EQ(p.kind, Kind::kReplace);
  EXPECT_TRUE(p.add_learner);
  EXPECT_EQ(p.remove_member_id, 0u);
}

TEST(ManagerPlanTest, NewMemberJoinsTheOneMemberClusterAsLearner) {
  StartObservation o = Obs();
  o.cluster_created = true;
  o.members = {M(1, "a", "https://127.9.1.1:2380")};
  StartPlan p = DecideStart(o);
  EXPECT_EQ(p.kind, Kind::kReplace);
  EXPECT_EQ(p.state, State::kExisting);
  EXPECT_EQ(p.initial_cluster,
            (NamedUrls{{"a", "https://127.9.1.1:2380"}, {"b", "https://127.9.2.1:2380"}}));
}

TEST(ManagerPlanTest, LearnerRestartedBeforePromotionIsPromotedAfterRestart) {
  StartObservation o = Obs();
  o.cluster_created = true;
  o.has_data = true;
  o.members = {M(1, "a", "https://127.9.1.1:2380"), M(2, "b", "https://127.9.2.1:2380", true)};
  StartPlan p = DecideStart(o);
  EXPECT_EQ(p.kind, Kind::kRestart);
  EXPECT_EQ(p.learner_member_id, 2u);
}

TEST(ManagerPlanTest, OldMemberRestartsWithDataInAGrownClusterWithoutItsInitialCluster) {
  StartObservation o = Obs();
  o.self_name = "a";
  o.self_peer_url = "https://127.9.1.1:2380";
  o.spec_members = {{"a", "https://127.9.1.1:2380"}};  // what it was started with: alone
  o.cluster_created = true;
  o.has_data = true;
  o.members = Three();
  StartPlan p = DecideStart(o);
  EXPECT_EQ(p.kind, Kind::kRestart);
  EXPECT_EQ(p.state, State::kExisting);  // etcd takes the membership from its data
  EXPECT_FALSE(p.wipe_data);
}

TEST(ManagerPlanTest, RemovedMemberThatLeftTheSpecDoesNotRejoin) {
  StartObservation o = Obs();
  o.cluster_created = true;
  o.has_data = true;
  o.self_in_spec = false;
  o.members = {M(1, "a", "https://127.9.1.1:2380"), M(3, "c", "https://127.9.3.1:2380")};
  StartPlan p = DecideStart(o);
  EXPECT_EQ(p.kind, Kind::kWait);
  EXPECT_FALSE(p.wipe_data);
  EXPECT_FALSE(p.add_learner);
  EXPECT_NE(p.reason.find("no longer in the spec"), std::string::npos) << p.reason;
  o.has_data = false;
  EXPECT_EQ(DecideStart(o).kind, Kind::kWait);
  // Still listed (the removal has not happened yet): it keeps serving on its data.
  o.has_data = true;
  o.members = Three();
  EXPECT_EQ(DecideStart(o).kind, Kind::kRestart);
}

TEST(ManagerPlanTest, RemovedMemberStillInTheSpecIsReplacedAsBefore) {
  StartObservation o = Obs();
  o.cluster_created = true;
  o.has_data = true;
  o.members = {M(1, "a", "https://127.9.1.1:2380"), M(3, "c", "https://127.9.3.1:2380")};
  StartPlan p = DecideStart(o);
  EXPECT_EQ(p.kind, Kind::kReplace);
  EXPECT_TRUE(p.wipe_data);
}

}  // namespace
}  // namespace kops::etcd
