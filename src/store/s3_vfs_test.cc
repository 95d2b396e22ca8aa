// S3Vfs: the Vfs contract against FakeS3 (unit), and end to end against a real s3rver
// (tests/tools; skipped with the reason when node or s3rver is not installed).
#include "store/s3_vfs.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "awsapi/fake_s3.h"
#include "base/fake_clock.h"

namespace kops::store {
namespace {

using awsapi::FakeS3;
using awsapi::MapEnv;

awsapi::EnvFn FakeEnv(const std::string& endpoint) {
  return MapEnv(
      {{"S3_ACCESS_KEY_ID", "AK"}, {"S3_SECRET_ACCESS_KEY", "SK"}, {"S3_ENDPOINT", endpoint}});
}

// A non-owning shared_ptr to a client the test owns.
std::shared_ptr<HttpClient> Borrow(HttpClient& http) {
  return std::shared_ptr<HttpClient>(&http, [](HttpClient*) {});
}

TEST(ParseS3Url, BucketAndPrefix) {
  auto a = ParseS3Url("s3://my-bucket/a/b/");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->bucket, "my-bucket");
  EXPECT_EQ(a->prefix, "a/b");
  auto b = ParseS3Url("s3://my-bucket");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->prefix, "");
  for (const char* bad : {"s3://", "s3://x", "s3://-bad-/p", "s3://ok-bucket/a//b", "file:///x"}) {
    auto r = ParseS3Url(bad);
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << bad;
    EXPECT_NE(r.status().message().find(bad), std::string::npos) << r.status().message();
  }
}

TEST(OpenS3Vfs, MissingCredentialsNameTheStoreAndVariables) {
  FakeS3 fake;
  auto vfs = OpenS3Vfs("s3://bucket/p", MapEnv({{"HOME", "/nonexistent"}}), Borrow(fake.http()));
  ASSERT_FALSE(vfs.ok());
  EXPECT_EQ(vfs.status().code(), Code::kPermissionDenied);
  EXPECT_NE(vfs.status().message().find("s3://bucket/p"), std::string::npos);
  EXPECT_NE(vfs.status().message().find("S3_ACCESS_KEY_ID"), std::string::npos);
}

class S3VfsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fake_.CreateBucket("bucket");
    auto vfs =
        OpenS3Vfs("s3://bucket/state/", FakeEnv(FakeS3::kEndpoint), Borrow(fake_.http()), clock_);
    ASSERT_TRUE(vfs.ok()) << vfs.status().ToString();
    vfs_ = std::move(*vfs);
  }
  FakeS3 fake_;
  FakeClock clock_;
  std::unique_ptr<Vfs> vfs_;
};

TEST_F(S3VfsTest, WriteReadListDeleteUnderThePrefix) {
  EXPECT_EQ(vfs_->Url(), "s3://bucket/state");
  auto v1 = vfs_->Write("c/config", "spec");
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  ASSERT_TRUE(vfs_->Write("c/instancegroup/nodes", "ig").ok());
  ASSERT_TRUE(vfs_->Write("d/config", "other").ok());
  EXPECT_TRUE(fake_.Has("bucket", "state/c/config"));
  auto obj = vfs_->Read("c/config");
  ASSERT_TRUE(obj.ok());
  EXPECT_EQ(obj->data, "spec");
  EXPECT_EQ(obj->version, *v1);
  EXPECT_EQ(*vfs_->List("c/"), (std::vector<std::string>{"c/config", "c/instancegroup/nodes"}));
  EXPECT_EQ(vfs_->List("")->size(), 3u);
  ASSERT_TRUE(vfs_->Delete("c/config").ok());
  EXPECT_EQ(vfs_->Read("c/config").status().code(), Code::kNotFound);
  EXPECT_TRUE(vfs_->Delete("c/config").ok());
  EXPECT_EQ(vfs_->Read("/abs").status().code(), Code::kInvalidArgument);
}

TEST_F(S3VfsTest, ConditionalWrites) {
  auto created = vfs_->Write("k", "1", WriteCondition::MustNotExist());
  ASSERT_TRUE(created.ok());
  auto again = vfs_->Write("k", "2", WriteCondition::MustNotExist());
  EXPECT_EQ(again.status().code(), Code::kConflict);
  EXPECT_NE(again.status().message().find("s3://bucket/state/k"), std::string::npos);
  auto updated = vfs_->Write("k", "3", WriteCondition::MustMatch(*created));
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(vfs_->Write("k", "4", WriteCondition::MustMatch(*created)).status().code(),
            Code::kConflict);
  ASSERT_TRUE(vfs_->Delete("k").ok());
  EXPECT_EQ(vfs_->Write("k", "5", WriteCondition::MustMatch(*updated)).status().code(),
            Code::kConflict);
  EXPECT_EQ(vfs_->Read("k").status().code(), Code::kNotFound);
}

TEST_F(S3VfsTest, ConditionalHeadersAreSent) {
  auto v = vfs_->Write("k", "1", WriteCondition::MustNotExist());
  ASSERT_TRUE(v.ok());
  ASSERT_TRUE(vfs_->Write("k", "2", WriteCondition::MustMatch(*v)).ok());
  std::vector<HttpRequest> puts;
  for (const auto& r : fake_.http().requests())
    if (r.method == "PUT") puts.push_back(r);
  ASSERT_EQ(puts.size(), 2u);
  EXPECT_EQ(FakeHttpClient::RequestHeader(puts[0], "if-none-match"), "*");
  EXPECT_EQ(FakeHttpClient::RequestHeader(puts[1], "if-match"), *v);
}

// A write that passes the HEAD check but loses the race at the server (412) is a Conflict.
TEST(S3VfsRace, ServerSidePreconditionFailureIsAConflict) {
  FakeHttpClient http([](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.method == "HEAD") return HttpResponse{200, {{"etag", "\"v1\""}}, ""};
    if (r.method == "PUT")
      return HttpResponse{412, {}, "<Error><Code>PreconditionFailed</Code></Error>"};
    return HttpResponse{500, {}, ""};
  });
  FakeClock clock;
  auto vfs = OpenS3Vfs("s3://bucket", FakeEnv("http://s3.test"), Borrow(http), clock);
  ASSERT_TRUE(vfs.ok());
  auto w = (*vfs)->Write("k", "x", WriteCondition::MustMatch("\"v1\""));
  EXPECT_EQ(w.status().code(), Code::kConflict) << w.status().ToString();
  auto n = (*vfs)->Write("k", "x", WriteCondition::MustMatch("\"v0\""));
  EXPECT_EQ(n.status().code(), Code::kConflict);
  EXPECT_NE(n.status().message().find("\"v1\""), std::string::npos) << n.status().message();
}

TEST_F(S3VfsTest, DeniedAndMissingBucketErrors) {
  fake_.DenyAccess("bucket");
  auto r = vfs_->Read("c/config");
  EXPECT_EQ(r.status().code(), Code::kPermissionDenied);
  EXPECT_NE(r.status().message().find("s3://bucket/state/c/config"), std::string::npos);
  auto other =
      OpenS3Vfs("s3://missing-bucket", FakeEnv(FakeS3::kEndpoint), Borrow(fake_.http()), clock_);
  ASSERT_TRUE(other.ok());
  auto l = (*other)->List("");
  EXPECT_EQ(l.status().code(), Code::kNotFound);
  EXPECT_NE(l.status().message().find("missing-bucket"), std::string::npos);
}

// Runs tests/tools/run-s3rver.js (s3rver, key S3RVER / secret S3RVER) on a free loopback
// port with one bucket, in a temporary directory; killed and cleaned up on destruction.
class S3rverProcess {
 public:
  explicit S3rverProcess(const std::string& bucket) {
    std::string tools = std::string(KOPS_SOURCE_DIR) + "/tests/tools";
    if (!std::filesystem::exists(tools + "/node_modules/s3rver")) {
      skip_ = "s3rver is not installed; run tests/tools/install.sh (needs npm)";
      return;
    }
    if (system("node --version >/dev/null 2>&1") != 0) {
      skip_ = "node is not installed";
      return;
    }
    dir_ = std::filesystem::temp_directory_path() / ("kops-s3rver-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    int out[2];
    if (pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], 1);
      close(out[0]);
      close(out[1]);
      std::string script = tools + "/run-s3rver.js", d = dir_.string();
      execlp("node", "node", script.c_str(), "--directory", d.c_str(), "--bucket", bucket.c_str(),
             (char*)nullptr);
      _exit(127);
    }
    close(out[1]);
    FILE* f = fdopen(out[0], "r");
    char line[128] = {0};
    int port = 0;
    if (f && fgets(line, sizeof(line), f) && sscanf(line, "listening on %d", &port) == 1)
      endpoint_ = "http://127.0.0.1:" + std::to_string(port);
    else
      skip_ = "s3rver did not start (no 'listening on PORT')";
    if (f) fclose(f);
  }
  ~S3rverProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  const std::string& endpoint() const { return endpoint_; }
  const std::string& skip_reason() const { return skip_; }

 private:
  pid_t pid_ = -1;
  std::filesystem::path dir_;
  std::string endpoint_, skip_;
};

TEST(S3VfsEndToEnd, ReadWriteListDeleteAgainstS3rver) {
  S3rverProcess s3rver("kops-e2e");
  if (s3rver.endpoint().empty()) GTEST_SKIP() << s3rver.skip_reason();
  auto env = MapEnv({{"S3_ACCESS_KEY_ID", "S3RVER"},
                     {"S3_SECRET_ACCESS_KEY", "S3RVER"},
                     {"S3_ENDPOINT", s3rver.endpoint()}});
  auto opened =
      OpenS3Vfs("s3://kops-e2e/store", env, std::shared_ptr<HttpClient>(NewCurlHttpClient()));
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  Vfs& vfs = **opened;

  auto v1 = vfs.Write("ha.example.com/config", "apiVersion: kops.k8s.io/v1alpha2\n");
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  ASSERT_TRUE(vfs.Write("ha.example.com/instancegroup/control-plane-a", "ig a").ok());
  ASSERT_TRUE(vfs.Write("ha.example.com/pki/private/ca/keyset.yaml", "key: x y+z").ok());
  ASSERT_TRUE(vfs.Write("other.example.com/config", "o").ok());

  auto read = vfs.Read("ha.example.com/config");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->data, "apiVersion: kops.k8s.io/v1alpha2\n");
  EXPECT_EQ(read->version, *v1);

  auto list = vfs.List("ha.example.com/");
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(*list, (std::vector<std::string>{"ha.example.com/config",
                                             "ha.example.com/instancegroup/control-plane-a",
                                             "ha.example.com/pki/private/ca/keyset.yaml"}));
  EXPECT_EQ(vfs.List("")->size(), 4u);

  // s3rver ignores If-Match, so the HEAD pre-check is what refuses a stale write here.
  auto v2 = vfs.Write("ha.example.com/config", "changed", WriteCondition::MustMatch(*v1));
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();
  EXPECT_EQ(
      vfs.Write("ha.example.com/config", "stale", WriteCondition::MustMatch(*v1)).status().code(),
      Code::kConflict);
  EXPECT_EQ(vfs.Write("ha.example.com/config", "x", WriteCondition::MustNotExist()).status().code(),
            Code::kConflict);
  EXPECT_EQ(vfs.Read("ha.example.com/config")->data, "changed");

  ASSERT_TRUE(vfs.Delete("ha.example.com/config").ok());
  EXPECT_EQ(vfs.Read("ha.example.com/config").status().code(), Code::kNotFound);
  EXPECT_TRUE(vfs.Delete("ha.example.com/config").ok());
  EXPECT_EQ(vfs.List("ha.example.com/")->size(), 2u);

  // s3rver checks the access key id but not V4 signatures: an unknown key is refused.
  auto bad_key = MapEnv({{"S3_ACCESS_KEY_ID", "UNKNOWN"},
                         {"S3_SECRET_ACCESS_KEY", "S3RVER"},
                         {"S3_ENDPOINT", s3rver.endpoint()}});
  auto denied =
      OpenS3Vfs("s3://kops-e2e/store", bad_key, std::shared_ptr<HttpClient>(NewCurlHttpClient()));
  ASSERT_TRUE(denied.ok());
  auto r = (*denied)->Read("other.example.com/config");
  EXPECT_EQ(r.status().code(), Code::kPermissionDenied) << r.status().ToString();
  EXPECT_NE(r.status().message().find("s3://kops-e2e/store/other.example.com/config"),
            std::string::npos)
      << r.status().message();

  auto missing =
      OpenS3Vfs("s3://no-such-bucket", env, std::shared_ptr<HttpClient>(NewCurlHttpClient()));
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ((*missing)->List("").status().code(), Code::kNotFound);
}

}  // namespace
}  // namespace kops::store
