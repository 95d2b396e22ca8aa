#include "ops/rolling_update.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "base/fake_clock.h"
#include "ops/fake_rolling_update_cloud.h"
#include "ops/rolling_update_roller.h"

namespace kops::ops {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const char kOutdated[] = "launch configuration differs from the group's";

RollGroup Group(const std::string& name, const std::string& role, std::vector<std::string> ids) {
  RollGroup g{name, role, static_cast<int>(ids.size()), static_cast<int>(ids.size()), static_cast<int>(ids.size()),
              {}, {}, {}};
  for (const auto& id : ids) g.instances.push_back({id, "zone-" + id, role == "Node" ? id : "", true, kOutdated});
  return g;
}

class RollingUpdateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cloud_.groups = {Group("nodes", "Node", {"n-1", "n-2", "n-3"}), Group("control-plane-b", "ControlPlane", {"cp-b"}),
                     Group("control-plane-a", "ControlPlane", {"cp-a"}), Group("control-plane-c", "ControlPlane", {"cp-c"}),
                     Group("bastions", "Bastion", {"b-1"})};
    cloud_.etcd["main"] = {{"a", "cp-a", 1}, {"b", "cp-b", 2}, {"c", "cp-c", 3}};
    cloud_.etcd["events"] = {{"a", "cp-a", 11}, {"b", "cp-b", 12}, {"c", "cp-c", 13}};
    cloud_.leader = {{"main", 1}, {"events", 12}};
    o_.post_drain_delay = {};
    o_.validate_count = 1;
  }
  Status Run() { return RunRollingUpdate(cloud_, o_, clock_, log_); }
  // Terminations and validations only, in order.
  std::vector<std::string> Steps() const {
    std::vector<std::string> out;
    for (const auto& e : cloud_.events)
      if (e.rfind("terminate", 0) == 0 || e == "validate") out.push_back(e);
    return out;
  }

  FakeRollingUpdateCloud cloud_;
  RollingUpdateOptions o_;
  FakeClock clock_;
  std::ostringstream log_;
};

TEST_F(RollingUpdateTest, BastionsThenControlPlanesOneAtATimeThenNodes) {
  ASSERT_TRUE(Run().ok()) << log_.str();
  EXPECT_THAT(cloud_.Only("terminate"), ElementsAre("terminate b-1", "terminate cp-a", "terminate cp-b",
                                                    "terminate cp-c", "terminate n-1", "terminate n-2", "terminate n-3"));
  // Each control plane is validated before the next one goes.
  std::vector<std::string> steps = Steps();
  auto at = [&](const std::string& e) { return std::find(steps.begin(), steps.end(), e) - steps.begin(); };
  EXPECT_EQ(steps[at("terminate cp-a") + 1], "validate");
  EXPECT_EQ(steps[at("terminate cp-b") + 1], "validate");
  EXPECT_THAT(log_.str(), HasSubstr("Stopping instance \"n-1\", node \"n-1\", in group \"nodes\""));
}

TEST_F(RollingUpdateTest, EachNodeIsDeletedFromKubernetesJustBeforeItsInstanceIsTerminated) {
  o_.instance_groups = {"nodes", "bastions"};
  ASSERT_TRUE(Run().ok()) << log_.str();
  std::vector<std::string> seen;
  for (const auto& e : cloud_.events)
    if (e.rfind("delete-node", 0) == 0 || e.rfind("terminate", 0) == 0) seen.push_back(e);
  // Bastions register no Node and are not deleted from kubernetes (as kops).
  EXPECT_THAT(seen, ElementsAre("terminate b-1", "delete-node n-1", "terminate n-1", "delete-node n-2",
                                "terminate n-2", "delete-node n-3", "terminate n-3"));
  EXPECT_THAT(log_.str(), HasSubstr("Deleting node \"n-1\" from kubernetes."));
}

TEST_F(RollingUpdateTest, CloudOnlyDeletesNoNode) {
  o_.instance_groups = {"nodes"};
  o_.cloud_only = true;
  ASSERT_TRUE(Run().ok()) << log_.str();
  EXPECT_TRUE(cloud_.Only("delete-node").empty());
  EXPECT_EQ(cloud_.Only("terminate").size(), 3u);
}

TEST_F(RollingUpdateTest, ControlPlaneMovesLeaderThenLeavesLoadBalancerThenTerminates) {
  o_.instance_groups = {"control-plane-a"};
  ASSERT_TRUE(Run().ok()) << log_.str();
  EXPECT_THAT(cloud_.events, ElementsAre("validate", "move-leader main b", "lb-drain cp-a", "terminate cp-a", "validate"));
  // The replacement carries member a, and cp-b (highest revision tie: first) leads.
  EXPECT_EQ(cloud_.leader["main"], 2u);
  EXPECT_EQ(cloud_.etcd["main"][0].instance_id, "control-plane-a-r1");
}

TEST_F(RollingUpdateTest, RefusesWhenAnInstanceWouldLeaveEtcdWithoutQuorum) {
  cloud_.etcd["main"][0].healthy = false;  // zone of member a is down
  cloud_.etcd["events"][0].healthy = false;
  Status st = Run();
  ASSERT_EQ(st.code(), Code::kFailedPrecondition);
  EXPECT_THAT(st.message(), HasSubstr("rolling cp-b would leave etcd main with 1 of 3 members healthy; quorum needs 2"));
  EXPECT_THAT(st.message(), HasSubstr("nothing was terminated"));
  EXPECT_TRUE(cloud_.Only("terminate").empty());
}

TEST_F(RollingUpdateTest, QuorumProblemNamesTheDownMembers) {
  cloud_.etcd["main"][0].instance_id.clear();
  std::string p = QuorumProblemWithout(cloud_.EtcdClusters(), "cp-c");
  EXPECT_THAT(p, HasSubstr("etcd main with 1 of 3 members healthy; quorum needs 2 (a: no running instance)"));
  EXPECT_EQ(QuorumProblemWithout(cloud_.EtcdClusters(), "n-1").find("events"), std::string::npos);
}

TEST_F(RollingUpdateTest, WaitsTheNodeIntervalAfterEachTermination) {
  o_.instance_groups = {"nodes"};
  o_.node_interval = std::chrono::seconds(15);
  Clock::TimePoint start = clock_.Now();
  ASSERT_TRUE(Run().ok()) << log_.str();
  EXPECT_EQ(clock_.Now() - start, std::chrono::seconds(45));
  EXPECT_THAT(Steps(), ElementsAre("validate", "terminate n-1", "validate", "terminate n-2", "validate",
                                   "terminate n-3", "validate"));
  EXPECT_THAT(cloud_.Only("cordon"), ElementsAre("cordon n-1", "cordon n-2", "cordon n-3"));
}

TEST_F(RollingUpdateTest, ValidationFailureStopsTheRollWhenFailOnValidate) {
  o_.instance_groups = {"nodes"};
  o_.validation_timeout = std::chrono::minutes(1);
  cloud_.validations = {true, false, false, false, false, false, false};
  Status st = Run();
  ASSERT_EQ(st.code(), Code::kDeadlineExceeded);
  EXPECT_THAT(st.message(), HasSubstr("error validating cluster after terminating instance"));
  EXPECT_THAT(st.message(), HasSubstr("node \"n\" is not ready"));
  EXPECT_THAT(cloud_.Only("terminate"), ElementsAre("terminate n-1"));
}

TEST_F(RollingUpdateTest, ValidationFailureIsReportedAndIgnoredWithoutFailOnValidate) {
  o_.instance_groups = {"nodes"};
  o_.fail_on_validate_error = false;
  o_.validation_timeout = std::chrono::minutes(1);
  cloud_.validations = std::deque<bool>(30, false);
  ASSERT_TRUE(Run().ok());
  EXPECT_EQ(cloud_.Only("terminate").size(), 3u);
  EXPECT_THAT(log_.str(), HasSubstr("proceeding since fail-on-validate-error is set to false"));
}

TEST_F(RollingUpdateTest, ValidateCountNeedsConsecutiveSuccesses) {
  o_.instance_groups = {"nodes"};
  o_.validate_count = 2;
  // The pre-check needs one success; after n-1: success, failure (starts over), 2 successes.
  cloud_.validations = {true, true, false, true, true};
  ASSERT_TRUE(Run().ok());
  std::vector<std::string> steps = Steps();
  EXPECT_THAT(std::vector<std::string>(steps.begin(), steps.begin() + 7),
              ElementsAre("validate", "terminate n-1", "validate", "validate", "validate", "validate", "terminate n-2"));
}

TEST_F(RollingUpdateTest, MaxSurgeRaisesTheTargetAndTerminatesTheSurplus) {
  o_.instance_groups = {"nodes"};
  cloud_.groups[0].max_surge = api::IntOrString::Int(2);
  ASSERT_TRUE(Run().ok()) << log_.str();
  EXPECT_EQ(cloud_.Only("set-target"), std::vector<std::string>{"set-target nodes 5"});
  EXPECT_THAT(Steps(), ElementsAre("validate", "validate", "terminate n-1", "terminate n-2", "validate",
                                   "terminate n-3", "validate"));
  EXPECT_EQ(cloud_.groups[0].target, 3);
  EXPECT_EQ(cloud_.groups[0].instances.size(), 3u);
}

TEST_F(RollingUpdateTest, MaxUnavailableBatchesAfterTheFirstInstanceValidates) {
  o_.instance_groups = {"nodes"};
  cloud_.groups[0].max_unavailable = api::IntOrString::Str("67%");  // 2 of 3
  ASSERT_TRUE(Run().ok()) << log_.str();
  // No instance is up to date: the first goes alone, then a batch of two.
  EXPECT_THAT(Steps(), ElementsAre("validate", "terminate n-1", "validate", "terminate n-2", "terminate n-3", "validate"));
}

TEST_F(RollingUpdateTest, ForceRollsUpToDateInstances) {
  for (RollGroup& g : cloud_.groups)
    for (RollInstance& i : g.instances) i.need_update.clear();
  ASSERT_TRUE(Run().ok());
  EXPECT_TRUE(cloud_.Only("terminate").empty());
  EXPECT_THAT(log_.str(), HasSubstr("No rolling-update required."));
  o_.force = true;
  ASSERT_TRUE(Run().ok());
  EXPECT_EQ(cloud_.Only("terminate").size(), 7u);
}

TEST_F(RollingUpdateTest, InstanceGroupAndRoleFilters) {
  o_.roles = {"control-plane"};
  ASSERT_TRUE(Run().ok());
  EXPECT_THAT(cloud_.Only("terminate"), ElementsAre("terminate cp-a", "terminate cp-b", "terminate cp-c"));
  o_.roles = {"worker"};
  Status st = Run();
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_THAT(st.message(), HasSubstr("\"worker\""));
  o_.roles = {};
  o_.instance_groups = {"nodez"};
  st = Run();
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_THAT(st.message(), HasSubstr("--instance-group \"nodez\": no such instance group"));
}

TEST_F(RollingUpdateTest, CloudOnlySkipsDrainsEtcdStepsAndValidation) {
  o_.cloud_only = true;
  cloud_.etcd["main"][0].healthy = false;  // not looked at with --cloudonly
  ASSERT_TRUE(Run().ok());
  EXPECT_EQ(cloud_.Only("terminate").size(), 7u);
  EXPECT_TRUE(cloud_.Only("cordon").empty());
  EXPECT_TRUE(cloud_.Only("validate").empty());
  EXPECT_TRUE(cloud_.Only("lb-drain").empty());
  EXPECT_TRUE(cloud_.Only("move-leader").empty());
}

TEST_F(RollingUpdateTest, DrainTimeoutFailsBeforeTerminating) {
  o_.instance_groups = {"nodes"};
  o_.drain_timeout = std::chrono::seconds(10);
  cloud_.nodes_never_drained = {"n-1"};
  Clock::TimePoint start = clock_.Now();
  Status st = Run();
  EXPECT_THAT(st.message(), HasSubstr("failed to drain node \"n-1\""));
  EXPECT_GE(clock_.Now() - start, std::chrono::seconds(10));
  EXPECT_TRUE(cloud_.Only("terminate").empty());
  o_.fail_on_drain_error = false;
  ASSERT_TRUE(Run().ok());
  EXPECT_EQ(cloud_.Only("terminate").size(), 3u);
}

TEST_F(RollingUpdateTest, WaitsForConnectionsToFinishBeforeTerminating) {
  o_.instance_groups = {"control-plane-b"};
  o_.poll_interval = std::chrono::seconds(1);
  cloud_.lb_connections_polls = 3;
  Clock::TimePoint start = clock_.Now();
  ASSERT_TRUE(Run().ok());
  EXPECT_EQ(clock_.Now() - start, std::chrono::seconds(3) + o_.control_plane_interval);
  EXPECT_THAT(log_.str(), HasSubstr("No connection left to \"cp-b\""));
}

TEST_F(RollingUpdateTest, RetriesTheLoadBalancerDrainWhileItIsUnavailable) {
  o_.instance_groups = {"control-plane-b"};
  o_.poll_interval = std::chrono::seconds(1);
  cloud_.lb_drain_unavailable = 2;  // e.g. haproxy still reloading its backend list
  Clock::TimePoint start = clock_.Now();
  ASSERT_TRUE(Run().ok()) << log_.str();
  EXPECT_EQ(std::count(cloud_.events.begin(), cloud_.events.end(), "lb-drain cp-b"), 3);
  EXPECT_EQ(clock_.Now() - start, std::chrono::seconds(2) + o_.control_plane_interval);
  EXPECT_EQ(cloud_.replacements, 1);
}

TEST_F(RollingUpdateTest, LoadBalancerDrainUnavailableUntilTheTimeoutStopsBeforeTerminating) {
  o_.instance_groups = {"control-plane-b"};
  o_.poll_interval = std::chrono::seconds(1);
  o_.lb_drain_timeout = std::chrono::seconds(5);
  cloud_.lb_drain_unavailable = 1000;
  Status st = Run();
  EXPECT_EQ(st.code(), Code::kUnavailable);
  EXPECT_THAT(st.message(), HasSubstr("No such server"));
  EXPECT_EQ(std::count(cloud_.events.begin(), cloud_.events.end(), "lb-drain cp-b"), 6);
  EXPECT_EQ(cloud_.replacements, 0);
}

TEST_F(RollingUpdateTest, ReplacementMustServeInTheLoadBalancer) {
  o_.instance_groups = {"control-plane-c"};
  o_.validation_timeout = std::chrono::seconds(30);
  cloud_.replacement_serves = false;
  Status st = Run();
  EXPECT_EQ(st.code(), Code::kDeadlineExceeded);
  EXPECT_THAT(st.message(), HasSubstr("to serve in the load balancer"));
  EXPECT_THAT(st.message(), HasSubstr("control-plane node not healthy after update"));
}

TEST_F(RollingUpdateTest, ReplacementMustCarryHealthyCaughtUpMembers) {
  o_.instance_groups = {"control-plane-c"};
  o_.validation_timeout = std::chrono::seconds(30);
  cloud_.etcd["main"][0].revision = 900;  // a and b far ahead of what c's replacement will have
  cloud_.etcd["main"][1].revision = 900;
  Status st = Run();
  EXPECT_THAT(st.message(), HasSubstr("member \"c\" to catch up (revision 100 of 900)"));
}

TEST(ResolveBatchSettingsTest, KopsDefaultsAndPercentages) {
  RollGroup g{"nodes", "Node", 1, 10, 10, {}, {}, {}};
  auto s = ResolveBatchSettings(g, 10);
  EXPECT_EQ(s->max_surge, 0);
  EXPECT_EQ(s->max_unavailable, 1);
  g.max_surge = api::IntOrString::Str("25%");
  s = ResolveBatchSettings(g, 10);
  EXPECT_EQ(s->max_surge, 3);  // rounded up
  EXPECT_EQ(s->max_unavailable, 0);
  g.max_unavailable = api::IntOrString::Str("5%");
  s = ResolveBatchSettings(g, 10);
  EXPECT_EQ(s->max_unavailable, 1);  // a share is at least one
  g.max_unavailable = api::IntOrString::Str("lots");
  EXPECT_THAT(ResolveBatchSettings(g, 10).status().message(),
              HasSubstr("spec.rollingUpdate.maxUnavailable \"lots\": want an integer or a percentage"));
}

TEST(RollingUpdateTableTest, KopsColumnsAndTheReasons) {
  std::vector<RollGroup> groups = {Group("nodes", "Node", {"n-1", "n-2"})};
  groups[0].instances[1].need_update.clear();
  RollingUpdateOptions o;
  std::ostringstream out;
  RenderRollingUpdateTable(groups, o, out);
  EXPECT_THAT(out.str(), HasSubstr("NAME   STATUS       NEEDUPDATE  READY  MIN  TARGET  MAX  NODES\n"
                                   "nodes  NeedsUpdate  1           1      2    2       2    2\n"));
  EXPECT_THAT(out.str(), HasSubstr("n-1       nodes  zone-n-1  n-1   " + std::string(kOutdated)));
  EXPECT_EQ(out.str().find("n-2       nodes"), std::string::npos);
  o.force = true;
  o.cloud_only = true;
  std::ostringstream forced;
  RenderRollingUpdateTable(groups, o, forced);
  EXPECT_THAT(forced.str(), HasSubstr("n-2       nodes  zone-n-2  n-2   forced"));
  EXPECT_EQ(forced.str().find("NODES"), std::string::npos);
}

}  // namespace
}  // namespace kops::ops
