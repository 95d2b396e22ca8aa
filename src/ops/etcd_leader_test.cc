#include "ops/etcd_leader.h"

#include <gtest/gtest.h>

#include "ops/validation_test_util.h"

namespace kops::ops {
namespace {

// A ValidationSource whose etcd observation is given; the other aspects are not asked.
class FakeEtcdSource : public ValidationSource {
 public:
  explicit FakeEtcdSource(std::vector<EtcdClusterObservation> etcd) : etcd_(std::move(etcd)) {}
  Result<std::vector<GroupObservation>> InstanceGroups() override { return Internal("not asked"); }
  std::vector<EtcdClusterObservation> EtcdClusters() override {
    ++calls;
    return etcd_;
  }
  ApiObservation ApiHealth() override { return {}; }
  Result<std::vector<nlohmann::json>> Nodes() override { return Internal("not asked"); }
  std::chrono::system_clock::time_point WallNow() override { return {}; }
  int calls = 0;

 private:
  std::vector<EtcdClusterObservation> etcd_;
};

EtcdClusterObservation Main() { return testing::HealthyInput().etcd[0]; }

TEST(FindEtcdLeader, TheMemberEveryoneNamesAndItsInstance) {
  std::vector<EtcdClusterObservation> etcd = testing::HealthyInput().etcd;
  for (auto& m : etcd[1].members) m.leader_id = 102;  // events: c leads
  FakeEtcdSource source(etcd);
  Result<EtcdLeader> main = FindEtcdLeader(source, "main");
  ASSERT_TRUE(main.ok()) << main.status().message();
  EXPECT_EQ(main->etcd_cluster, "main");
  EXPECT_EQ(main->member, "b");
  EXPECT_EQ(main->member_id, 101u);
  EXPECT_EQ(main->instance_id, "i-cpb");
  EXPECT_EQ(main->zone, "local-b");
  Result<EtcdLeader> events = FindEtcdLeader(source, "events");
  ASSERT_TRUE(events.ok()) << events.status().message();
  EXPECT_EQ(events->instance_id, "i-cpc");
  EXPECT_EQ(source.calls, 2);
}

TEST(FindEtcdLeader, UnknownEtcdClusterNamesTheSpecsClusters) {
  FakeEtcdSource source(testing::HealthyInput().etcd);
  Result<EtcdLeader> r = FindEtcdLeader(source, "cilium");
  ASSERT_EQ(r.status().code(), Code::kNotFound);
  EXPECT_EQ(r.status().message(), "etcd cluster \"cilium\" is not in the cluster spec (it has: main, events)");
}

TEST(LeaderOf, LeaderThatDoesNotAnswerIsFoundThroughTheMemberList) {
  EtcdClusterObservation c = Main();
  c.members[1].reachable = false;  // b leads but its status call timed out
  c.members[1].member_id = 0;
  c.members[1].leader_id = 0;
  Result<EtcdLeader> r = LeaderOf(c);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->member, "b");
  EXPECT_EQ(r->instance_id, "i-cpb");
}

TEST(LeaderOf, NoLeaderSaysWhatEachMemberSaid) {
  EtcdClusterObservation c = Main();
  c.members[0] = {.name = "a", .zone = "local-a"};
  c.members[1].reachable = false;
  c.members[1].error = "connection refused";
  c.members[2].leader_id = 0;
  Result<EtcdLeader> r = LeaderOf(c);
  ASSERT_EQ(r.status().code(), Code::kUnavailable);
  EXPECT_EQ(r.status().message(),
            "etcd cluster main has no leader (quorum lost?): a: no running instance; "
            "b: does not answer (connection refused); c: knows no leader");
}

TEST(LeaderOf, NoMemberAnswers) {
  EtcdClusterObservation c = Main();
  for (auto& m : c.members) m.reachable = false;
  EXPECT_EQ(LeaderOf(c).status().message(),
            "etcd cluster main: no member answers (a: does not answer; b: does not answer; c: does not answer)");
}

TEST(LeaderOf, MembersThatDisagreeAreNotGuessedBetween) {
  EtcdClusterObservation c = Main();
  c.members[2].leader_id = 102;
  Result<EtcdLeader> r = LeaderOf(c);
  ASSERT_EQ(r.status().code(), Code::kUnavailable);
  EXPECT_EQ(r.status().message(),
            "etcd cluster main: members disagree on the leader (an election is under way?): "
            "a: leader 65; b: leader 65; c: leader 66");
}

TEST(LeaderOf, LeaderWithoutRunningInstanceOrOutsideTheSpec) {
  EtcdClusterObservation c = Main();
  c.members[1].instance_id.clear();
  c.members[1].reachable = false;
  EXPECT_EQ(LeaderOf(c).status().message(), "etcd cluster main: leader \"b\" (65) has no running instance");

  EtcdClusterObservation stranger = Main();
  for (auto& m : stranger.members) m.leader_id = 0xabc;
  stranger.member_list.push_back({0xabc, "z", false});
  EXPECT_EQ(LeaderOf(stranger).status().message(),
            "etcd cluster main: leader abc is member \"z\", which is not in the cluster spec "
            "(a: leader abc; b: leader abc; c: leader abc)");
}

TEST(LeaderOf, ObservationErrorIsReported) {
  EtcdClusterObservation c = Main();
  c.error = "keystore has no etcd-clients-ca-main";
  EXPECT_EQ(LeaderOf(c).status().message(),
            "etcd cluster main could not be observed: keystore has no etcd-clients-ca-main");
}

}  // namespace
}  // namespace kops::ops
