// STS, EC2 and Route53 clients: error handling against FakeHttpClient, and the real wire
// formats against ../shared/tools/fake-aws (a loopback fake; skipped when it is absent).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "awsapi/ec2.h"
#include "awsapi/route53.h"
#include "awsapi/sts.h"
#include "base/fake_clock.h"
#include "base/fake_http.h"
#include "gtest/gtest.h"

namespace kops::awsapi {
namespace {

ServiceConfig Config(const std::string& endpoint, const std::string& region = "us-test-1") {
  return ServiceConfig{Credentials{"AK", "SK", "", "environment AWS_ACCESS_KEY_ID"}, region,
                       endpoint};
}

TEST(QueryClient, PostsAFormAndMapsEc2Errors) {
  FakeHttpClient http([](const HttpRequest&) -> Result<HttpResponse> {
    return HttpResponse{
        401,
        {},
        "<Response><Errors><Error><Code>AuthFailure</Code><Message>bad key</Message>"
        "</Error></Errors><RequestID>r-1</RequestID></Response>"};
  });
  FakeClock clock;
  Ec2Client ec2(http, Config("http://ec2.test"), clock);
  auto zones = ec2.DescribeAvailabilityZones({"us-test-1a"});
  ASSERT_FALSE(zones.ok());
  EXPECT_EQ(zones.status().code(), Code::kPermissionDenied);
  EXPECT_NE(zones.status().message().find("ec2 DescribeAvailabilityZones"), std::string::npos);
  EXPECT_NE(zones.status().message().find("AuthFailure: bad key"), std::string::npos);
  EXPECT_NE(zones.status().message().find("r-1"), std::string::npos);
  auto req = http.requests().at(0);
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.url, "http://ec2.test/");
  EXPECT_EQ(req.body, "Action=DescribeAvailabilityZones&Version=2016-11-15&ZoneName.1=us-test-1a");
  EXPECT_NE(FakeHttpClient::RequestHeader(req, "authorization").find("/us-test-1/ec2/aws4_request"),
            std::string::npos);
}

TEST(QueryClient, StsThrottlingIsUnavailableAndTransportErrorsNameTheCall) {
  FakeHttpClient http([](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.url.find("down") != std::string::npos) return Unavailable("connection refused");
    return HttpResponse{400,
                        {},
                        "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
                        "<Message>Rate exceeded</Message></Error></ErrorResponse>"};
  });
  FakeClock clock;
  StsClient sts(http, Config("http://sts.test"), clock);
  EXPECT_EQ(sts.GetCallerIdentity().status().code(), Code::kUnavailable);
  StsClient down(http, Config("http://down.test"), clock);
  auto r = down.GetCallerIdentity();
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
  EXPECT_NE(r.status().message().find("sts GetCallerIdentity"), std::string::npos);
}

TEST(Route53Client, FollowsPages) {
  FakeHttpClient http([](const HttpRequest& r) -> Result<HttpResponse> {
    bool second = r.url.find("hostedzoneid=Z2") != std::string::npos;
    std::string zone = second
                           ? "<HostedZone><Id>/hostedzone/Z2</Id><Name>b.com.</Name></HostedZone>"
                           : "<HostedZone><Id>/hostedzone/Z1</Id><Name>a.com.</Name>"
                             "<Config><PrivateZone>true</PrivateZone></Config></HostedZone>";
    std::string tail = second ? "<IsTruncated>false</IsTruncated>"
                              : "<IsTruncated>true</IsTruncated><NextDNSName>b.com.</NextDNSName>"
                                "<NextHostedZoneId>Z2</NextHostedZoneId>";
    return HttpResponse{200,
                        {},
                        "<ListHostedZonesByNameResponse><HostedZones>" + zone + "</HostedZones>" +
                            tail + "</ListHostedZonesByNameResponse>"};
  });
  FakeClock clock;
  Route53Client r53(http, Config("http://r53.test", "us-east-1"), clock);
  auto zones = r53.ListHostedZonesByName();
  ASSERT_TRUE(zones.ok()) << zones.status().ToString();
  ASSERT_EQ(zones->size(), 2u);
  EXPECT_EQ((*zones)[0].id, "Z1");
  EXPECT_TRUE((*zones)[0].private_zone);
  EXPECT_EQ((*zones)[1].name, "b.com.");
  EXPECT_EQ(http.requests()[1].url,
            "http://r53.test/2013-04-01/hostedzonesbyname?dnsname=b.com.&hostedzoneid=Z2");
}

TEST(ServiceConfig, EndpointsAndRegions) {
  auto env = MapEnv({{"AWS_ACCESS_KEY_ID", "a"},
                     {"AWS_SECRET_ACCESS_KEY", "s"},
                     {"AWS_REGION", "eu-west-3"},
                     {"AWS_ENDPOINT_URL_STS", "http://127.0.0.1:5"}});
  auto ec2 = ServiceConfigFromEnv(env, Service::kEc2);
  ASSERT_TRUE(ec2.ok());
  EXPECT_EQ(ec2->endpoint, "https://ec2.eu-west-3.amazonaws.com");
  auto r53 = ServiceConfigFromEnv(env, Service::kRoute53);
  EXPECT_EQ(r53->region, "us-east-1");
  EXPECT_EQ(r53->endpoint, "https://route53.amazonaws.com");
  EXPECT_EQ(ServiceConfigFromEnv(env, Service::kSts)->endpoint, "http://127.0.0.1:5");
  auto no_region = ServiceConfigFromEnv(
      MapEnv({{"AWS_ACCESS_KEY_ID", "a"}, {"AWS_SECRET_ACCESS_KEY", "s"}}), Service::kEc2);
  EXPECT_EQ(no_region.status().code(), Code::kInvalidArgument);
  EXPECT_NE(no_region.status().message().find("AWS_REGION"), std::string::npos);
}

// Runs fake-aws on a free loopback port for the life of the object.
class FakeAwsProcess {
 public:
  FakeAwsProcess() {
    std::string path = std::string(KOPS_SOURCE_DIR) + "/../shared/tools/fake-aws";
    if (const char* p = std::getenv("KOPS_FAKE_AWS")) path = p;
    if (!std::filesystem::exists(path)) {
      skip_reason_ = "fake-aws not found at " + path + " (set KOPS_FAKE_AWS)";
      return;
    }
    int out[2];
    if (pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], 1);
      close(out[0]);
      close(out[1]);
      execl(path.c_str(), path.c_str(), "--port", "0", "--log", "/dev/null", (char*)nullptr);
      _exit(127);
    }
    close(out[1]);
    FILE* f = fdopen(out[0], "r");
    char line[128] = {0};
    int port = 0;
    if (f && fgets(line, sizeof(line), f) && sscanf(line, "listening on %d", &port) == 1)
      endpoint_ = "http://127.0.0.1:" + std::to_string(port);
    else
      skip_reason_ = "fake-aws did not print 'listening on PORT'";
    if (f) fclose(f);
  }
  ~FakeAwsProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  const std::string& endpoint() const { return endpoint_; }
  const std::string& skip_reason() const { return skip_reason_; }

 private:
  pid_t pid_ = -1;
  std::string endpoint_;
  std::string skip_reason_;
};

class FakeAwsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (fake_.endpoint().empty()) GTEST_SKIP() << fake_.skip_reason();
  }
  ServiceConfig ConfigFor(Service s) {
    auto env = MapEnv({{"AWS_ACCESS_KEY_ID", "AKIDFAKE"},
                       {"AWS_SECRET_ACCESS_KEY", "secret"},
                       {"AWS_REGION", "us-test-1"},
                       {"AWS_ENDPOINT_URL", fake_.endpoint()}});
    auto c = ServiceConfigFromEnv(env, s);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return *c;
  }
  FakeAwsProcess fake_;
  std::unique_ptr<HttpClient> http_ = NewCurlHttpClient();
};

TEST_F(FakeAwsTest, StsGetCallerIdentity) {
  StsClient sts(*http_, ConfigFor(Service::kSts));
  auto id = sts.GetCallerIdentity();
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(id->account, "123456789012");
  EXPECT_EQ(id->Partition(), "aws-test");
  EXPECT_EQ(id->arn, "arn:aws-test:iam::123456789012:user/kops");
}

TEST_F(FakeAwsTest, Ec2DescribeImagesByNameAndOwner) {
  Ec2Client ec2(*http_, ConfigFor(Service::kEc2));
  DescribeImagesRequest req;
  req.owners = {"099720109477"};
  req.filters = {{"name", {"images/hvm-ssd-gp3/ubuntu-resolute-26.04-amd64-server-*"}}};
  auto images = ec2.DescribeImages(req);
  ASSERT_TRUE(images.ok()) << images.status().ToString();
  ASSERT_EQ(images->size(), 1u);
  EXPECT_EQ((*images)[0].id, "ami-12345678");
  EXPECT_EQ((*images)[0].architecture, "x86_64");
  EXPECT_EQ((*images)[0].root_device_name, "/dev/xvda");
  req.filters = {{"name", {"no-such-image-*"}}};
  auto none = ec2.DescribeImages(req);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_F(FakeAwsTest, Ec2DescribeAvailabilityZones) {
  Ec2Client ec2(*http_, ConfigFor(Service::kEc2));
  auto zones = ec2.DescribeAvailabilityZones();
  ASSERT_TRUE(zones.ok()) << zones.status().ToString();
  ASSERT_EQ(zones->size(), 3u);
  EXPECT_EQ((*zones)[0].name, "us-test-1a");
  EXPECT_EQ((*zones)[2].zone_id, "ust1-az3");
  auto one = ec2.DescribeAvailabilityZones({"us-test-1b"});
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].region, "us-test-1");
}

TEST_F(FakeAwsTest, Route53ListHostedZonesByName) {
  Route53Client r53(*http_, ConfigFor(Service::kRoute53));
  auto zones = r53.ListHostedZonesByName("example.com");
  ASSERT_TRUE(zones.ok()) << zones.status().ToString();
  ASSERT_EQ(zones->size(), 3u);
  EXPECT_EQ((*zones)[0].id, "Z1AFAKE1ZON3YO");
  EXPECT_EQ((*zones)[0].name, "example.com.");
  EXPECT_FALSE((*zones)[0].private_zone);
  EXPECT_TRUE((*zones)[1].private_zone);
}

TEST_F(FakeAwsTest, UnsupportedActionIsAnErrorNamingTheCall) {
  QueryClient q(*http_, ConfigFor(Service::kEc2), "ec2", "2016-11-15");
  auto r = q.Call("DescribeVpcs");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("ec2 DescribeVpcs"), std::string::npos);
  EXPECT_NE(r.status().message().find("UnsupportedOperation"), std::string::npos);
}

}  // namespace
}  // namespace kops::awsapi
