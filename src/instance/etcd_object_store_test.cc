// EtcdObjectStore over an etcd Client whose HTTP is a FakeHttpClient: what an election
// does to a write (errors before and after proposing), within and past the deadline.
#include "instance/etcd_object_store.h"

#include <gtest/gtest.h>

#include <deque>

#include "base/base64.h"
#include "base/fake_clock.h"
#include "base/fake_http.h"

namespace kops::instance {
namespace {

constexpr char kEndpoint[] = "http://127.9.1.1:4001";

HttpResponse EtcdError(int http, int grpc, const std::string& m) {
  return FakeHttpClient::Respond(http, R"({"error":")" + m + R"(","message":")" + m +
                                           R"(","code":)" + std::to_string(grpc) + "}");
}
HttpResponse TxnOk(int64_t revision) {
  return FakeHttpClient::Respond(
      200, R"({"header":{"revision":")" + std::to_string(revision) + R"("},"succeeded":true})");
}
// The compare failed; the failure branch read key with value at mod_revision.
HttpResponse TxnFailedWith(const std::string& key, const std::string& value, int64_t mod_revision) {
  return FakeHttpClient::Respond(
      200, R"({"header":{"revision":"9"},"succeeded":false,"responses":[{"response_range":{"kvs":[{"key":")" +
               Base64Encode(key) + R"(","value":")" + Base64Encode(value) + R"(","mod_revision":")" +
               std::to_string(mod_revision) + R"("}]}}]})");
}
Result<HttpResponse> Refused() { return Unavailable("POST: Couldn't connect to server"); }
Result<HttpResponse> CutMidCall() { return Unavailable("POST: Recv failure: Connection reset by peer"); }

// Answers /v3/kv/* calls from a script, one entry per call; every call advances the
// clock by `latency`. An empty script answers 500.
struct Fixture {
  Fixture() {
    http.SetHandler([this](const HttpRequest&) -> Result<HttpResponse> {
      clock.Advance(latency);
      if (script.empty()) return FakeHttpClient::Respond(500, "script exhausted");
      Result<HttpResponse> r = script.front();
      script.pop_front();
      return r;
    });
    etcd::ClientOptions o;
    o.endpoints = {kEndpoint};
    client = std::move(etcd::Client::Create(http, o)).value();
    store = std::make_unique<EtcdObjectStore>(*client, clock, std::chrono::seconds(2));
  }
  FakeHttpClient http;
  FakeClock clock;
  Clock::Duration latency = std::chrono::milliseconds(10);
  std::deque<Result<HttpResponse>> script;
  std::unique_ptr<etcd::Client> client;
  std::unique_ptr<EtcdObjectStore> store;
};

TEST(EtcdObjectStoreTest, WriteRetriesElectionErrorsUntilANewLeaderCommits) {
  Fixture f;
  f.script = {EtcdError(503, 14, "etcdserver: leader changed"),
              EtcdError(503, 14, "etcdserver: no leader"), Refused(), TxnOk(42)};
  Result<int64_t> rev = f.store->Create("/registry/configmaps/d/a", "{}");
  ASSERT_TRUE(rev.ok()) << rev.status().message();
  EXPECT_EQ(*rev, 42);
  EXPECT_EQ(f.http.request_count(), 4u);
}

TEST(EtcdObjectStoreTest, TimedOutWriteIsRetriedAndItsOwnEarlierCommitIsSuccess) {
  Fixture f;
  // The first attempt timed out inside etcd but was committed: the repeat finds the key
  // holding exactly the value written.
  f.script = {EtcdError(500, 14, "etcdserver: request timed out, possibly due to previous leader failure"),
              TxnFailedWith("/registry/configmaps/d/a", "{\"v\":1}", 17)};
  Result<int64_t> rev = f.store->Create("/registry/configmaps/d/a", "{\"v\":1}");
  ASSERT_TRUE(rev.ok()) << rev.status().message();
  EXPECT_EQ(*rev, 17);
}

TEST(EtcdObjectStoreTest, WriteLostWithADeadLeaderIsRepeatedAfterTheAttemptTimeout) {
  Fixture f;
  // The attempt hung until the client's timeout (the proposal went to a dead leader and
  // was lost); the repeat reaches the new leader.
  f.script = {DeadlineExceeded("POST http://127.9.1.1:4001/v3/kv/txn: Timeout was reached after 600ms"),
              TxnOk(8)};
  Result<int64_t> rev = f.store->Create("/registry/configmaps/d/a", "{}");
  ASSERT_TRUE(rev.ok()) << rev.status().message();
  EXPECT_EQ(*rev, 8);
}

TEST(EtcdObjectStoreTest, RepeatAfterAmbiguousFailureStillReportsAnotherWritersObject) {
  Fixture f;
  f.script = {CutMidCall(), TxnFailedWith("/registry/configmaps/d/a", "{\"v\":\"theirs\"}", 17)};
  EXPECT_EQ(f.store->Create("/registry/configmaps/d/a", "{\"v\":\"mine\"}").status().code(),
            Code::kAlreadyExists);
  f.script = {EtcdError(500, 4, "context deadline exceeded"),
              TxnFailedWith("/registry/configmaps/d/a", "{\"v\":\"theirs\"}", 18)};
  EXPECT_EQ(f.store->Update("/registry/configmaps/d/a", "{\"v\":\"mine\"}", 17).status().code(),
            Code::kConflict);
}

TEST(EtcdObjectStoreTest, UnambiguousCompareFailureIsNeverTakenForOwnCommit) {
  Fixture f;
  // No ambiguous attempt: the same value already there is still "already exists".
  f.script = {TxnFailedWith("/registry/configmaps/d/a", "{}", 5)};
  EXPECT_EQ(f.store->Create("/registry/configmaps/d/a", "{}").status().code(), Code::kAlreadyExists);
  f.script = {EtcdError(503, 14, "etcdserver: leader changed"), TxnFailedWith("/registry/configmaps/d/a", "{}", 5)};
  EXPECT_EQ(f.store->Create("/registry/configmaps/d/a", "{}").status().code(), Code::kAlreadyExists);
}

TEST(EtcdObjectStoreTest, UpdateAndDeleteRepeatedAfterAmbiguousFailure) {
  Fixture f;
  f.script = {EtcdError(500, 14, "etcdserver: request timed out"),
              TxnFailedWith("/registry/minions/n1", "{\"ready\":true}", 31)};
  Result<int64_t> rev = f.store->Update("/registry/minions/n1", "{\"ready\":true}", 30);
  ASSERT_TRUE(rev.ok()) << rev.status().message();
  EXPECT_EQ(*rev, 31);
  f.script = {CutMidCall(), FakeHttpClient::Respond(200, R"({"header":{"revision":"32"},"deleted":"0"})")};
  EXPECT_TRUE(f.store->Delete("/registry/minions/n1").ok());
  f.script = {FakeHttpClient::Respond(200, R"({"header":{"revision":"32"},"deleted":"0"})")};
  EXPECT_EQ(f.store->Delete("/registry/minions/n1").code(), Code::kNotFound);
}

TEST(EtcdObjectStoreTest, LostQuorumOnlyWhenTheDeadlinePasses) {
  Fixture f;
  f.latency = std::chrono::milliseconds(100);
  for (int i = 0; i < 100; ++i) f.script.push_back(EtcdError(500, 14, "etcdserver: request timed out"));
  Clock::TimePoint start = f.clock.Now();
  Result<int64_t> rev = f.store->Create("/registry/configmaps/d/a", "{}");
  ASSERT_EQ(rev.status().code(), Code::kUnavailable);
  EXPECT_NE(rev.status().message().find("lost quorum"), std::string::npos) << rev.status().message();
  EXPECT_GE(f.clock.Now() - start, std::chrono::seconds(2));
  EXPECT_LT(f.clock.Now() - start, std::chrono::milliseconds(2300));
  EXPECT_GT(f.http.request_count(), 10u);
}

TEST(EtcdObjectStoreTest, RequestErrorsAreNotRetried) {
  Fixture f;
  f.script = {EtcdError(400, 3, "etcdserver: request is too large"), TxnOk(1)};
  EXPECT_EQ(f.store->Create("/registry/configmaps/d/a", "{}").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(f.http.request_count(), 1u);
}

TEST(EtcdObjectStoreTest, TimedOutReadIsRetried) {
  Fixture f;
  f.script = {EtcdError(500, 14, "etcdserver: request timed out"),
              FakeHttpClient::Respond(200, R"({"header":{"revision":"7"},"kvs":[{"key":")" +
                                               Base64Encode("/registry/minions/n1") + R"(","value":")" +
                                               Base64Encode("{}") + R"(","mod_revision":"6"}]})")};
  Result<StoredObject> o = f.store->Get("/registry/minions/n1");
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->revision, 6);
}

}  // namespace
}  // namespace kops::instance
