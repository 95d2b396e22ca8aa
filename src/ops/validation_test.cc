#include "ops/validation.h"

#include <gtest/gtest.h>

#include "ops/validation_test_util.h"

namespace kops::ops {
namespace {

using testing::HealthyInput;
using testing::ZoneADown;

std::vector<std::string> Names(const ClusterValidation& v) {
  std::vector<std::string> out;
  for (const auto& f : v.failures) out.push_back(f.kind + " " + f.name);
  return out;
}

TEST(EvaluateCluster, HealthyClusterHasNoFailures) {
  ClusterValidation v = EvaluateCluster(HealthyInput());
  EXPECT_TRUE(v.healthy()) << v.failures[0].message;
  ASSERT_EQ(v.nodes.size(), 3u);
  EXPECT_EQ(v.nodes[0].name, "i-nodea");
  EXPECT_EQ(v.nodes[0].status, "True");
  EXPECT_EQ(v.nodes[0].role, "node");
  ASSERT_EQ(v.etcd.size(), 6u);
  EXPECT_TRUE(v.etcd[1].leader);
  EXPECT_FALSE(v.etcd[0].leader);
  EXPECT_TRUE(v.etcd[0].healthy);
}

TEST(EvaluateCluster, ZoneDownReportsExactlyWhatIsDown) {
  ClusterValidation v = EvaluateCluster(ZoneADown());
  EXPECT_EQ(Names(v), (std::vector<std::string>{
                          "InstanceGroup control-plane-local-a", "InstanceGroup nodes-local-a",
                          "EtcdMember etcd-main/a", "EtcdMember etcd-events/a"}));
  EXPECT_EQ(v.failures[0].message, "InstanceGroup \"control-plane-local-a\" did not have enough nodes 0 vs 1");
  EXPECT_EQ(v.failures[2].message, "etcd member \"a\" of cluster main (zone local-a) has no running instance");
  EXPECT_EQ(v.nodes.size(), 2u);
}

TEST(EvaluateCluster, OutdatedMachinesDoNotCountAsReady) {
  ValidationInput in = HealthyInput();
  in.groups[1].machines[0].outdated = true;
  ClusterValidation v = EvaluateCluster(in);
  ASSERT_EQ(v.failures.size(), 1u);
  EXPECT_EQ(v.failures[0].message,
            "InstanceGroup \"nodes-local-a\" did not have enough nodes 0 vs 1 (1 running, 1 outdated)");
}

TEST(EvaluateCluster, OutdatedMachinesCountWhenAskedAsDuringARoll) {
  ValidationInput in = HealthyInput();
  in.groups[1].machines[0].outdated = true;
  EXPECT_TRUE(EvaluateCluster(in, {.count_outdated = true}).healthy());
}

TEST(EvaluateCluster, GroupMissingFromCloud) {
  ValidationInput in = HealthyInput();
  in.groups[3].found_in_cloud = false;
  EXPECT_EQ(Names(EvaluateCluster(in)), (std::vector<std::string>{"InstanceGroup nodes-local-b"}));
}

TEST(EvaluateCluster, StaleHeartbeatIsNotReadyAfterGrace) {
  ValidationInput in = HealthyInput();
  in.nodes[1] = testing::ReadyNode("i-nodeb", in.now - std::chrono::seconds(40));
  EXPECT_TRUE(EvaluateCluster(in).healthy());
  in.nodes[1] = testing::ReadyNode("i-nodeb", in.now - std::chrono::seconds(52));
  ClusterValidation v = EvaluateCluster(in);
  EXPECT_EQ(Names(v), (std::vector<std::string>{"Node i-nodeb"}));
  EXPECT_NE(v.failures[0].message.find("is not ready: no heartbeat for 52s"), std::string::npos)
      << v.failures[0].message;
  EXPECT_EQ(v.nodes[1].status, "False");
}

TEST(EvaluateCluster, MachineThatHasNotJoined) {
  ValidationInput in = HealthyInput();
  in.nodes.erase(in.nodes.begin() + 2);
  ClusterValidation v = EvaluateCluster(in);
  EXPECT_EQ(Names(v), (std::vector<std::string>{"Machine i-nodec"}));
  EXPECT_EQ(v.failures[0].message, "machine \"i-nodec\" has not yet joined cluster");
}

TEST(EvaluateCluster, NodeMatchedByAddressAndStaleNodesIgnored) {
  ValidationInput in = HealthyInput();
  in.nodes[0]["metadata"]["name"] = "ip-127-0-1-20";
  in.nodes[0]["status"]["addresses"] = {{{"type", "InternalIP"}, {"address", "127.0.1.20"}}};
  in.nodes.push_back(testing::ReadyNode("i-gone", in.now - std::chrono::hours(1)));
  ClusterValidation v = EvaluateCluster(in);
  EXPECT_TRUE(v.healthy()) << v.failures[0].message;
  EXPECT_EQ(v.nodes.size(), 3u);
}

TEST(EvaluateCluster, NodesUnreadable) {
  ValidationInput in = HealthyInput();
  in.nodes_ok = false;
  in.nodes_error = "connection refused";
  EXPECT_EQ(Names(EvaluateCluster(in)), (std::vector<std::string>{"API nodes"}));
}

TEST(EvaluateCluster, ApiNotReadyThroughLoadBalancer) {
  ValidationInput in = HealthyInput();
  in.api.status = 503;
  in.api.message = "etcd main has no quorum";
  ClusterValidation v = EvaluateCluster(in);
  ASSERT_EQ(v.failures.size(), 1u);
  EXPECT_EQ(v.failures[0].message,
            "API /readyz through the load balancer answered HTTP 503: etcd main has no quorum");
  in.api = {"", false, 0, "no load balancer"};
  EXPECT_EQ(Names(EvaluateCluster(in)), (std::vector<std::string>{"API load balancer"}));
}

TEST(EvaluateEtcd, HealthOnlyObservationJudgesMemberHealthAndQuorum) {
  // As observed from outside the network (AWS, through the etcd-manager pods): no
  // leader, member list or revisions. Healthy members are enough.
  ValidationInput in = HealthyInput();
  for (auto& c : in.etcd) {
    c.health_only = true;
    c.member_list_ok = false;
    c.member_list.clear();
    for (auto& m : c.members) m.member_id = m.leader_id = 0, m.revision = 0;
  }
  EXPECT_TRUE(EvaluateCluster(in).healthy());
  // One member down: that member fails; two down: the cluster has no quorum.
  in.etcd[0].members[0].healthy = false;
  EXPECT_EQ(Names(EvaluateCluster(in)), (std::vector<std::string>{"EtcdMember etcd-main/a"}));
  in.etcd[0].members[1].healthy = false;
  ClusterValidation v = EvaluateCluster(in);
  EXPECT_EQ(Names(v), (std::vector<std::string>{"EtcdMember etcd-main/a", "EtcdMember etcd-main/b",
                                                "EtcdCluster etcd-main"}));
  EXPECT_EQ(v.failures.back().message, "etcd cluster main has 1 of 3 members healthy; quorum needs 2");
}

TEST(EvaluateCluster, NodeMatchedByProviderId) {
  ValidationInput in = HealthyInput();
  in.nodes[1]["metadata"]["name"] = "ip-10-0-1-21.us-test-1.compute.internal";
  in.nodes[1]["spec"]["providerID"] = "aws:///local-b/i-nodeb";
  ClusterValidation v = EvaluateCluster(in);
  EXPECT_TRUE(v.healthy()) << v.failures[0].message;
  EXPECT_EQ(v.nodes.size(), 3u);
}

TEST(EvaluateCluster, ControlPlaneNodesAreCheckedWhereControlPlanesRegisterThem) {
  ValidationInput in = HealthyInput();
  EXPECT_TRUE(EvaluateCluster(in).healthy());  // local: control planes register no Node
  in.control_plane_nodes = true;
  EXPECT_EQ(Names(EvaluateCluster(in)),
            (std::vector<std::string>{"Machine i-cpa", "Machine i-cpb", "Machine i-cpc"}));
  for (const char* id : {"i-cpa", "i-cpb", "i-cpc"}) in.nodes.push_back(testing::ReadyNode(id, in.now));
  ClusterValidation v = EvaluateCluster(in);
  EXPECT_TRUE(v.healthy()) << v.failures[0].message;
  ASSERT_EQ(v.nodes.size(), 6u);
  EXPECT_EQ(v.nodes[0].name, "i-cpa");
  EXPECT_EQ(v.nodes[0].role, "control-plane");
}

TEST(EvaluateEtcd, NoLeaderAndSplitLeaders) {
  ValidationInput in = HealthyInput();
  for (auto& m : in.etcd[0].members) m.leader_id = 0;
  EXPECT_EQ(Names(EvaluateCluster(in)), (std::vector<std::string>{"EtcdCluster etcd-main"}));
  in = HealthyInput();
  in.etcd[0].members[2].leader_id = 102;
  ClusterValidation v = EvaluateCluster(in);
  ASSERT_EQ(Names(v), (std::vector<std::string>{"EtcdCluster etcd-main"}));
  EXPECT_EQ(v.failures[0].message, "etcd cluster main members disagree on the leader: b, c");
}

TEST(EvaluateEtcd, UnhealthyUnreachableLaggingLearner) {
  ValidationInput in = HealthyInput();
  auto& c = in.etcd[1];
  c.members[0].healthy = false;
  c.members[0].error = "no leader";
  c.members[1].revision = 80;
  c.members[2].learner = true;
  c.member_list[2].learner = true;
  ClusterValidation v = EvaluateCluster(in);
  EXPECT_EQ(Names(v), (std::vector<std::string>{"EtcdMember etcd-events/a", "EtcdMember etcd-events/c",
                                                "EtcdMember etcd-events/c"}));
  EXPECT_EQ(v.failures[0].message, "etcd member \"a\" of cluster events (zone local-a) is not healthy: no leader");
  EXPECT_EQ(v.failures[1].message, "etcd member \"c\" of cluster events is still a learner");  // once
  EXPECT_EQ(v.failures[2].message, "etcd member \"c\" of cluster events is 30 revisions behind (at 50, highest 80)");

  // Read one after the other, the member list may already show a promotion its own
  // status does not: the member is not counted as voting until both agree.
  in = HealthyInput();
  in.etcd[0].members[1].learner = true;
  v = EvaluateCluster(in);
  ASSERT_EQ(Names(v), (std::vector<std::string>{"EtcdMember etcd-main/b"}));
  EXPECT_EQ(v.failures[0].message, "etcd member \"b\" of cluster main is still a learner");

  in = HealthyInput();
  in.etcd[0].members[1].reachable = false;
  in.etcd[0].members[1].error = "connection refused";
  v = EvaluateCluster(in);
  ASSERT_EQ(v.failures.size(), 1u);
  EXPECT_EQ(v.failures[0].message,
            "etcd member \"b\" of cluster main (zone local-b) on i-cpb does not answer: connection refused");
}

TEST(EvaluateEtcd, MemberListDisagreesWithSpec) {
  ValidationInput in = HealthyInput();
  in.etcd[0].member_list.pop_back();
  in.etcd[0].member_list.push_back({7, "", false});
  in.etcd[0].member_list.push_back({8, "z", false});
  EXPECT_EQ(Names(EvaluateCluster(in)), (std::vector<std::string>{"EtcdMember etcd-main/7", "EtcdMember etcd-main/z",
                                                                  "EtcdMember etcd-main/c"}));
  in = HealthyInput();
  in.etcd[0].member_list_ok = false;
  in.etcd[0].member_list_error = "timeout";
  EXPECT_EQ(Names(EvaluateCluster(in)), (std::vector<std::string>{"EtcdCluster etcd-main"}));
  in = HealthyInput();
  in.etcd[0].error = "keyset etcd-clients-ca is not in the state store's keystore";
  ClusterValidation v = EvaluateCluster(in);
  EXPECT_EQ(Names(v), (std::vector<std::string>{"EtcdCluster etcd-main"}));
  EXPECT_FALSE(v.etcd[0].healthy);
}

}  // namespace
}  // namespace kops::ops
