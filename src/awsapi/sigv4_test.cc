// SigV4 against published vectors.
//
// Sources (vectors copied as data, not code):
//  - AWS "Signature Version 4 test suite" (aws-sig-v4-test-suite, 2015-08-30 edition, also
//    shipped in awslabs/aws-c-auth as tests/aws-signing-test-suite/v4): get-vanilla,
//    get-unreserved, get-vanilla-query-order-key-case, get-vanilla-query-order-value,
//    get-header-value-trim, get-header-key-duplicate, post-x-www-form-urlencoded,
//    get-vanilla-with-session-token. Credentials AKIDEXAMPLE /
//    wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, us-east-1, service "service",
//    20150830T123600Z, host example.amazonaws.com.
//  - Amazon S3 API Reference, "Authenticating Requests: Using the Authorization Header
//    (AWS Signature Version 4)" examples: GET Object, PUT Object, GET Bucket Lifecycle,
//    Get Bucket (List Objects). Credentials AKIAIOSFODNN7EXAMPLE /
//    wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, us-east-1, 20130524T000000Z.
#include "awsapi/sigv4.h"

#include "awsapi/hash.h"
#include "gtest/gtest.h"

namespace kops::awsapi {
namespace {

constexpr char kEmptyHash[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

const Credentials kSuiteCreds{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "",
                              "test"};
const SigningScope kSuiteScope{"us-east-1", "service"};
const Credentials kS3DocCreds{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                              "", "test"};
const SigningScope kS3Scope{"us-east-1", "s3"};

HttpRequest SuiteRequest(std::string method, std::string target,
                         std::vector<std::pair<std::string, std::string>> extra = {},
                         std::string body = "") {
  HttpRequest r;
  r.method = std::move(method);
  r.url = "https://example.amazonaws.com" + target;
  r.headers = {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", "20150830T123600Z"}};
  for (auto& h : extra) r.headers.push_back(std::move(h));
  r.body = std::move(body);
  return r;
}

std::string SuiteAuthorization(const std::string& signed_headers, const std::string& sig) {
  return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
         "SignedHeaders=" +
         signed_headers + ", Signature=" + sig;
}

TEST(SigV4Suite, GetVanilla) {
  auto s = ComputeSignature(SuiteRequest("GET", "/"), kSuiteCreds, kSuiteScope, false);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->canonical_request,
            std::string("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
                        "host;x-amz-date\n") +
                kEmptyHash);
  EXPECT_EQ(s->string_to_sign,
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
  EXPECT_EQ(s->authorization,
            SuiteAuthorization("host;x-amz-date",
                               "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
}

TEST(SigV4Suite, GetUnreserved) {
  auto s = ComputeSignature(
      SuiteRequest("GET", "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
      kSuiteCreds, kSuiteScope, false);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->signature, "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f");
}

TEST(SigV4Suite, GetVanillaQueryOrderKeyCase) {
  auto s = ComputeSignature(SuiteRequest("GET", "/?Param2=value2&Param1=value1"), kSuiteCreds,
                            kSuiteScope, false);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->canonical_request,
            std::string("GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\n"
                        "x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n") +
                kEmptyHash);
  EXPECT_EQ(Sha256Hex(s->canonical_request),
            "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0");
  EXPECT_EQ(s->signature, "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

TEST(SigV4Suite, GetVanillaQueryOrderValue) {
  auto s = ComputeSignature(SuiteRequest("GET", "/?Param1=value2&Param1=value1"), kSuiteCreds,
                            kSuiteScope, false);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->signature, "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694");
}

TEST(SigV4Suite, GetHeaderValueTrim) {
  auto s = ComputeSignature(
      SuiteRequest("GET", "/", {{"My-Header1", " value1"}, {"My-Header2", "\"a   b   c\""}}),
      kSuiteCreds, kSuiteScope, false);
  ASSERT_TRUE(s.ok());
  EXPECT_NE(s->canonical_request.find("my-header1:value1\nmy-header2:\"a b c\"\n"),
            std::string::npos)
      << s->canonical_request;
  EXPECT_EQ(s->authorization,
            SuiteAuthorization("host;my-header1;my-header2;x-amz-date",
                               "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"));
}

TEST(SigV4Suite, GetHeaderKeyDuplicate) {
  auto s = ComputeSignature(
      SuiteRequest("GET", "/",
                   {{"My-Header1", "value2"}, {"My-Header1", "value2"}, {"My-Header1", "value1"}}),
      kSuiteCreds, kSuiteScope, false);
  ASSERT_TRUE(s.ok());
  EXPECT_NE(s->canonical_request.find("my-header1:value2,value2,value1\n"), std::string::npos);
  EXPECT_EQ(s->signature, "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea");
}

TEST(SigV4Suite, PostXWwwFormUrlencoded) {
  auto s = ComputeSignature(
      SuiteRequest("POST", "/", {{"Content-Type", "application/x-www-form-urlencoded"}},
                   "Param1=value1"),
      kSuiteCreds, kSuiteScope, false);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->canonical_request,
            "POST\n/\n\ncontent-type:application/x-www-form-urlencoded\n"
            "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
            "content-type;host;x-amz-date\n"
            "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
  EXPECT_EQ(Sha256Hex(s->canonical_request),
            "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281");
  EXPECT_EQ(s->authorization,
            SuiteAuthorization("content-type;host;x-amz-date",
                               "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"));
}

TEST(SigV4Suite, GetVanillaWithSessionTokenViaSignRequest) {
  Credentials creds = kSuiteCreds;
  creds.session_token = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";
  HttpRequest r;
  r.url = "https://example.amazonaws.com/";
  // 2015-08-30T12:36:00Z
  auto when = std::chrono::system_clock::time_point(std::chrono::seconds(1440938160));
  ASSERT_TRUE(SignRequest(r, creds, kSuiteScope, when, false).ok());
  std::string auth, token, date;
  for (const auto& [k, v] : r.headers) {
    if (k == "Authorization") auth = v;
    if (k == "x-amz-security-token") token = v;
    if (k == "x-amz-date") date = v;
  }
  EXPECT_EQ(date, "20150830T123600Z");
  EXPECT_EQ(token, creds.session_token);
  EXPECT_EQ(auth,
            SuiteAuthorization("host;x-amz-date;x-amz-security-token",
                               "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8"));
}

HttpRequest S3DocRequest(std::string method, std::string target,
                         std::vector<std::pair<std::string, std::string>> extra = {},
                         std::string body = "", std::string payload_hash = kEmptyHash) {
  HttpRequest r;
  r.method = std::move(method);
  r.url = "https://examplebucket.s3.amazonaws.com" + target;
  r.headers = std::move(extra);
  r.headers.emplace_back("x-amz-content-sha256", payload_hash);
  r.headers.emplace_back("x-amz-date", "20130524T000000Z");
  r.body = std::move(body);
  return r;
}

TEST(SigV4S3Docs, GetObject) {
  auto s = ComputeSignature(S3DocRequest("GET", "/test.txt", {{"Range", "bytes=0-9"}}), kS3DocCreds,
                            kS3Scope, true);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->canonical_request,
            std::string("GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\n"
                        "range:bytes=0-9\nx-amz-content-sha256:") +
                kEmptyHash +
                "\nx-amz-date:20130524T000000Z\n\n"
                "host;range;x-amz-content-sha256;x-amz-date\n" +
                kEmptyHash);
  EXPECT_EQ(s->string_to_sign,
            "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
            "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  EXPECT_EQ(s->authorization,
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

TEST(SigV4S3Docs, PutObject) {
  const std::string body = "Welcome to Amazon S3.";
  ASSERT_EQ(Sha256Hex(body), "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  auto s = ComputeSignature(S3DocRequest("PUT", "/test%24file.text",
                                         {{"Date", "Fri, 24 May 2013 00:00:00 GMT"},
                                          {"x-amz-storage-class", "REDUCED_REDUNDANCY"}},
                                         body, Sha256Hex(body)),
                            kS3DocCreds, kS3Scope, true);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->signed_headers, "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class");
  EXPECT_NE(s->canonical_request.find("PUT\n/test%24file.text\n"), std::string::npos);
  EXPECT_EQ(s->signature, "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

TEST(SigV4S3Docs, GetBucketLifecycle) {
  auto s = ComputeSignature(S3DocRequest("GET", "/?lifecycle"), kS3DocCreds, kS3Scope, true);
  ASSERT_TRUE(s.ok());
  EXPECT_NE(s->canonical_request.find("GET\n/\nlifecycle=\n"), std::string::npos);
  EXPECT_EQ(s->signature, "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
}

TEST(SigV4S3Docs, ListObjects) {
  auto s =
      ComputeSignature(S3DocRequest("GET", "/?prefix=J&max-keys=2"), kS3DocCreds, kS3Scope, true);
  ASSERT_TRUE(s.ok());
  EXPECT_NE(s->canonical_request.find("GET\n/\nmax-keys=2&prefix=J\n"), std::string::npos);
  EXPECT_EQ(s->signature, "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

TEST(SigV4, CanonicalQueryEncodesOnceAndSortsBytewise) {
  EXPECT_EQ(CanonicalQuery("b&a=1"), "a=1&b=");
  EXPECT_EQ(CanonicalQuery("q=a%20b&p=a/b"), "p=a%2Fb&q=a%20b");
  EXPECT_EQ(CanonicalQuery("Z=1&a=2"), "Z=1&a=2");
  EXPECT_EQ(CanonicalQuery(""), "");
}

TEST(SigV4, NonS3PathsAreEncodedTwiceS3PathsOnce) {
  HttpRequest r = SuiteRequest("GET", "/a%20b");
  auto other = ComputeSignature(r, kSuiteCreds, kSuiteScope, false);
  auto s3 = ComputeSignature(r, kSuiteCreds, kS3Scope, true);
  ASSERT_TRUE(other.ok() && s3.ok());
  EXPECT_NE(other->canonical_request.find("\n/a%2520b\n"), std::string::npos);
  EXPECT_NE(s3->canonical_request.find("\n/a%20b\n"), std::string::npos);
}

TEST(SigV4, SignRequestReplacesOldSignatureHeadersAndAddsS3PayloadHash) {
  HttpRequest r;
  r.method = "PUT";
  r.url = "http://127.0.0.1:9000/bucket/key";
  r.body = "hello";
  r.headers = {{"Authorization", "old"}, {"X-Amz-Date", "old"}};
  ASSERT_TRUE(SignRequest(r, kS3DocCreds, kS3Scope, std::chrono::system_clock::now(), true).ok());
  int auth = 0;
  std::string payload;
  for (const auto& [k, v] : r.headers) {
    if (k == "Authorization" || k == "authorization") ++auth;
    if (k == "x-amz-content-sha256") payload = v;
  }
  EXPECT_EQ(auth, 1);
  EXPECT_EQ(payload, Sha256Hex("hello"));
  auto sig = ComputeSignature(r, kS3DocCreds, kS3Scope, true);
  ASSERT_TRUE(sig.ok());
  // The Authorization header is itself one of the signed headers only if present before;
  // here it was added last, so recomputing over it would differ: check the host form.
  EXPECT_NE(sig->canonical_request.find("host:127.0.0.1:9000\n"), std::string::npos);
}

TEST(SigV4, MissingKeyOrDateIsAnError) {
  HttpRequest r;
  r.url = "https://example.amazonaws.com/";
  EXPECT_EQ(
      SignRequest(r, Credentials{}, kSuiteScope, std::chrono::system_clock::now(), false).code(),
      Code::kPermissionDenied);
  EXPECT_EQ(ComputeSignature(r, kSuiteCreds, kSuiteScope, false).status().code(),
            Code::kInvalidArgument);
}

}  // namespace
}  // namespace kops::awsapi
