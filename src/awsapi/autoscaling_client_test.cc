// AutoScalingClient against canned answers in the shape of the AWS API reference examples
// (request encoding checked on the recorded body) and against FakeAwsCloud.
#include "awsapi/autoscaling_client.h"

#include "awsapi/fake_aws_cloud.h"
#include "base/fake_clock.h"
#include "base/fake_http.h"
#include "gtest/gtest.h"

namespace kops::awsapi {
namespace {

ServiceConfig Config() {
  return ServiceConfig{Credentials{"AK", "SK", "", "environment AWS_ACCESS_KEY_ID"}, "us-west-2",
                       "http://autoscaling.test"};
}

std::string Wrap(const std::string& groups, const std::string& next_token) {
  return "<DescribeAutoScalingGroupsResponse "
         "xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\">"
         "<DescribeAutoScalingGroupsResult><AutoScalingGroups>" +
         groups + "</AutoScalingGroups>" +
         (next_token.empty() ? "" : "<NextToken>" + next_token + "</NextToken>") +
         "</DescribeAutoScalingGroupsResult><ResponseMetadata><RequestId>"
         "e0ffbe2f-EXAMPLE</RequestId></ResponseMetadata></DescribeAutoScalingGroupsResponse>";
}

const char kNodesGroup[] = R"(<member>
  <AutoScalingGroupName>nodes-us-west-2a.example.com</AutoScalingGroupName>
  <AutoScalingGroupARN>arn:aws:autoscaling:us-west-2:123456789012:autoScalingGroup:930d940e-891e-4781-a11a-7b0acd480f03:autoScalingGroupName/nodes-us-west-2a.example.com</AutoScalingGroupARN>
  <LaunchTemplate>
    <LaunchTemplateName>nodes-us-west-2a.example.com</LaunchTemplateName>
    <Version>$Latest</Version>
    <LaunchTemplateId>lt-0b97f1e282EXAMPLE</LaunchTemplateId>
  </LaunchTemplate>
  <MinSize>1</MinSize><MaxSize>5</MaxSize><DesiredCapacity>2</DesiredCapacity>
  <DefaultCooldown>300</DefaultCooldown>
  <AvailabilityZones><member>us-west-2a</member><member>us-west-2b</member></AvailabilityZones>
  <LoadBalancerNames><member>api-classic</member></LoadBalancerNames>
  <TargetGroupARNs><member>arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/tcp-api/a1b2c3</member></TargetGroupARNs>
  <HealthCheckType>EC2</HealthCheckType>
  <Instances>
    <member>
      <InstanceId>i-06905f55584de02da</InstanceId>
      <InstanceType>t3.medium</InstanceType>
      <AvailabilityZone>us-west-2a</AvailabilityZone>
      <LifecycleState>InService</LifecycleState>
      <HealthStatus>Healthy</HealthStatus>
      <LaunchTemplate>
        <LaunchTemplateName>nodes-us-west-2a.example.com</LaunchTemplateName>
        <Version>3</Version>
        <LaunchTemplateId>lt-0b97f1e282EXAMPLE</LaunchTemplateId>
      </LaunchTemplate>
      <ProtectedFromScaleIn>false</ProtectedFromScaleIn>
    </member>
    <member>
      <InstanceId>i-0f9b2a7c11EXAMPLE</InstanceId>
      <AvailabilityZone>us-west-2b</AvailabilityZone>
      <LifecycleState>Pending</LifecycleState>
      <HealthStatus>Unhealthy</HealthStatus>
      <LaunchConfigurationName>old-lc</LaunchConfigurationName>
    </member>
  </Instances>
  <Tags>
    <member><ResourceId>nodes-us-west-2a.example.com</ResourceId><ResourceType>auto-scaling-group</ResourceType>
      <Key>KubernetesCluster</Key><Value>example.com</Value><PropagateAtLaunch>true</PropagateAtLaunch></member>
    <member><ResourceId>nodes-us-west-2a.example.com</ResourceId><ResourceType>auto-scaling-group</ResourceType>
      <Key>kops.k8s.io/instancegroup</Key><Value>nodes-us-west-2a</Value><PropagateAtLaunch>true</PropagateAtLaunch></member>
  </Tags>
</member>)";

const char kMixedGroup[] = R"(<member>
  <AutoScalingGroupName>spot</AutoScalingGroupName>
  <AutoScalingGroupARN>arn:aws:autoscaling:us-west-2:123456789012:autoScalingGroup:1:autoScalingGroupName/spot</AutoScalingGroupARN>
  <MixedInstancesPolicy>
    <LaunchTemplate>
      <LaunchTemplateSpecification>
        <LaunchTemplateId>lt-0mixedEXAMPLE</LaunchTemplateId>
        <LaunchTemplateName>spot.example.com</LaunchTemplateName>
        <Version>$Default</Version>
      </LaunchTemplateSpecification>
      <Overrides><member><InstanceType>c5.large</InstanceType></member></Overrides>
    </LaunchTemplate>
    <InstancesDistribution><OnDemandBaseCapacity>0</OnDemandBaseCapacity></InstancesDistribution>
  </MixedInstancesPolicy>
  <MinSize>0</MinSize><MaxSize>10</MaxSize><DesiredCapacity>0</DesiredCapacity>
  <AvailabilityZones><member>us-west-2c</member></AvailabilityZones>
  <Instances/>
</member>)";

TEST(AutoScalingClient, ParsesGroupsFollowsNextTokenAndEncodesNamesAndFilters) {
  FakeHttpClient http([](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.body.find("NextToken=") == std::string::npos)
      return HttpResponse{200, {}, Wrap(kNodesGroup, "tok+2/=")};
    return HttpResponse{200, {}, Wrap(kMixedGroup, "")};
  });
  FakeClock clock;
  AutoScalingClient asg(http, Config(), clock);
  auto groups = asg.DescribeAutoScalingGroups(
      {"nodes-us-west-2a.example.com", "spot"},
      {{"tag:KubernetesCluster", {"example.com"}}, {"tag-key", {"a", "b c"}}});
  ASSERT_TRUE(groups.ok()) << groups.status().ToString();
  ASSERT_EQ(groups->size(), 2u);

  const AutoScalingGroup& g = (*groups)[0];
  EXPECT_EQ(g.name, "nodes-us-west-2a.example.com");
  EXPECT_NE(g.arn.find(":autoScalingGroupName/nodes-us-west-2a.example.com"), std::string::npos);
  EXPECT_EQ(g.min_size, 1);
  EXPECT_EQ(g.max_size, 5);
  EXPECT_EQ(g.desired_capacity, 2);
  EXPECT_EQ(g.launch_template_id, "lt-0b97f1e282EXAMPLE");
  EXPECT_EQ(g.launch_template_name, "nodes-us-west-2a.example.com");
  EXPECT_EQ(g.launch_template_version, "$Latest");
  EXPECT_EQ(g.availability_zones, (std::vector<std::string>{"us-west-2a", "us-west-2b"}));
  EXPECT_EQ(g.load_balancer_names, std::vector<std::string>{"api-classic"});
  ASSERT_EQ(g.target_group_arns.size(), 1u);
  EXPECT_NE(g.target_group_arns[0].find("targetgroup/tcp-api"), std::string::npos);
  EXPECT_EQ(g.Tag("KubernetesCluster"), "example.com");
  EXPECT_EQ(g.Tag("kops.k8s.io/instancegroup"), "nodes-us-west-2a");
  EXPECT_EQ(g.Tag("absent"), "");
  ASSERT_EQ(g.instances.size(), 2u);
  EXPECT_EQ(g.instances[0].instance_id, "i-06905f55584de02da");
  EXPECT_EQ(g.instances[0].availability_zone, "us-west-2a");
  EXPECT_EQ(g.instances[0].lifecycle_state, "InService");
  EXPECT_EQ(g.instances[0].health_status, "Healthy");
  EXPECT_EQ(g.instances[0].launch_template_version, "3");
  EXPECT_EQ(g.instances[0].launch_template_id, "lt-0b97f1e282EXAMPLE");
  EXPECT_EQ(g.instances[1].lifecycle_state, "Pending");
  EXPECT_EQ(g.instances[1].health_status, "Unhealthy");
  EXPECT_EQ(g.instances[1].launch_template_version, "");
  EXPECT_EQ(g.instances[1].launch_configuration_name, "old-lc");

  const AutoScalingGroup& mixed = (*groups)[1];
  EXPECT_EQ(mixed.launch_template_id, "lt-0mixedEXAMPLE");
  EXPECT_EQ(mixed.launch_template_name, "spot.example.com");
  EXPECT_EQ(mixed.launch_template_version, "$Default");
  EXPECT_TRUE(mixed.instances.empty());
  EXPECT_TRUE(mixed.tags.empty());

  auto reqs = http.requests();
  ASSERT_EQ(reqs.size(), 2u);
  const std::string query =
      "Action=DescribeAutoScalingGroups&Version=2011-01-01"
      "&AutoScalingGroupNames.member.1=nodes-us-west-2a.example.com"
      "&AutoScalingGroupNames.member.2=spot"
      "&Filters.member.1.Name=tag%3AKubernetesCluster"
      "&Filters.member.1.Values.member.1=example.com"
      "&Filters.member.2.Name=tag-key&Filters.member.2.Values.member.1=a"
      "&Filters.member.2.Values.member.2=b%20c";
  EXPECT_EQ(reqs[0].body, query);
  EXPECT_EQ(reqs[1].body, query + "&NextToken=tok%2B2%2F%3D");
  EXPECT_EQ(reqs[0].url, "http://autoscaling.test/");
  EXPECT_NE(FakeHttpClient::RequestHeader(reqs[0], "authorization")
                .find("/us-west-2/autoscaling/aws4_request"),
            std::string::npos);
}

TEST(AutoScalingClient, NoNamesSendsNoListAndARepeatedTokenIsAnError) {
  FakeHttpClient http([](const HttpRequest&) -> Result<HttpResponse> {
    return HttpResponse{200, {}, Wrap("", "same")};
  });
  FakeClock clock;
  AutoScalingClient asg(http, Config(), clock);
  auto groups = asg.DescribeAutoScalingGroups({});
  ASSERT_FALSE(groups.ok());
  EXPECT_EQ(groups.status().code(), Code::kInternal);
  EXPECT_NE(groups.status().message().find("autoscaling DescribeAutoScalingGroups"),
            std::string::npos);
  EXPECT_NE(groups.status().message().find("NextToken"), std::string::npos);
  EXPECT_EQ(http.requests()[0].body, "Action=DescribeAutoScalingGroups&Version=2011-01-01");
}

TEST(AutoScalingClient, ANonNumericSizeIsAnErrorNamingFieldAndGroup) {
  FakeHttpClient http([](const HttpRequest&) -> Result<HttpResponse> {
    return HttpResponse{200,
                        {},
                        Wrap("<member><AutoScalingGroupName>g1</AutoScalingGroupName><MinSize>1"
                             "</MinSize><MaxSize>many</MaxSize><DesiredCapacity>1"
                             "</DesiredCapacity></member>",
                             "")};
  });
  FakeClock clock;
  AutoScalingClient asg(http, Config(), clock);
  auto groups = asg.DescribeAutoScalingGroups({"g1"});
  ASSERT_FALSE(groups.ok());
  EXPECT_NE(groups.status().message().find("MaxSize of group \"g1\" is \"many\""),
            std::string::npos)
      << groups.status().message();
}

TEST(AutoScalingClient, TerminateAndSetDesiredCapacityEncodeTheirParametersAndMapErrors) {
  FakeHttpClient http([](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.body.find("Action=SetDesiredCapacity") != std::string::npos)
      return HttpResponse{
          400,
          {},
          "<ErrorResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\">"
          "<Error><Type>Sender</Type><Code>ValidationError</Code><Message>New "
          "SetDesiredCapacity value 9 is above max value 5 for the "
          "AutoScalingGroup.</Message></Error><RequestId>req-9</RequestId>"
          "</ErrorResponse>"};
    return HttpResponse{200,
                        {},
                        "<TerminateInstanceInAutoScalingGroupResponse><"
                        "TerminateInstanceInAutoScalingGroupResult><Activity><StatusCode>"
                        "InProgress</StatusCode></Activity></"
                        "TerminateInstanceInAutoScalingGroupResult></"
                        "TerminateInstanceInAutoScalingGroupResponse>"};
  });
  FakeClock clock;
  AutoScalingClient asg(http, Config(), clock);
  EXPECT_TRUE(asg.TerminateInstanceInAutoScalingGroup("i-0123", false).ok());
  EXPECT_TRUE(asg.TerminateInstanceInAutoScalingGroup("i-0456", true).ok());
  Status s = asg.SetDesiredCapacity("nodes.example.com", 9);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_NE(s.message().find("autoscaling SetDesiredCapacity"), std::string::npos);
  EXPECT_NE(s.message().find("ValidationError: New SetDesiredCapacity value 9 is above max"),
            std::string::npos);
  EXPECT_NE(s.message().find("req-9"), std::string::npos);
  auto reqs = http.requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_EQ(reqs[0].body,
            "Action=TerminateInstanceInAutoScalingGroup&Version=2011-01-01&InstanceId=i-0123"
            "&ShouldDecrementDesiredCapacity=false");
  EXPECT_EQ(reqs[1].body,
            "Action=TerminateInstanceInAutoScalingGroup&Version=2011-01-01&InstanceId=i-0456"
            "&ShouldDecrementDesiredCapacity=true");
  EXPECT_EQ(reqs[2].body,
            "Action=SetDesiredCapacity&Version=2011-01-01&AutoScalingGroupName=nodes.example.com"
            "&DesiredCapacity=9");
}

class AutoScalingFakeTest : public ::testing::Test {
 protected:
  AutoScalingFakeTest() : asg_(cloud_.http(), FakeAwsCloud::Config(), clock_) {
    cloud_.AddLaunchTemplate("lt-nodes", 4, 2);
    for (const char* name : {"a-nodes", "b-masters", "c-other"}) {
      FakeAwsCloud::GroupSpec spec;
      spec.name = name;
      spec.min_size = 1;
      spec.max_size = 3;
      spec.desired_capacity = 2;
      spec.launch_template_name = "lt-nodes";
      spec.availability_zones = {"us-test-1a"};
      spec.tags = {{"KubernetesCluster",
                    std::string(name) == "c-other" ? "other.example.com" : "x.example.com"}};
      cloud_.AddGroup(spec);
    }
  }
  FakeAwsCloud cloud_;
  FakeClock clock_;
  AutoScalingClient asg_;
};

TEST_F(AutoScalingFakeTest, PagesThroughTheFakeWithTagFilters) {
  cloud_.set_page_size(1);
  auto groups = asg_.DescribeAutoScalingGroups({}, {{"tag:KubernetesCluster", {"x.example.com"}}});
  ASSERT_TRUE(groups.ok()) << groups.status().ToString();
  ASSERT_EQ(groups->size(), 2u);
  EXPECT_EQ((*groups)[0].name, "a-nodes");
  EXPECT_EQ((*groups)[1].name, "b-masters");
  EXPECT_EQ((*groups)[1].launch_template_version, "$Latest");
  EXPECT_EQ(cloud_.CallCount("DescribeAutoScalingGroups"), 2);

  auto all = asg_.DescribeAutoScalingGroups({});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 3u);
  auto named = asg_.DescribeAutoScalingGroups({"c-other", "no-such-group"});
  ASSERT_TRUE(named.ok());
  ASSERT_EQ(named->size(), 1u);
  EXPECT_EQ((*named)[0].Tag("KubernetesCluster"), "other.example.com");
}

TEST_F(AutoScalingFakeTest, ValidationErrorsOfTheFake) {
  Status above = asg_.SetDesiredCapacity("a-nodes", 4);
  EXPECT_EQ(above.code(), Code::kInvalidArgument);
  EXPECT_NE(above.message().find("is above max value 3"), std::string::npos) << above.message();
  Status below = asg_.SetDesiredCapacity("a-nodes", 0);
  EXPECT_NE(below.message().find("is below min value 1"), std::string::npos) << below.message();
  Status missing = asg_.SetDesiredCapacity("nope", 1);
  EXPECT_NE(missing.message().find("AutoScalingGroup name not found"), std::string::npos);
  EXPECT_TRUE(asg_.SetDesiredCapacity("a-nodes", 3).ok());
  EXPECT_EQ(cloud_.DesiredCapacity("a-nodes"), 3);
  Status unknown = asg_.TerminateInstanceInAutoScalingGroup("i-nope", false);
  EXPECT_NE(unknown.message().find("ValidationError: Instance Id not found"), std::string::npos)
      << unknown.message();
}

TEST_F(AutoScalingFakeTest, UpdateAutoScalingGroupSendsOnlyTheSizesGivenAndChecksThemTogether) {
  cloud_.http().ClearRequests();
  ASSERT_TRUE(asg_.UpdateAutoScalingGroup("a-nodes", std::nullopt, 5, 5).ok());
  auto reqs = cloud_.http().requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].body,
            "Action=UpdateAutoScalingGroup&Version=2011-01-01&AutoScalingGroupName=a-nodes&MaxSize=5"
            "&DesiredCapacity=5");
  EXPECT_EQ(cloud_.MaxSize("a-nodes"), 5);
  EXPECT_EQ(cloud_.DesiredCapacity("a-nodes"), 5);
  // Lowering the maximum below the desired capacity is refused, and nothing changes.
  Status refused = asg_.UpdateAutoScalingGroup("a-nodes", std::nullopt, 3, std::nullopt);
  EXPECT_EQ(refused.code(), Code::kInvalidArgument);
  EXPECT_NE(refused.message().find("Desired capacity:5 must be between"), std::string::npos) << refused.message();
  EXPECT_EQ(cloud_.MaxSize("a-nodes"), 5);
  ASSERT_TRUE(asg_.UpdateAutoScalingGroup("a-nodes", std::nullopt, 3, 3).ok());
  EXPECT_EQ(cloud_.MaxSize("a-nodes"), 3);
}

}  // namespace
}  // namespace kops::awsapi
