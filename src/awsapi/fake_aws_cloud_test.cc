// FakeAwsCloud's AWS-like behaviour, seen through the real clients: signing, errors, the
// call log, and what Step() does after terminations, deregistrations and capacity changes.
#include "awsapi/fake_aws_cloud.h"

#include "awsapi/autoscaling_client.h"
#include "awsapi/ec2.h"
#include "awsapi/elbv2_client.h"
#include "base/fake_clock.h"
#include "gtest/gtest.h"

namespace kops::awsapi {
namespace {

class FakeAwsCloudTest : public ::testing::Test {
 protected:
  FakeAwsCloudTest()
      : asg_(cloud_.http(), FakeAwsCloud::Config(), clock_),
        elb_(cloud_.http(), FakeAwsCloud::Config(), clock_),
        ec2_(cloud_.http(), FakeAwsCloud::Config(), clock_) {
    cloud_.AddLaunchTemplate("masters.x.example.com", 3, 3);
    cloud_.AddLoadBalancer("api-x", "api-x.elb.test");
    tg_ = cloud_.AddTargetGroup("api-x", "tcp-api", 443);
    FakeAwsCloud::GroupSpec spec;
    spec.name = "masters.x.example.com";
    spec.min_size = 2;
    spec.max_size = 4;
    spec.desired_capacity = 3;
    spec.launch_template_name = "masters.x.example.com";
    spec.availability_zones = {"us-test-1a", "us-test-1b", "us-test-1c"};
    spec.tags = {{"KubernetesCluster", "x.example.com"}};
    spec.target_group_arns = {tg_};
    cloud_.AddGroup(spec);
    cloud_.AddInstance(spec.name, "i-old-a", "us-test-1a", 2);
    cloud_.AddInstance(spec.name, "i-old-b", "us-test-1b", 2);
    cloud_.AddInstance(spec.name, "i-old-c", "us-test-1c", 3);
  }
  AutoScalingGroup Group() {
    auto groups = asg_.DescribeAutoScalingGroups({"masters.x.example.com"});
    EXPECT_TRUE(groups.ok()) << groups.status().ToString();
    EXPECT_EQ(groups->size(), 1u);
    return groups->at(0);
  }
  std::string Health(const std::string& id) {
    auto health = elb_.DescribeTargetHealth(tg_);
    EXPECT_TRUE(health.ok()) << health.status().ToString();
    for (const auto& d : *health)
      if (d.target_id == id) return d.state;
    return "";
  }

  FakeAwsCloud cloud_;
  FakeClock clock_;
  AutoScalingClient asg_;
  Elbv2Client elb_;
  Ec2Client ec2_;
  std::string tg_;
};

TEST_F(FakeAwsCloudTest, TerminateThenStepsReplaceTheInstanceWithTheLatestVersion) {
  EXPECT_EQ(Health("i-old-a"), "healthy");
  ASSERT_TRUE(asg_.TerminateInstanceInAutoScalingGroup("i-old-a", false).ok());
  AutoScalingGroup g = Group();
  EXPECT_EQ(g.desired_capacity, 3);
  ASSERT_EQ(g.instances.size(), 3u);
  EXPECT_EQ(g.instances[0].lifecycle_state, "Terminating");
  EXPECT_EQ(Health("i-old-a"), "draining");
  auto shutting = ec2_.DescribeInstances({"i-old-a"});
  ASSERT_TRUE(shutting.ok());
  EXPECT_EQ(shutting->at(0).state, "shutting-down");

  cloud_.Step();
  g = Group();
  ASSERT_EQ(g.instances.size(), 3u);
  std::vector<std::string> ids;
  for (const auto& i : g.instances) ids.push_back(i.instance_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"i-old-b", "i-old-c", "i-fake0001"}));
  const AsgInstance& fresh = g.instances[2];
  EXPECT_EQ(fresh.lifecycle_state, "InService");
  EXPECT_EQ(fresh.launch_template_version, "3");
  EXPECT_EQ(fresh.launch_template_name, "masters.x.example.com");
  EXPECT_EQ(fresh.availability_zone, "us-test-1a") << "the zone left empty";
  EXPECT_EQ(Health("i-old-a"), "");
  EXPECT_EQ(Health("i-fake0001"), "initial");
  auto ec2 = ec2_.DescribeInstances({"i-old-a", "i-fake0001"});
  ASSERT_TRUE(ec2.ok()) << ec2.status().ToString();
  EXPECT_EQ(ec2->at(0).state, "terminated");
  EXPECT_EQ(ec2->at(1).state, "running");
  EXPECT_EQ(ec2->at(1).Tag("KubernetesCluster"), "x.example.com");
  EXPECT_FALSE(ec2->at(1).private_dns_name.empty());

  cloud_.Step();
  EXPECT_EQ(Health("i-fake0001"), "healthy");
  EXPECT_EQ(Group().instances.size(), 3u) << "nothing more to launch";
}

TEST_F(FakeAwsCloudTest, ANewTemplateVersionAndDefaultResolution) {
  cloud_.SetLaunchTemplateVersions("masters.x.example.com", 5, 4);
  ASSERT_TRUE(asg_.TerminateInstanceInAutoScalingGroup("i-old-b", false).ok());
  cloud_.Step();
  EXPECT_EQ(cloud_.InstanceLaunchTemplateVersion("i-fake0001"), 5);
  EXPECT_EQ(cloud_.LifecycleState("i-old-b"), "");
  EXPECT_EQ(cloud_.Ec2State("i-old-b"), "terminated");

  FakeAwsCloud::GroupSpec spec;
  spec.name = "by-default";
  spec.max_size = 1;
  spec.desired_capacity = 1;
  spec.launch_template_name = "masters.x.example.com";
  spec.launch_template_version = "$Default";
  spec.availability_zones = {"us-test-1b"};
  cloud_.AddGroup(spec);
  cloud_.Step();
  auto ids = cloud_.GroupInstances("by-default");
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(cloud_.InstanceLaunchTemplateVersion(ids[0]), 4);
}

TEST_F(FakeAwsCloudTest, TerminateWithDecrementIsNotReplacedAndRespectsMinSize) {
  ASSERT_TRUE(asg_.TerminateInstanceInAutoScalingGroup("i-old-a", true).ok());
  EXPECT_EQ(cloud_.DesiredCapacity("masters.x.example.com"), 2);
  Status at_min = asg_.TerminateInstanceInAutoScalingGroup("i-old-b", true);
  EXPECT_EQ(at_min.code(), Code::kInvalidArgument);
  EXPECT_NE(at_min.message().find("min size"), std::string::npos) << at_min.message();
  EXPECT_EQ(cloud_.LifecycleState("i-old-b"), "InService");
  cloud_.Step();
  EXPECT_EQ(cloud_.GroupInstances("masters.x.example.com"),
            (std::vector<std::string>{"i-old-b", "i-old-c"}));
}

TEST_F(FakeAwsCloudTest, DeregisterDrainsThenRemovesAndRegisterStartsInitial) {
  ASSERT_TRUE(elb_.DeregisterTargets(tg_, {"i-old-b"}).ok());
  EXPECT_EQ(Health("i-old-b"), "draining");
  cloud_.Step();
  EXPECT_EQ(Health("i-old-b"), "");
  Status again = elb_.DeregisterTargets(tg_, {"i-old-b"});
  EXPECT_NE(again.message().find("InvalidTarget"), std::string::npos) << again.message();

  ASSERT_TRUE(elb_.RegisterTargets(tg_, {"i-old-b"}).ok());
  EXPECT_EQ(Health("i-old-b"), "initial");
  cloud_.Step();
  EXPECT_EQ(Health("i-old-b"), "healthy");
  Status unknown = elb_.RegisterTargets(tg_, {"i-none"});
  EXPECT_NE(unknown.message().find("InvalidTarget"), std::string::npos);
  cloud_.SetTargetHealth(tg_, "i-old-c", "unhealthy");
  auto health = elb_.DescribeTargetHealth(tg_);
  ASSERT_TRUE(health.ok());
  std::string reason;
  for (const auto& d : *health)
    if (d.target_id == "i-old-c") reason = d.reason;
  EXPECT_EQ(reason, "Target.FailedHealthChecks");
}

TEST_F(FakeAwsCloudTest, ScaleInOnStepTerminatesOutdatedInstancesFirst) {
  ASSERT_TRUE(asg_.SetDesiredCapacity("masters.x.example.com", 2).ok());
  cloud_.Step();
  EXPECT_EQ(cloud_.LifecycleState("i-old-a"), "Terminating") << "version 2 is outdated";
  EXPECT_EQ(Health("i-old-a"), "draining");
  cloud_.Step();
  EXPECT_EQ(cloud_.GroupInstances("masters.x.example.com"),
            (std::vector<std::string>{"i-old-b", "i-old-c"}));
  ASSERT_TRUE(asg_.SetDesiredCapacity("masters.x.example.com", 4).ok());
  cloud_.Step();
  auto ids = cloud_.GroupInstances("masters.x.example.com");
  ASSERT_EQ(ids.size(), 4u);
  EXPECT_EQ(ids[2], "i-fake0001");
  EXPECT_EQ(ids[3], "i-fake0002");
}

TEST_F(FakeAwsCloudTest, CallLogAndForcedFailures) {
  cloud_.FailAction("DescribeTargetHealth", 503, "ServiceUnavailable", "try later");
  auto failed = elb_.DescribeTargetHealth(tg_);
  EXPECT_EQ(failed.status().code(), Code::kUnavailable);
  EXPECT_TRUE(elb_.DescribeTargetHealth(tg_).ok()) << "only the next call fails";
  ASSERT_TRUE(asg_.SetDesiredCapacity("masters.x.example.com", 3).ok());
  EXPECT_EQ(cloud_.calls(),
            (std::vector<std::string>{"DescribeTargetHealth", "DescribeTargetHealth",
                                      "SetDesiredCapacity"}));
}

TEST_F(FakeAwsCloudTest, UnsignedUnknownAndWrongVersionRequestsAreRefused) {
  HttpRequest unsigned_req;
  unsigned_req.method = "POST";
  unsigned_req.url = std::string(FakeAwsCloud::kEndpoint) + "/";
  unsigned_req.body = "Action=DescribeAutoScalingGroups&Version=2011-01-01";
  auto res = cloud_.http().Do(unsigned_req);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res->status, 403);
  EXPECT_NE(res->body.find("MissingAuthenticationToken"), std::string::npos);

  QueryClient unknown_action(cloud_.http(), FakeAwsCloud::Config(), "autoscaling", "2011-01-01",
                             clock_);
  auto r = unknown_action.Call("DescribeScalingActivities");
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("autoscaling DescribeScalingActivities"), std::string::npos);
  EXPECT_NE(r.status().message().find("UnsupportedOperation"), std::string::npos);

  QueryClient ec2(cloud_.http(), FakeAwsCloud::Config(), "ec2", "2016-11-15", clock_);
  auto vpcs = ec2.Call("DescribeVpcs");
  EXPECT_NE(vpcs.status().message().find("UnsupportedOperation"), std::string::npos)
      << "ec2's <Response><Errors> format is read";

  QueryClient old(cloud_.http(), FakeAwsCloud::Config(), "elasticloadbalancing", "2012-06-01",
                  clock_);
  auto v1 = old.Call("DescribeLoadBalancers");
  EXPECT_NE(v1.status().message().find("NoSuchVersion"), std::string::npos);

  QueryClient sts(cloud_.http(), FakeAwsCloud::Config(), "sts", "2011-06-15", clock_);
  EXPECT_NE(sts.Call("GetCallerIdentity").status().message().find("not sts"), std::string::npos);
}

TEST_F(FakeAwsCloudTest, MisuseOfTheWorldBuildersThrows) {
  FakeAwsCloud::GroupSpec spec;
  spec.name = "g";
  spec.launch_template_name = "no-such-template";
  spec.availability_zones = {"us-test-1a"};
  EXPECT_THROW(cloud_.AddGroup(spec), std::invalid_argument);
  EXPECT_THROW(cloud_.AddInstance("no-group", "i-1", "us-test-1a", 1), std::invalid_argument);
  EXPECT_THROW(cloud_.AddTargetGroup("no-lb", "tg"), std::invalid_argument);
}

}  // namespace
}  // namespace kops::awsapi
