#include "awsapi/s3_client.h"

#include "awsapi/fake_s3.h"
#include "base/fake_clock.h"
#include "gtest/gtest.h"

namespace kops::awsapi {
namespace {

S3Options FakeOptions() {
  return S3Options{Credentials{"AK", "SK", "", "environment S3_ACCESS_KEY_ID"}, "us-test-1",
                   FakeS3::kEndpoint};
}

class S3ClientTest : public ::testing::Test {
 protected:
  S3ClientTest() : client_(fake_.http(), FakeOptions(), clock_) { fake_.CreateBucket("b"); }
  FakeS3 fake_;
  FakeClock clock_;
  S3Client client_;
};

TEST_F(S3ClientTest, PutGetDeleteRoundTripWithETags) {
  auto etag = client_.PutObject("b", "cluster/config", "spec");
  ASSERT_TRUE(etag.ok()) << etag.status().ToString();
  auto obj = client_.GetObject("b", "cluster/config");
  ASSERT_TRUE(obj.ok());
  EXPECT_EQ(*client_.HeadObject("b", "cluster/config"), *etag);
  EXPECT_EQ(obj->data, "spec");
  EXPECT_EQ(obj->etag, *etag);
  ASSERT_TRUE(client_.DeleteObject("b", "cluster/config").ok());
  EXPECT_EQ(client_.GetObject("b", "cluster/config").status().code(), Code::kNotFound);
  EXPECT_EQ(client_.HeadObject("b", "cluster/config").status().code(), Code::kNotFound);
  EXPECT_TRUE(client_.DeleteObject("b", "cluster/config").ok()) << "missing is not an error";
}

TEST_F(S3ClientTest, RequestsArePathStyleAndSigned) {
  ASSERT_TRUE(client_.PutObject("b", "a b/c+d", "x").ok());
  auto reqs = fake_.http().requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].url, "http://fake-s3.test/b/a%20b/c%2Bd");
  std::string auth = FakeHttpClient::RequestHeader(reqs[0], "authorization");
  EXPECT_NE(auth.find("Credential=AK/"), std::string::npos);
  EXPECT_NE(auth.find("/us-test-1/s3/aws4_request"), std::string::npos);
  EXPECT_FALSE(FakeHttpClient::RequestHeader(reqs[0], "x-amz-content-sha256").empty());
  EXPECT_TRUE(fake_.Has("b", "a b/c+d"));
}

TEST_F(S3ClientTest, ConditionalPuts) {
  using K = S3PutCondition::Kind;
  auto first = client_.PutObject("b", "k", "1", {K::kIfNoneMatch, ""});
  ASSERT_TRUE(first.ok());
  auto again = client_.PutObject("b", "k", "2", {K::kIfNoneMatch, ""});
  EXPECT_EQ(again.status().code(), Code::kConflict) << again.status().ToString();
  EXPECT_NE(again.status().message().find("s3://b/k"), std::string::npos);
  auto matched = client_.PutObject("b", "k", "3", {K::kIfMatch, *first});
  ASSERT_TRUE(matched.ok());
  auto stale = client_.PutObject("b", "k", "4", {K::kIfMatch, *first});
  EXPECT_EQ(stale.status().code(), Code::kConflict);
  EXPECT_EQ(client_.GetObject("b", "k")->data, "3");
  auto reqs = fake_.http().requests();
  EXPECT_EQ(FakeHttpClient::RequestHeader(reqs[0], "if-none-match"), "*");
  EXPECT_EQ(FakeHttpClient::RequestHeader(reqs[2], "if-match"), *first);
}

TEST_F(S3ClientTest, ListFollowsContinuationTokens) {
  fake_.set_page_size(2);
  for (const char* k : {"c/1", "c/2", "c/3", "c/4", "c/5", "d/1"})
    ASSERT_TRUE(client_.PutObject("b", k, k).ok());
  fake_.http().ClearRequests();
  auto list = client_.ListObjects("b", "c/");
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 5u);
  EXPECT_EQ((*list)[0].key, "c/1");
  EXPECT_EQ((*list)[4].key, "c/5");
  EXPECT_EQ((*list)[4].size, 3);
  EXPECT_EQ(fake_.http().request_count(), 3u);
  auto all = client_.ListObjects("b", "");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 6u);
}

TEST_F(S3ClientTest, ErrorsNameTheBucketAndKey) {
  auto missing_bucket = client_.GetObject("nope", "k");
  EXPECT_EQ(missing_bucket.status().code(), Code::kNotFound);
  EXPECT_NE(missing_bucket.status().message().find("bucket \"nope\" does not exist"),
            std::string::npos)
      << missing_bucket.status().ToString();
  EXPECT_EQ(client_.HeadBucket("nope").code(), Code::kNotFound);
  EXPECT_TRUE(client_.HeadBucket("b").ok());

  fake_.DenyAccess("secret");
  auto denied = client_.GetObject("secret", "pki/ca");
  EXPECT_EQ(denied.status().code(), Code::kPermissionDenied);
  EXPECT_NE(denied.status().message().find("s3://secret/pki/ca"), std::string::npos);
  EXPECT_NE(denied.status().message().find("AccessDenied"), std::string::npos);
  EXPECT_NE(denied.status().message().find("S3_ACCESS_KEY_ID"), std::string::npos);

  auto missing_key = client_.GetObject("b", "nothing");
  EXPECT_NE(missing_key.status().message().find("s3://b/nothing does not exist"),
            std::string::npos);

  fake_.FailWith(503);
  EXPECT_EQ(client_.PutObject("b", "k", "x").status().code(), Code::kUnavailable);
}

TEST(S3ClientUrls, VirtualHostStyleAgainstAwsPathStyleForDottedBuckets) {
  FakeHttpClient http;
  FakeClock clock;
  S3Client client(http, S3Options{Credentials{"AK", "SK", "", "t"}, "eu-west-1", ""}, clock);
  EXPECT_EQ(client.Url("my-bucket", "a/b c"),
            "https://my-bucket.s3.eu-west-1.amazonaws.com/a/b%20c");
  EXPECT_EQ(client.Url("my.bucket", "k"), "https://s3.eu-west-1.amazonaws.com/my.bucket/k");
  S3Client minio(http, S3Options{Credentials{"AK", "SK", "", "t"}, "", "http://127.0.0.1:9000/"},
                 clock);
  EXPECT_EQ(minio.Url("b", "k", "list-type=2"), "http://127.0.0.1:9000/b/k?list-type=2");
  EXPECT_EQ(minio.region(), "us-east-1");
}

TEST(S3ClientUrls, FollowsTheBucketRegionOnce) {
  FakeHttpClient http([](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.url.find(".s3.us-east-1.") != std::string::npos)
      return HttpResponse{301,
                          {{"x-amz-bucket-region", "eu-central-1"}},
                          "<Error><Code>PermanentRedirect</Code></Error>"};
    return HttpResponse{200, {{"etag", "\"e\""}}, "data"};
  });
  FakeClock clock;
  S3Client client(http, S3Options{Credentials{"AK", "SK", "", "t"}, "", ""}, clock);
  auto obj = client.GetObject("bkt", "k");
  ASSERT_TRUE(obj.ok()) << obj.status().ToString();
  EXPECT_EQ(client.region(), "eu-central-1");
  ASSERT_EQ(http.request_count(), 2u);
  EXPECT_NE(
      FakeHttpClient::RequestHeader(http.requests()[1], "authorization").find("/eu-central-1/s3/"),
      std::string::npos);
}

TEST(S3Options, FromEnvironment) {
  auto o = S3OptionsFromEnv(MapEnv({{"S3_ACCESS_KEY_ID", "a"},
                                    {"S3_SECRET_ACCESS_KEY", "s"},
                                    {"S3_ENDPOINT", "minio.local:9000"},
                                    {"S3_REGION", "r"}}));
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->endpoint, "https://minio.local:9000");
  EXPECT_EQ(o->region, "r");
  auto none = S3OptionsFromEnv(MapEnv({}));
  EXPECT_EQ(none.status().code(), Code::kPermissionDenied);
}

}  // namespace
}  // namespace kops::awsapi
