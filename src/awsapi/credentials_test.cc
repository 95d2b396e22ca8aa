#include "awsapi/credentials.h"

#include <filesystem>
#include <fstream>

#include "awsapi/ini.h"
#include "gtest/gtest.h"

namespace kops::awsapi {
namespace {

class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("kops-awsapi-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::create_directories(path_ / ".aws");
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string Write(const std::string& rel, const std::string& text) {
    std::ofstream(path_ / rel) << text;
    return (path_ / rel).string();
  }
  std::string str() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

TEST(Ini, SectionsKeysAndComments) {
  auto ini =
      ParseIni("# c\n[default]\nAWS_Access_Key_Id = AK \n; x\n[profile dev]\nregion=eu-west-1\n");
  EXPECT_EQ(ini["default"]["aws_access_key_id"], "AK");
  EXPECT_EQ(ini["profile dev"]["region"], "eu-west-1");
}

TEST(Credentials, S3VariablesComeFirstForS3Only) {
  auto env = MapEnv({{"S3_ACCESS_KEY_ID", "s3ak"},
                     {"S3_SECRET_ACCESS_KEY", "s3sk"},
                     {"AWS_ACCESS_KEY_ID", "ak"},
                     {"AWS_SECRET_ACCESS_KEY", "sk"},
                     {"AWS_SESSION_TOKEN", "tok"}});
  auto s3 = ResolveCredentials(env, Service::kS3);
  ASSERT_TRUE(s3.ok());
  EXPECT_EQ(s3->access_key_id, "s3ak");
  EXPECT_EQ(s3->session_token, "");
  auto ec2 = ResolveCredentials(env, Service::kEc2);
  ASSERT_TRUE(ec2.ok());
  EXPECT_EQ(ec2->access_key_id, "ak");
  EXPECT_EQ(ec2->session_token, "tok");
  EXPECT_EQ(ec2->source, "environment AWS_ACCESS_KEY_ID");
}

TEST(Credentials, HalfAPairIsInvalid) {
  auto r = ResolveCredentials(MapEnv({{"AWS_ACCESS_KEY_ID", "ak"}}), Service::kSts);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("AWS_SECRET_ACCESS_KEY"), std::string::npos);
}

TEST(Credentials, ProfileFromSharedCredentialsFile) {
  TempDir home;
  home.Write(".aws/credentials",
             "[default]\naws_access_key_id=dak\naws_secret_access_key=dsk\n"
             "[dev]\naws_access_key_id=devak\naws_secret_access_key=devsk\naws_session_token=t\n");
  auto d = ResolveCredentials(MapEnv({{"HOME", home.str()}}), Service::kEc2);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->access_key_id, "dak");
  auto dev =
      ResolveCredentials(MapEnv({{"HOME", home.str()}, {"AWS_PROFILE", "dev"}}), Service::kEc2);
  ASSERT_TRUE(dev.ok());
  EXPECT_EQ(dev->access_key_id, "devak");
  EXPECT_EQ(dev->session_token, "t");
  EXPECT_NE(dev->source.find("profile \"dev\""), std::string::npos);
}

TEST(Credentials, SharedCredentialsFileOverrideAndConfigFallback) {
  TempDir dir;
  std::string creds =
      dir.Write("creds", "[default]\naws_access_key_id=x\naws_secret_access_key=y\n");
  auto r = ResolveCredentials(MapEnv({{"AWS_SHARED_CREDENTIALS_FILE", creds}}), Service::kS3);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->access_key_id, "x");
  std::string config =
      dir.Write("config", "[profile p]\naws_access_key_id=cx\naws_secret_access_key=cy\n");
  auto c = ResolveCredentials(
      MapEnv({{"AWS_CONFIG_FILE", config}, {"AWS_PROFILE", "p"}, {"HOME", dir.str()}}),
      Service::kS3);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "cx");
}

TEST(Credentials, NothingFoundNamesEverythingLookedAt) {
  auto r = ResolveCredentials(MapEnv({{"HOME", "/nonexistent"}}), Service::kS3);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kPermissionDenied);
  for (const char* name : {"S3_ACCESS_KEY_ID", "AWS_ACCESS_KEY_ID", "AWS_PROFILE",
                           "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/.aws/credentials"})
    EXPECT_NE(r.status().message().find(name), std::string::npos) << name;
}

TEST(Region, OrderOfSources) {
  TempDir home;
  home.Write(".aws/config", "[default]\nregion = eu-north-1\n[profile dev]\nregion = ap-south-1\n");
  EXPECT_EQ(ResolveRegion(MapEnv({{"HOME", home.str()}}), Service::kEc2), "eu-north-1");
  EXPECT_EQ(ResolveRegion(MapEnv({{"HOME", home.str()}, {"AWS_PROFILE", "dev"}}), Service::kEc2),
            "ap-south-1");
  EXPECT_EQ(ResolveRegion(MapEnv({{"HOME", home.str()}, {"AWS_DEFAULT_REGION", "us-west-1"}}),
                          Service::kEc2),
            "us-west-1");
  auto env = MapEnv({{"AWS_REGION", "us-east-2"},
                     {"AWS_DEFAULT_REGION", "us-west-1"},
                     {"S3_REGION", "s3-region"}});
  EXPECT_EQ(ResolveRegion(env, Service::kEc2), "us-east-2");
  EXPECT_EQ(ResolveRegion(env, Service::kS3), "s3-region");
  EXPECT_EQ(ResolveRegion(MapEnv({}), Service::kEc2), "");
}

TEST(Endpoint, ServiceSpecificBeatsGlobal) {
  auto env = MapEnv({{"AWS_ENDPOINT_URL", "http://127.0.0.1:1/"},
                     {"AWS_ENDPOINT_URL_ROUTE_53", "http://127.0.0.1:2"},
                     {"AWS_ENDPOINT_URL_S3", "http://127.0.0.1:3"}});
  EXPECT_EQ(ResolveEndpoint(env, Service::kEc2), "http://127.0.0.1:1");
  EXPECT_EQ(ResolveEndpoint(env, Service::kRoute53), "http://127.0.0.1:2");
  EXPECT_EQ(ResolveEndpoint(env, Service::kS3), "http://127.0.0.1:3");
  EXPECT_EQ(ResolveEndpoint(
                MapEnv({{"S3_ENDPOINT", "http://minio:9000"}, {"AWS_ENDPOINT_URL_S3", "http://x"}}),
                Service::kS3),
            "http://minio:9000");
  EXPECT_EQ(ResolveEndpoint(MapEnv({}), Service::kSts), "");
}

}  // namespace
TEST(Endpoint, AutoScalingAndLoadBalancingUseTheSdkVariableNames) {
  auto env = MapEnv({{"AWS_ENDPOINT_URL", "http://127.0.0.1:1"},
                     {"AWS_ENDPOINT_URL_AUTO_SCALING", "http://127.0.0.1:4"},
                     {"AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2", "http://127.0.0.1:5"}});
  EXPECT_EQ(ResolveEndpoint(env, Service::kAutoScaling), "http://127.0.0.1:4");
  EXPECT_EQ(ResolveEndpoint(env, Service::kElasticLoadBalancing), "http://127.0.0.1:5");
  EXPECT_STREQ(SigningName(Service::kAutoScaling), "autoscaling");
  EXPECT_STREQ(SigningName(Service::kElasticLoadBalancing), "elasticloadbalancing");
}

}  // namespace kops::awsapi
