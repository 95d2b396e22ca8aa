// Elbv2Client against canned answers in the shape of the AWS API reference examples
// (request encoding checked on the recorded body) and against FakeAwsCloud.
#include "awsapi/elbv2_client.h"

#include "awsapi/fake_aws_cloud.h"
#include "base/fake_clock.h"
#include "base/fake_http.h"
#include "gtest/gtest.h"

namespace kops::awsapi {
namespace {

ServiceConfig Config() {
  return ServiceConfig{Credentials{"AK", "SK", "", "environment AWS_ACCESS_KEY_ID"}, "us-west-2",
                       "http://elb.test"};
}

std::string Response(const std::string& action, const std::string& result) {
  return "<" + action +
         "Response xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"><" + action +
         "Result>" + result + "</" + action +
         "Result><ResponseMetadata><RequestId>"
         "18e470d3-EXAMPLE</RequestId></ResponseMetadata></" +
         action + "Response>";
}

TEST(Elbv2Client, DescribeLoadBalancersFollowsNextMarker) {
  FakeHttpClient http([](const HttpRequest& r) -> Result<HttpResponse> {
    bool second = r.body.find("Marker=") != std::string::npos;
    std::string lb = second ? "<member><LoadBalancerArn>arn:aws:elasticloadbalancing:us-west-2:"
                              "123456789012:loadbalancer/app/my-alb/50dc6c495c0c9188"
                              "</LoadBalancerArn><LoadBalancerName>my-alb</LoadBalancerName>"
                              "<Type>application</Type><Scheme>internal</Scheme><State><Code>"
                              "provisioning</Code></State></member>"
                            : R"(<member>
        <LoadBalancerArn>arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/net/api-example-com/a1b2c3d4e5f6</LoadBalancerArn>
        <Scheme>internet-facing</Scheme>
        <LoadBalancerName>api-example-com</LoadBalancerName>
        <VpcId>vpc-3ac0fb5f</VpcId>
        <CanonicalHostedZoneId>Z2P70J7EXAMPLE</CanonicalHostedZoneId>
        <CreatedTime>2016-03-25T21:26:12.920Z</CreatedTime>
        <AvailabilityZones><member><SubnetId>subnet-8360a9e7</SubnetId><ZoneName>us-west-2a</ZoneName></member></AvailabilityZones>
        <State><Code>active</Code></State>
        <Type>network</Type>
        <DNSName>api-example-com-a1b2c3.elb.us-west-2.amazonaws.com</DNSName>
      </member>)";
    return HttpResponse{
        200,
        {},
        Response("DescribeLoadBalancers", "<LoadBalancers>" + lb + "</LoadBalancers>" +
                                              (second ? "" : "<NextMarker>m/1=</NextMarker>"))};
  });
  FakeClock clock;
  Elbv2Client elb(http, Config(), clock);
  auto lbs = elb.DescribeLoadBalancers({"api-example-com", "my-alb"});
  ASSERT_TRUE(lbs.ok()) << lbs.status().ToString();
  ASSERT_EQ(lbs->size(), 2u);
  EXPECT_EQ((*lbs)[0].name, "api-example-com");
  EXPECT_EQ((*lbs)[0].dns_name, "api-example-com-a1b2c3.elb.us-west-2.amazonaws.com");
  EXPECT_EQ((*lbs)[0].type, "network");
  EXPECT_EQ((*lbs)[0].scheme, "internet-facing");
  EXPECT_EQ((*lbs)[0].state, "active");
  EXPECT_NE((*lbs)[0].arn.find("loadbalancer/net/api-example-com"), std::string::npos);
  EXPECT_EQ((*lbs)[1].state, "provisioning");
  EXPECT_EQ((*lbs)[1].dns_name, "");
  auto reqs = http.requests();
  ASSERT_EQ(reqs.size(), 2u);
  const std::string query =
      "Action=DescribeLoadBalancers&Version=2015-12-01&Names.member.1=api-example-com"
      "&Names.member.2=my-alb";
  EXPECT_EQ(reqs[0].body, query);
  EXPECT_EQ(reqs[1].body, query + "&Marker=m%2F1%3D");
  EXPECT_NE(FakeHttpClient::RequestHeader(reqs[0], "authorization")
                .find("/us-west-2/elasticloadbalancing/aws4_request"),
            std::string::npos);
}

TEST(Elbv2Client, DescribeTargetGroupsOfALoadBalancer) {
  FakeHttpClient http([](const HttpRequest&) -> Result<HttpResponse> {
    return HttpResponse{200, {}, Response("DescribeTargetGroups", R"(<TargetGroups>
      <member>
        <TargetGroupArn>arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/tcp-api/73e2d6bc24d8a067</TargetGroupArn>
        <HealthCheckTimeoutSeconds>5</HealthCheckTimeoutSeconds>
        <HealthCheckPort>traffic-port</HealthCheckPort>
        <TargetGroupName>tcp-api</TargetGroupName>
        <HealthCheckProtocol>TCP</HealthCheckProtocol>
        <Protocol>TCP</Protocol>
        <Port>443</Port>
        <VpcId>vpc-3ac0fb5f</VpcId>
        <TargetType>instance</TargetType>
        <LoadBalancerArns><member>arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/net/api/1</member></LoadBalancerArns>
      </member>
      <member><TargetGroupArn>arn:lambda-tg</TargetGroupArn><TargetType>lambda</TargetType><LoadBalancerArns/></member>
    </TargetGroups>)")};
  });
  FakeClock clock;
  Elbv2Client elb(http, Config(), clock);
  auto tgs =
      elb.DescribeTargetGroups("arn:aws:elasticloadbalancing:us-west-2:1:loadbalancer/net/api/1");
  ASSERT_TRUE(tgs.ok()) << tgs.status().ToString();
  ASSERT_EQ(tgs->size(), 2u);
  EXPECT_EQ((*tgs)[0].name, "tcp-api");
  EXPECT_EQ((*tgs)[0].protocol, "TCP");
  EXPECT_EQ((*tgs)[0].port, 443);
  EXPECT_EQ((*tgs)[0].target_type, "instance");
  ASSERT_EQ((*tgs)[0].load_balancer_arns.size(), 1u);
  EXPECT_NE((*tgs)[0].load_balancer_arns[0].find("loadbalancer/net/api/1"), std::string::npos);
  EXPECT_EQ((*tgs)[1].port, 0);
  EXPECT_TRUE((*tgs)[1].load_balancer_arns.empty());
  EXPECT_EQ(http.requests()[0].body,
            "Action=DescribeTargetGroups&Version=2015-12-01&LoadBalancerArn=arn%3Aaws%3A"
            "elasticloadbalancing%3Aus-west-2%3A1%3Aloadbalancer%2Fnet%2Fapi%2F1");
}

TEST(Elbv2Client, DescribeTargetHealthReadsStatesAndReasons) {
  FakeHttpClient http([](const HttpRequest&) -> Result<HttpResponse> {
    return HttpResponse{200, {}, Response("DescribeTargetHealth", R"(<TargetHealthDescriptions>
      <member>
        <HealthCheckPort>443</HealthCheckPort>
        <TargetHealth><State>healthy</State></TargetHealth>
        <Target><Port>443</Port><Id>i-0f76fade435676abd</Id></Target>
      </member>
      <member>
        <HealthCheckPort>443</HealthCheckPort>
        <TargetHealth>
          <State>draining</State>
          <Reason>Target.DeregistrationInProgress</Reason>
          <Description>Target deregistration is in progress</Description>
        </TargetHealth>
        <Target><Port>443</Port><Id>i-0f76fade4EXAMPLE</Id></Target>
      </member>
    </TargetHealthDescriptions>)")};
  });
  FakeClock clock;
  Elbv2Client elb(http, Config(), clock);
  auto health = elb.DescribeTargetHealth("arn:tg");
  ASSERT_TRUE(health.ok()) << health.status().ToString();
  ASSERT_EQ(health->size(), 2u);
  EXPECT_EQ((*health)[0].target_id, "i-0f76fade435676abd");
  EXPECT_EQ((*health)[0].port, 443);
  EXPECT_EQ((*health)[0].state, "healthy");
  EXPECT_EQ((*health)[0].reason, "");
  EXPECT_EQ((*health)[1].state, "draining");
  EXPECT_EQ((*health)[1].reason, "Target.DeregistrationInProgress");
  EXPECT_EQ((*health)[1].description, "Target deregistration is in progress");
  EXPECT_EQ(http.requests()[0].body,
            "Action=DescribeTargetHealth&Version=2015-12-01&TargetGroupArn=arn%3Atg");
}

TEST(Elbv2Client, RegisterAndDeregisterEncodeTargetsAndMapErrors) {
  FakeHttpClient http([](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.body.find("Action=DeregisterTargets") != std::string::npos)
      return HttpResponse{
          400,
          {},
          "<ErrorResponse xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\">"
          "<Error><Type>Sender</Type><Code>TargetGroupNotFound</Code><Message>Target groups "
          "'arn:tg' not found</Message></Error><RequestId>req-7</RequestId></ErrorResponse>"};
    return HttpResponse{200, {}, Response("RegisterTargets", "")};
  });
  FakeClock clock;
  Elbv2Client elb(http, Config(), clock);
  EXPECT_TRUE(elb.RegisterTargets("arn:tg", {"i-1", "i-2"}).ok());
  Status s = elb.DeregisterTargets("arn:tg", {"i-3"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_NE(s.message().find("elasticloadbalancing DeregisterTargets"), std::string::npos);
  EXPECT_NE(s.message().find("TargetGroupNotFound: Target groups 'arn:tg' not found"),
            std::string::npos);
  Status none = elb.RegisterTargets("arn:tg", {});
  EXPECT_EQ(none.code(), Code::kInvalidArgument);
  EXPECT_NE(none.message().find("no instance ids"), std::string::npos);
  auto reqs = http.requests();
  ASSERT_EQ(reqs.size(), 2u) << "no request for an empty target list";
  EXPECT_EQ(reqs[0].body,
            "Action=RegisterTargets&Version=2015-12-01&TargetGroupArn=arn%3Atg"
            "&Targets.member.1.Id=i-1&Targets.member.2.Id=i-2");
  EXPECT_EQ(reqs[1].body,
            "Action=DeregisterTargets&Version=2015-12-01&TargetGroupArn=arn%3Atg"
            "&Targets.member.1.Id=i-3");
}

TEST(Elbv2Client, PagesThroughTheFake) {
  FakeAwsCloud cloud;
  std::string lb1 = cloud.AddLoadBalancer("api-a", "api-a.elb.test");
  cloud.AddLoadBalancer("api-b", "api-b.elb.test");
  cloud.AddLoadBalancer("api-c", "api-c.elb.test");
  std::string tg1 = cloud.AddTargetGroup("api-a", "tcp-443", 443);
  std::string tg2 = cloud.AddTargetGroup("api-a", "tcp-8443", 8443);
  cloud.AddTargetGroup("api-b", "other", 443);
  cloud.set_page_size(1);
  FakeClock clock;
  Elbv2Client elb(cloud.http(), FakeAwsCloud::Config(), clock);

  auto lbs = elb.DescribeLoadBalancers({});
  ASSERT_TRUE(lbs.ok()) << lbs.status().ToString();
  ASSERT_EQ(lbs->size(), 3u);
  EXPECT_EQ((*lbs)[2].dns_name, "api-c.elb.test");
  EXPECT_EQ(cloud.CallCount("DescribeLoadBalancers"), 3);

  auto tgs = elb.DescribeTargetGroups(lb1);
  ASSERT_TRUE(tgs.ok()) << tgs.status().ToString();
  ASSERT_EQ(tgs->size(), 2u);
  EXPECT_EQ((*tgs)[0].arn, tg1);
  EXPECT_EQ((*tgs)[1].arn, tg2);
  EXPECT_EQ((*tgs)[1].port, 8443);
  EXPECT_EQ((*tgs)[1].load_balancer_arns, std::vector<std::string>{lb1});

  auto missing = elb.DescribeLoadBalancers({"api-a", "nope"});
  EXPECT_NE(missing.status().message().find("LoadBalancerNotFound"), std::string::npos);
  auto no_tg = elb.DescribeTargetHealth("arn:nope");
  EXPECT_NE(no_tg.status().message().find("TargetGroupNotFound"), std::string::npos);
}

}  // namespace
}  // namespace kops::awsapi
