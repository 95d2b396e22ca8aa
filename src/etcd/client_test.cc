// Client over a FakeHttpClient: what goes on the wire, failover and error mapping.
#include "etcd/client.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "base/fake_http.h"

namespace kops::etcd {
namespace {

constexpr char kA[] = "http://127.9.0.1:2379";
constexpr char kB[] = "http://127.9.0.2:2379";
constexpr char kC[] = "http://127.9.0.3:2379";

HttpResponse Ok(const std::string& body) { return FakeHttpClient::Respond(200, body); }
HttpResponse EtcdError(int http, int grpc, const std::string& m) {
  return FakeHttpClient::Respond(http, R"({"error":")" + m + R"(","message":")" + m +
                                           R"(","code":)" + std::to_string(grpc) + "}");
}

// Routes "endpoint+path" to a handler; anything unrouted is connection refused.
class FakeEtcd {
 public:
  using Handler = std::function<Result<HttpResponse>(const HttpRequest&)>;
  FakeEtcd() {
    http.SetHandler([this](const HttpRequest& r) -> Result<HttpResponse> {
      auto it = routes_.find(r.url);
      if (it == routes_.end())
        return Unavailable(r.method + " " + r.url + ": Couldn't connect to server");
      return it->second(r);
    });
  }
  void On(const std::string& endpoint, const std::string& path, Handler h) {
    routes_[endpoint + path] = std::move(h);
  }
  void On(const std::string& endpoint, const std::string& path, HttpResponse resp) {
    On(endpoint, path, [resp](const HttpRequest&) -> Result<HttpResponse> { return resp; });
  }
  std::vector<std::string> Urls() const {
    std::vector<std::string> out;
    for (const HttpRequest& r : http.requests()) out.push_back(r.url);
    return out;
  }
  Json Body(size_t i) const { return Json::parse(http.requests().at(i).body); }

  FakeHttpClient http;

 private:
  std::map<std::string, Handler> routes_;
};

std::unique_ptr<Client> NewClient(FakeEtcd& fake,
                                  std::vector<std::string> endpoints = {kA, kB, kC}) {
  ClientOptions o;
  o.endpoints = std::move(endpoints);
  o.request_timeout = std::chrono::milliseconds(1234);
  o.tls.ca_pem = "CA";
  o.local_address = "127.9.0.100";
  Result<std::unique_ptr<Client>> c = Client::Create(fake.http, o);
  EXPECT_TRUE(c.ok()) << c.status().message();
  return std::move(c).value();
}

TEST(ClientTest, CreateValidatesEndpoints) {
  FakeHttpClient http;
  EXPECT_EQ(Client::Create(http, {}).status().code(), Code::kInvalidArgument);
  ClientOptions o;
  o.endpoints = {"127.0.0.1:2379"};
  Result<std::unique_ptr<Client>> c = Client::Create(http, o);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("\"127.0.0.1:2379\""), std::string::npos);
  o.endpoints = {"https://127.5.5.5:2379/"};
  c = Client::Create(http, o);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ((*c)->endpoints(), std::vector<std::string>{"https://127.5.5.5:2379"});
}

TEST(ClientTest, PutSendsBase64JsonWithOptionsAndDecodes) {
  FakeEtcd fake;
  fake.On(kA, "/v3/kv/put", Ok(R"({"header":{"revision":"9"}})"));
  auto client = NewClient(fake);
  Result<PutResponse> r = client->Put("/k", std::string("v\0w", 3), {.lease = 7});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->header.revision, 9);
  HttpRequest sent = fake.http.requests().at(0);
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, std::string(kA) + "/v3/kv/put");
  EXPECT_EQ(FakeHttpClient::RequestHeader(sent, "content-type"), "application/json");
  EXPECT_EQ(sent.timeout, std::chrono::milliseconds(1234));
  EXPECT_EQ(sent.tls.ca_pem, "CA");
  EXPECT_EQ(sent.local_address, "127.9.0.100");
  EXPECT_EQ(fake.Body(0), Json::parse(R"({"key":"L2s=","value":"dgB3","lease":"7"})"));
}

TEST(ClientTest, GetPrefixDecodesKvs) {
  FakeEtcd fake;
  fake.On(kA, "/v3/kv/range", Ok(R"({"header":{"revision":"4"},"kvs":[
      {"key":"L2EvMQ==","value":"eA==","mod_revision":"3"},{"key":"L2EvMg==","value":"eQ=="}],
      "count":"5","more":true})"));
  auto client = NewClient(fake);
  Result<GetResponse> r = client->Get("/a/", {.prefix = true, .limit = 2});
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->kvs.size(), 2u);
  EXPECT_EQ(r->kvs[0].key, "/a/1");
  EXPECT_EQ(r->kvs[1].value, "y");
  EXPECT_EQ(r->count, 5);
  EXPECT_TRUE(r->more);
  EXPECT_EQ(fake.Body(0), Json::parse(R"({"key":"L2Ev","range_end":"L2Ew","limit":"2"})"));
}

TEST(ClientTest, FailsOverOnTransportErrorAndSticksToTheEndpointThatAnswered) {
  FakeEtcd fake;  // kA refuses connections
  fake.On(kB, "/v3/kv/range", Ok(R"({"header":{"revision":"1"}})"));
  fake.On(kC, "/v3/kv/range", Ok(R"({"header":{"revision":"1"}})"));
  auto client = NewClient(fake);
  ASSERT_TRUE(client->Get("k").ok());
  ASSERT_TRUE(client->Get("k").ok());
  EXPECT_EQ(fake.Urls(), (std::vector<std::string>{std::string(kA) + "/v3/kv/range",
                                                   std::string(kB) + "/v3/kv/range",
                                                   std::string(kB) + "/v3/kv/range"}));
}

TEST(ClientTest, WritesFailOverOnRefusedConnections) {
  FakeEtcd fake;
  fake.On(kC, "/v3/kv/put", Ok(R"({"header":{"revision":"2"}})"));
  auto client = NewClient(fake);
  ASSERT_TRUE(client->Put("k", "v").ok());
  EXPECT_EQ(fake.http.request_count(), 3u);
}

TEST(ClientTest, AllEndpointsDownIsUnavailableNamingTheLastOne) {
  FakeEtcd fake;
  auto client = NewClient(fake);
  Result<GetResponse> r = client->Get("k");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
  EXPECT_NE(r.status().message().find("all 3 etcd endpoints failed"), std::string::npos);
  EXPECT_NE(r.status().message().find(std::string("get \"k\" at ") + kC), std::string::npos);
  EXPECT_TRUE(IsRetryable(r.status(), RequestKind::kRead));
}

TEST(ClientTest, TimeoutsFailOverForReadsButNotForWrites) {
  FakeEtcd fake;
  auto timeout = [](const HttpRequest& r) -> Result<HttpResponse> {
    return DeadlineExceeded("POST " + r.url + ": Timeout was reached");
  };
  fake.On(kA, "/v3/kv/range", timeout);
  fake.On(kA, "/v3/kv/put", timeout);
  fake.On(kB, "/v3/kv/range", Ok(R"({"header":{}})"));
  fake.On(kB, "/v3/kv/put", Ok(R"({"header":{}})"));
  auto client = NewClient(fake);
  Result<PutResponse> put = client->Put("k", "v");
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.status().code(), Code::kDeadlineExceeded);
  EXPECT_FALSE(IsRetryable(put.status(), RequestKind::kWrite));
  EXPECT_EQ(fake.http.request_count(), 1u);
  EXPECT_TRUE(client->Get("k").ok());
  EXPECT_EQ(fake.http.request_count(), 3u);
}

TEST(ClientTest, EtcdSideTimeoutsFailOverForReadsOnly) {
  FakeEtcd fake;
  fake.On(kA, "/v3/kv/range", EtcdError(503, 14, "etcdserver: request timed out"));
  fake.On(kA, "/v3/kv/put", EtcdError(500, 2, "context deadline exceeded"));
  fake.On(kB, "/v3/kv/range", Ok(R"({"header":{}})"));
  fake.On(kB, "/v3/kv/put", Ok(R"({"header":{}})"));
  auto client = NewClient(fake);
  EXPECT_EQ(client->Put("k", "v").status().code(), Code::kDeadlineExceeded);
  EXPECT_EQ(fake.http.request_count(), 1u);
  EXPECT_TRUE(client->Get("k").ok());
  EXPECT_EQ(fake.http.request_count(), 3u);
}

TEST(ClientTest, LearnerAndLeaderlessMembersAreSkipped) {
  FakeEtcd fake;
  fake.On(kA, "/v3/kv/put", EtcdError(503, 14, "etcdserver: rpc not supported for learner"));
  fake.On(kB, "/v3/kv/put", EtcdError(503, 14, "etcdserver: no leader"));
  fake.On(kC, "/v3/kv/put", Ok(R"({"header":{}})"));
  auto client = NewClient(fake);
  ASSERT_TRUE(client->Put("k", "v").ok());
  EXPECT_EQ(fake.http.request_count(), 3u);
}

TEST(ClientTest, ClusterErrorsReturnAtOnceWithTheEtcdMessage) {
  FakeEtcd fake;
  fake.On(kA, "/v3/cluster/member/add", EtcdError(503, 14, "etcdserver: unhealthy cluster"));
  auto client = NewClient(fake);
  Result<MemberAddResponse> r = client->MemberAdd({"http://127.9.0.4:2380"}, true);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
  EXPECT_EQ(r.status().message(), std::string("etcd learner add \"http://127.9.0.4:2380\" at ") +
                                      kA + ": etcdserver: unhealthy cluster");
  EXPECT_TRUE(IsRetryable(r.status(), RequestKind::kWrite));
  EXPECT_EQ(fake.http.request_count(), 1u);
  EXPECT_EQ(fake.Body(0),
            Json::parse(R"({"peerURLs":["http://127.9.0.4:2380"],"isLearner":true})"));
}

TEST(ClientTest, NonRetryableErrorsKeepTheirCode) {
  FakeEtcd fake;
  fake.On(kA, "/v3/cluster/member/remove", EtcdError(404, 5, "etcdserver: member not found"));
  fake.On(kA, "/v3/cluster/member/promote",
          EtcdError(412, 9,
                    "etcdserver: can only promote a learner member which is in sync with leader"));
  auto client = NewClient(fake);
  Result<MemberListResponse> removed = client->MemberRemove(18240054231145904135u);
  EXPECT_EQ(removed.status().code(), Code::kNotFound);
  EXPECT_EQ(fake.Body(0), Json::parse(R"({"ID":"18240054231145904135"})"));
  Result<MemberListResponse> promoted = client->MemberPromote(5);
  EXPECT_EQ(promoted.status().code(), Code::kFailedPrecondition);
  EXPECT_NE(promoted.status().message().find("in sync with leader"), std::string::npos);
}

TEST(ClientTest, CreateIfAbsentAndUpdateIfUnchangedUseModRevisionCompares) {
  FakeEtcd fake;
  int calls = 0;
  fake.On(kA, "/v3/kv/txn", [&](const HttpRequest&) -> Result<HttpResponse> {
    return Ok(++calls == 1 ? R"({"header":{},"succeeded":true,"responses":[{"response_put":{}}]})"
                           : R"({"header":{},"responses":[]})");
  });
  auto client = NewClient(fake);
  EXPECT_TRUE(*client->CreateIfAbsent("k", "v"));
  EXPECT_FALSE(*client->UpdateIfUnchanged("k", "w", 12));
  EXPECT_EQ(fake.Body(0), Json::parse(R"({"compare":[{"key":"aw==","target":"MOD",
      "result":"EQUAL","mod_revision":"0"}],"success":[{"request_put":{"key":"aw==",
      "value":"dg=="}}],"failure":[]})"));
  EXPECT_EQ(fake.Body(1)["compare"][0]["mod_revision"], "12");
  EXPECT_EQ(fake.Body(1)["success"][0]["request_put"]["value"], "dw==");
}

TEST(ClientTest, ReadOnlyTxnFailsOverOnTimeout) {
  FakeEtcd fake;
  fake.On(kA, "/v3/kv/txn",
          [](const HttpRequest&) -> Result<HttpResponse> { return DeadlineExceeded("timeout"); });
  fake.On(kB, "/v3/kv/txn", Ok(R"({"succeeded":true})"));
  auto client = NewClient(fake);
  TxnRequest t;
  t.compare = {Compare::Value("k", Compare::Op::kEqual, "v")};
  t.success = {TxnOp::Get("k")};
  EXPECT_TRUE(client->Txn(t).ok());
  t.success = {TxnOp::Delete("k")};
  EXPECT_EQ(client->Txn(t).status().code(), Code::kOk);  // sticks to kB now
}

TEST(ClientTest, MoveLeaderAsksTheLeaderEndpoint) {
  FakeEtcd fake;
  fake.On(kA, "/v3/maintenance/status", Ok(R"({"header":{"member_id":"1"},"leader":"3"})"));
  fake.On(kB, "/v3/maintenance/status", Ok(R"({"header":{"member_id":"2"},"leader":"3"})"));
  fake.On(kC, "/v3/maintenance/status", Ok(R"({"header":{"member_id":"3"},"leader":"3"})"));
  fake.On(kC, "/v3/maintenance/transfer-leadership", Ok("{}"));
  auto client = NewClient(fake);
  ASSERT_TRUE(client->MoveLeader(2).ok());
  EXPECT_EQ(fake.Urls().back(), std::string(kC) + "/v3/maintenance/transfer-leadership");
  EXPECT_EQ(fake.Body(3), Json::parse(R"({"targetID":"2"})"));
  fake.http.ClearRequests();
  ASSERT_TRUE(client->MoveLeader(3).ok());  // already the leader: nothing to send
  EXPECT_EQ(fake.Urls().back(), std::string(kC) + "/v3/maintenance/status");
}

TEST(ClientTest, MoveLeaderFindsALeaderOutsideTheEndpointList) {
  FakeEtcd fake;
  fake.On(kA, "/v3/maintenance/status", Ok(R"({"header":{"member_id":"1"},"leader":"9"})"));
  fake.On(kA, "/v3/cluster/member/list", Ok(R"({"members":[{"ID":"1"},
      {"ID":"9","clientURLs":["http://127.9.0.9:2379"]}]})"));
  fake.On("http://127.9.0.9:2379", "/v3/maintenance/transfer-leadership",
          EtcdError(412, 9, "etcdserver: bad leader transferee"));
  auto client = NewClient(fake, {kA});
  Status s = client->MoveLeader(1);
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
  EXPECT_NE(s.message().find("bad leader transferee"), std::string::npos);
  EXPECT_NE(s.message().find("http://127.9.0.9:2379"), std::string::npos);
}

TEST(ClientTest, MoveLeaderWithoutLeaderIsUnavailable) {
  FakeEtcd fake;
  fake.On(kA, "/v3/maintenance/status",
          Ok(R"({"header":{"member_id":"1"},"errors":["etcdserver: no leader"]})"));
  auto client = NewClient(fake);
  EXPECT_EQ(client->MoveLeader(2).code(), Code::kUnavailable);
}

TEST(ClientTest, HealthReportsFalseOn503AndErrorsWhenUnreachable) {
  FakeEtcd fake;
  fake.On(kA, "/health", Ok(R"({"health":"true"})"));
  fake.On(kB, "/health", FakeHttpClient::Respond(503, "{\"health\":\"false\"}\n"));
  auto client = NewClient(fake);
  EXPECT_TRUE(*client->Health(kA));
  EXPECT_FALSE(*client->Health(kB));
  EXPECT_EQ(client->Health(kC).status().code(), Code::kUnavailable);
  EXPECT_EQ(fake.http.requests().at(0).method, "GET");
}

TEST(ClientTest, StatusOfAsksOnlyThatEndpoint) {
  FakeEtcd fake;
  fake.On(kB, "/v3/maintenance/status", Ok(R"({"header":{"member_id":"2"},"isLearner":true})"));
  auto client = NewClient(fake);
  EXPECT_FALSE(client->StatusOf(kA).ok());
  Result<EndpointStatus> s = client->StatusOf(kB);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->is_learner);
  EXPECT_EQ(fake.http.request_count(), 2u);
}

TEST(ClientTest, LeaseGrantKeepAliveRevoke) {
  FakeEtcd fake;
  fake.On(kA, "/v3/lease/grant", Ok(R"({"ID":"77","TTL":"10"})"));
  fake.On(kA, "/v3/lease/keepalive", Ok("{\"result\":{\"ID\":\"77\",\"TTL\":\"10\"}}\n"));
  fake.On(kA, "/v3/lease/revoke", Ok(R"({"header":{}})"));
  auto client = NewClient(fake);
  EXPECT_EQ(client->LeaseGrant(0).status().code(), Code::kInvalidArgument);
  Result<LeaseGrantResponse> g = client->LeaseGrant(10);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->id, 77);
  EXPECT_EQ(fake.Body(0), Json::parse(R"({"TTL":"10"})"));
  Result<LeaseGrantResponse> k = client->LeaseKeepAliveOnce(77);
  ASSERT_TRUE(k.ok()) << k.status().message();
  EXPECT_EQ(k->ttl_seconds, 10);
  EXPECT_TRUE(client->LeaseRevoke(77).ok());
  EXPECT_EQ(fake.Body(2), Json::parse(R"({"ID":"77"})"));
}

TEST(ClientTest, GarbageBodiesAreInternalErrorsNamingTheEndpoint) {
  FakeEtcd fake;
  fake.On(kA, "/v3/kv/range", Ok("<html>"));
  auto client = NewClient(fake);
  Result<GetResponse> r = client->Get("k");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInternal);
  EXPECT_NE(r.status().message().find(kA), std::string::npos);
  EXPECT_EQ(fake.http.request_count(), 1u);
}

}  // namespace
}  // namespace kops::etcd
