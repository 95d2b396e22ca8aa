// Ec2Client DescribeInstances / DescribeLaunchTemplates against canned answers in the shape
// of the AWS API reference examples and against FakeAwsCloud.
#include "awsapi/ec2.h"
#include "awsapi/fake_aws_cloud.h"
#include "base/fake_clock.h"
#include "base/fake_http.h"
#include "gtest/gtest.h"

namespace kops::awsapi {
namespace {

ServiceConfig Config() {
  return ServiceConfig{Credentials{"AK", "SK", "", "environment AWS_ACCESS_KEY_ID"}, "us-west-2",
                       "http://ec2.test"};
}

const char kInstancePage1[] =
    R"(<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>8f7724cf-496f-496e-8fe3-example</requestId>
  <reservationSet>
    <item>
      <reservationId>r-1234567890abcdef0</reservationId>
      <ownerId>123456789012</ownerId>
      <instancesSet>
        <item>
          <instanceId>i-1234567890abcdef0</instanceId>
          <imageId>ami-bff32ccc</imageId>
          <instanceState><code>16</code><name>running</name></instanceState>
          <privateDnsName>ip-192-168-1-88.eu-west-1.compute.internal</privateDnsName>
          <dnsName>ec2-54-194-252-215.eu-west-1.compute.amazonaws.com</dnsName>
          <instanceType>t2.micro</instanceType>
          <placement><availabilityZone>eu-west-1c</availabilityZone><tenancy>default</tenancy></placement>
          <privateIpAddress>192.168.1.88</privateIpAddress>
          <tagSet>
            <item><key>Name</key><value>master-eu-west-1c.masters.example.com</value></item>
            <item><key>aws:autoscaling:groupName</key><value>master-eu-west-1c.masters.example.com</value></item>
          </tagSet>
        </item>
      </instancesSet>
    </item>
  </reservationSet>
  <nextToken>page2</nextToken>
</DescribeInstancesResponse>)";

const char kInstancePage2[] =
    R"(<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <reservationSet><item><instancesSet>
    <item><instanceId>i-2</instanceId><instanceState><code>32</code><name>shutting-down</name></instanceState></item>
    <item><instanceId>i-3</instanceId><instanceState><code>48</code><name>terminated</name></instanceState></item>
  </instancesSet></item></reservationSet>
</DescribeInstancesResponse>)";

TEST(Ec2Instances, DescribeInstancesReadsEveryReservationAndPage) {
  FakeHttpClient http([](const HttpRequest& r) -> Result<HttpResponse> {
    bool second = r.body.find("NextToken=page2") != std::string::npos;
    return HttpResponse{200, {}, second ? kInstancePage2 : kInstancePage1};
  });
  FakeClock clock;
  Ec2Client ec2(http, Config(), clock);
  auto instances = ec2.DescribeInstances({}, {{"tag:KubernetesCluster", {"example.com"}},
                                              {"instance-state-name", {"pending", "running"}}});
  ASSERT_TRUE(instances.ok()) << instances.status().ToString();
  ASSERT_EQ(instances->size(), 3u);
  const Ec2Instance& i = (*instances)[0];
  EXPECT_EQ(i.id, "i-1234567890abcdef0");
  EXPECT_EQ(i.state, "running");
  EXPECT_EQ(i.availability_zone, "eu-west-1c");
  EXPECT_EQ(i.private_dns_name, "ip-192-168-1-88.eu-west-1.compute.internal");
  EXPECT_EQ(i.private_ip, "192.168.1.88");
  EXPECT_EQ(i.instance_type, "t2.micro");
  EXPECT_EQ(i.Tag("aws:autoscaling:groupName"), "master-eu-west-1c.masters.example.com");
  EXPECT_EQ(i.Tag("absent"), "");
  EXPECT_EQ((*instances)[1].state, "shutting-down");
  EXPECT_EQ((*instances)[2].state, "terminated");
  auto reqs = http.requests();
  ASSERT_EQ(reqs.size(), 2u);
  const std::string query =
      "Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=tag%3AKubernetesCluster"
      "&Filter.1.Value.1=example.com&Filter.2.Name=instance-state-name"
      "&Filter.2.Value.1=pending&Filter.2.Value.2=running";
  EXPECT_EQ(reqs[0].body, query);
  EXPECT_EQ(reqs[1].body, query + "&NextToken=page2");
}

TEST(Ec2Instances, DescribeInstancesByIdAndTheNotFoundError) {
  FakeHttpClient http([](const HttpRequest&) -> Result<HttpResponse> {
    return HttpResponse{400,
                        {},
                        "<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code>"
                        "<Message>The instance ID 'i-9' does not exist</Message></Error></Errors>"
                        "<RequestID>r-5</RequestID></Response>"};
  });
  FakeClock clock;
  Ec2Client ec2(http, Config(), clock);
  auto r = ec2.DescribeInstances({"i-1", "i-9"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("ec2 DescribeInstances"), std::string::npos);
  EXPECT_NE(r.status().message().find("InvalidInstanceID.NotFound"), std::string::npos);
  EXPECT_EQ(http.requests()[0].body,
            "Action=DescribeInstances&Version=2016-11-15&InstanceId.1=i-1&InstanceId.2=i-9");
}

TEST(Ec2Instances, DescribeLaunchTemplatesReadsVersions) {
  FakeHttpClient http([](const HttpRequest&) -> Result<HttpResponse> {
    return HttpResponse{
        200,
        {},
        R"(<DescribeLaunchTemplatesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>1afa6e44-eb38-4229-8db6-example</requestId>
  <launchTemplates>
    <item>
      <createTime>2017-11-27T09:30:23.000Z</createTime>
      <createdBy>arn:aws:iam::123456789012:root</createdBy>
      <defaultVersionNumber>1</defaultVersionNumber>
      <latestVersionNumber>5</latestVersionNumber>
      <launchTemplateId>lt-0e06d290751193123</launchTemplateId>
      <launchTemplateName>nodes.example.com</launchTemplateName>
    </item>
  </launchTemplates>
</DescribeLaunchTemplatesResponse>)"};
  });
  FakeClock clock;
  Ec2Client ec2(http, Config(), clock);
  auto lts = ec2.DescribeLaunchTemplates({"nodes.example.com"});
  ASSERT_TRUE(lts.ok()) << lts.status().ToString();
  ASSERT_EQ(lts->size(), 1u);
  EXPECT_EQ((*lts)[0].id, "lt-0e06d290751193123");
  EXPECT_EQ((*lts)[0].name, "nodes.example.com");
  EXPECT_EQ((*lts)[0].default_version, 1);
  EXPECT_EQ((*lts)[0].latest_version, 5);
  EXPECT_EQ(http.requests()[0].body,
            "Action=DescribeLaunchTemplates&Version=2016-11-15"
            "&LaunchTemplateName.1=nodes.example.com");
}

TEST(Ec2Instances, ANonNumericVersionIsAnError) {
  FakeHttpClient http([](const HttpRequest&) -> Result<HttpResponse> {
    return HttpResponse{200,
                        {},
                        "<DescribeLaunchTemplatesResponse><launchTemplates><item>"
                        "<launchTemplateName>lt</launchTemplateName><defaultVersionNumber>x"
                        "</defaultVersionNumber><latestVersionNumber>2</latestVersionNumber>"
                        "</item></launchTemplates></DescribeLaunchTemplatesResponse>"};
  });
  FakeClock clock;
  Ec2Client ec2(http, Config(), clock);
  auto lts = ec2.DescribeLaunchTemplates({});
  ASSERT_FALSE(lts.ok());
  EXPECT_NE(lts.status().message().find("defaultVersionNumber of \"lt\" is \"x\""),
            std::string::npos)
      << lts.status().message();
}

TEST(Ec2Instances, PagesThroughTheFake) {
  FakeAwsCloud cloud;
  cloud.AddLaunchTemplate("nodes", 2, 1);
  cloud.AddLaunchTemplate("masters", 7, 7);
  FakeAwsCloud::GroupSpec spec;
  spec.name = "nodes";
  spec.max_size = 5;
  spec.launch_template_name = "nodes";
  spec.availability_zones = {"us-test-1a"};
  spec.tags = {{"KubernetesCluster", "x.example.com"}};
  cloud.AddGroup(spec);
  cloud.AddInstance("nodes", "i-a", "us-test-1a", 1);
  cloud.AddInstance("nodes", "i-b", "us-test-1a", 1, "Pending");
  cloud.AddInstance("nodes", "i-c", "us-test-1a", 2, "InService", "node-c.internal");
  cloud.set_page_size(1);
  FakeClock clock;
  Ec2Client ec2(cloud.http(), FakeAwsCloud::Config(), clock);

  auto all = ec2.DescribeInstances({}, {{"tag:KubernetesCluster", {"x.example.com"}}});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ(cloud.CallCount("DescribeInstances"), 3);
  EXPECT_EQ((*all)[1].state, "pending");
  EXPECT_EQ((*all)[2].private_dns_name, "node-c.internal");
  EXPECT_EQ((*all)[0].Tag("aws:autoscaling:groupName"), "nodes");
  EXPECT_EQ((*all)[0].availability_zone, "us-test-1a");

  auto running = ec2.DescribeInstances({"i-a", "i-b"}, {{"instance-state-name", {"running"}}});
  ASSERT_TRUE(running.ok());
  ASSERT_EQ(running->size(), 1u);
  EXPECT_EQ((*running)[0].id, "i-a");

  auto missing = ec2.DescribeInstances({"i-a", "i-zz"});
  EXPECT_NE(missing.status().message().find("InvalidInstanceID.NotFound: The instance ID 'i-zz'"),
            std::string::npos)
      << missing.status().message();
  auto bad_filter = ec2.DescribeInstances({}, {{"vpc-id", {"v"}}});
  EXPECT_NE(bad_filter.status().message().find("InvalidParameterValue"), std::string::npos);

  auto lts = ec2.DescribeLaunchTemplates({});
  ASSERT_TRUE(lts.ok()) << lts.status().ToString();
  ASSERT_EQ(lts->size(), 2u);
  EXPECT_EQ((*lts)[0].name, "masters");
  EXPECT_EQ((*lts)[1].latest_version, 2);
  EXPECT_EQ((*lts)[1].default_version, 1);
  auto no_lt = ec2.DescribeLaunchTemplates({"nodes", "nope"});
  EXPECT_NE(no_lt.status().message().find("InvalidLaunchTemplateName.NotFoundException"),
            std::string::npos);
}

}  // namespace
}  // namespace kops::awsapi
