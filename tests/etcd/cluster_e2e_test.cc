// End-to-end: the etcd client against a real 3-member etcd 3.4 cluster on loopback.
#include <gtest/gtest.h>

#include <algorithm>

#include "etcd/errors.h"
#include "etcd/manager_cluster_api.h"
#include "etcd_harness.h"

namespace kops::etcd::e2e {
namespace {

using State = EtcdProcessSpec::ClusterState;

std::unique_ptr<Client> Connect(HttpClient& http, std::vector<std::string> endpoints,
                                TlsConfig tls = {}) {
  ClientOptions o;
  o.endpoints = std::move(endpoints);
  o.request_timeout = 3s;
  o.tls = std::move(tls);
  Result<std::unique_ptr<Client>> c = Client::Create(http, std::move(o));
  EXPECT_TRUE(c.ok()) << c.status().message();
  return c.ok() ? std::move(c).value() : nullptr;
}

// Retries fn while its error is retryable for `kind`, for at most `limit`.
template <typename F>
auto Retry(std::chrono::milliseconds limit, RequestKind kind, F fn) -> decltype(fn()) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (true) {
    auto r = fn();
    if (r.ok() || !IsRetryable(r.status(), kind) || std::chrono::steady_clock::now() >= deadline) {
      return r;
    }
    std::this_thread::sleep_for(100ms);
  }
}

// Waits until the cluster takes a write (bounded).
void WaitWritable(Client& client) {
  bool ok = WaitFor(20s, [&] { return client.Put("/e2e/ready", "1").ok(); });
  ASSERT_TRUE(ok) << "cluster took no write within 20s: "
                  << client.Put("/e2e/ready", "1").status().message();
}

uint64_t IdOf(const std::vector<Member>& members, const std::string& name) {
  for (const Member& m : members)
    if (m.name == name) return m.id;
  return 0;
}

class EtcdE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    http_ = NewCurlHttpClient();
    cluster_.StartNew(3);
    client_ = Connect(*http_, cluster_.ClientUrls());
    ASSERT_NE(client_, nullptr);
    WaitWritable(*client_);
  }

  std::unique_ptr<HttpClient> http_;
  EtcdCluster cluster_;
  std::unique_ptr<Client> client_;
};

TEST_F(EtcdE2eTest, KeyValueRangesAndDeletes) {
  Client& c = *client_;
  ASSERT_TRUE(c.Put("/reg/a", "1").ok());
  ASSERT_TRUE(c.Put("/reg/b", std::string("\0\xff", 2)).ok());
  Result<PutResponse> p = c.Put("/reg/c", "3", {.prev_kv = true});
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_FALSE(p->prev_kv.has_value());
  ASSERT_TRUE(c.Put("/other", "x").ok());

  Result<GetResponse> one = c.Get("/reg/b");
  ASSERT_TRUE(one.ok()) << one.status().message();
  ASSERT_EQ(one->kvs.size(), 1u);
  EXPECT_EQ(one->kvs[0].value, std::string("\0\xff", 2));
  EXPECT_EQ(one->kvs[0].version, 1);
  EXPECT_GT(one->header.member_id, 0u);

  Result<GetResponse> limited = c.Get("/reg/", {.prefix = true, .limit = 2});
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(limited->kvs.size(), 2u);
  EXPECT_EQ(limited->count, 3);
  EXPECT_TRUE(limited->more);

  Result<GetResponse> counted =
      c.Get("/reg/", {.prefix = true, .serializable = true, .count_only = true});
  ASSERT_TRUE(counted.ok());
  EXPECT_TRUE(counted->kvs.empty());
  EXPECT_EQ(counted->count, 3);

  // Reading at an older revision sees the old value.
  int64_t before = one->kvs[0].mod_revision;
  ASSERT_TRUE(c.Put("/reg/b", "new").ok());
  Result<GetResponse> old = c.Get("/reg/b", {.revision = before});
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->kvs.at(0).value, std::string("\0\xff", 2));
  Result<GetResponse> future = c.Get("/reg/b", {.revision = before + 1000});
  EXPECT_EQ(future.status().code(), Code::kFailedPrecondition) << future.status().message();

  Result<GetResponse> missing = c.Get("/nope");
  ASSERT_TRUE(missing.ok());
  EXPECT_TRUE(missing->kvs.empty());

  Result<DeleteResponse> d = c.Delete("/reg/", {.prefix = true, .prev_kv = true});
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->deleted, 3);
  EXPECT_EQ(d->prev_kvs.size(), 3u);
  EXPECT_EQ(c.Get("/other")->kvs.size(), 1u);
}

TEST_F(EtcdE2eTest, TransactionsCompareAndSwap) {
  Client& c = *client_;
  Result<bool> created = c.CreateIfAbsent("/lock", "owner-1");
  ASSERT_TRUE(created.ok()) << created.status().message();
  EXPECT_TRUE(*created);
  EXPECT_FALSE(*c.CreateIfAbsent("/lock", "owner-2"));

  int64_t rev = c.Get("/lock")->kvs.at(0).mod_revision;
  EXPECT_TRUE(*c.UpdateIfUnchanged("/lock", "owner-1b", rev));
  EXPECT_FALSE(*c.UpdateIfUnchanged("/lock", "stale", rev));
  EXPECT_EQ(c.Get("/lock")->kvs.at(0).value, "owner-1b");
  EXPECT_FALSE(*c.DeleteIfUnchanged("/lock", rev));
  EXPECT_TRUE(*c.DeleteIfUnchanged("/lock", c.Get("/lock")->kvs.at(0).mod_revision));
  EXPECT_TRUE(c.Get("/lock")->kvs.empty());

  // A value compare with both branches answering.
  ASSERT_TRUE(c.Put("/cfg", "v1").ok());
  TxnRequest t;
  t.compare = {Compare::Value("/cfg", Compare::Op::kEqual, "v2"),
               Compare::Version("/cfg", Compare::Op::kGreater, 0)};
  t.success = {TxnOp::Put("/cfg", "v3")};
  t.failure = {TxnOp::Get("/cfg"), TxnOp::Put("/cfg-miss", "1")};
  Result<TxnResponse> r = c.Txn(t);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_FALSE(r->succeeded);
  ASSERT_EQ(r->responses.size(), 2u);
  EXPECT_EQ(r->responses[0].type, TxnOp::Type::kGet);
  EXPECT_EQ(r->responses[0].kvs.at(0).value, "v1");
  EXPECT_EQ(r->responses[1].type, TxnOp::Type::kPut);
  EXPECT_EQ(c.Get("/cfg-miss")->kvs.size(), 1u);
}

TEST_F(EtcdE2eTest, LeasesExpireKeys) {
  Client& c = *client_;
  Result<LeaseGrantResponse> lease = c.LeaseGrant(30);
  ASSERT_TRUE(lease.ok()) << lease.status().message();
  EXPECT_EQ(lease->ttl_seconds, 30);
  ASSERT_TRUE(c.Put("/leased", "x", {.lease = lease->id}).ok());
  EXPECT_EQ(c.Get("/leased")->kvs.at(0).lease, lease->id);
  Result<LeaseGrantResponse> kept = c.LeaseKeepAliveOnce(lease->id);
  ASSERT_TRUE(kept.ok()) << kept.status().message();
  EXPECT_EQ(kept->ttl_seconds, 30);
  ASSERT_TRUE(c.LeaseRevoke(lease->id).ok());
  EXPECT_TRUE(c.Get("/leased")->kvs.empty());
  EXPECT_EQ(c.LeaseKeepAliveOnce(lease->id)->ttl_seconds, 0);
  EXPECT_EQ(c.LeaseRevoke(lease->id).code(), Code::kNotFound);
}

TEST_F(EtcdE2eTest, StatusHealthAndMemberList) {
  // A member's name and client URLs appear once it has published itself through raft,
  // which may be after the cluster took its first write.
  Result<MemberListResponse> list = Internal("not asked");
  ASSERT_TRUE(WaitFor(5s, [&] {
    list = client_->MemberList();
    return list.ok() && std::all_of(list->members.begin(), list->members.end(),
                                    [](const Member& m) { return !m.client_urls.empty(); });
  })) << list.status().message();
  ASSERT_EQ(list->members.size(), 3u);
  for (const Member& m : list->members) {
    EXPECT_FALSE(m.is_learner);
    ASSERT_EQ(m.client_urls.size(), 1u);
    EXPECT_TRUE(*client_->Health(m.client_urls[0])) << m.name;
    Result<EndpointStatus> s = client_->StatusOf(m.client_urls[0]);
    ASSERT_TRUE(s.ok()) << s.status().message();
    EXPECT_EQ(s->header.member_id, m.id);
    EXPECT_NE(s->leader, 0u);
    EXPECT_EQ(s->version.rfind("3.", 0), 0u) << s->version;
    EXPECT_GT(s->db_size, 0);
    EXPECT_GT(s->raft_index, 0u);
  }
  EXPECT_EQ(client_->MemberRemove(12345).status().code(), Code::kNotFound);
  EXPECT_EQ(client_->MemberPromote(12345).status().code(), Code::kNotFound);
}

TEST_F(EtcdE2eTest, LearnerJoinsIsPromotedThenRemoved) {
  // etcd refuses member add ("unhealthy cluster") until peers have been connected ~5s.
  auto t0 = std::chrono::steady_clock::now();
  EtcdProcessSpec spec4 = cluster_.Spec(4, {1, 2, 3, 4}, State::kExisting);
  Result<MemberAddResponse> added = Retry(20s, RequestKind::kWrite, [&] {
    return client_->MemberAdd({PeerUrl(spec4)}, /*as_learner=*/true);
  });
  ASSERT_TRUE(added.ok()) << added.status().message();
  std::cerr << "learner add accepted after "
            << std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - t0)
                   .count()
            << "ms\n";
  EXPECT_TRUE(added->member.is_learner);
  EXPECT_EQ(added->members.size(), 4u);
  uint64_t learner_id = added->member.id;

  // A second learner is refused while the first exists: a retryable condition.
  EtcdProcessSpec spec5 = cluster_.Spec(5, {1, 2, 3, 4, 5}, State::kExisting);
  Result<MemberAddResponse> second = client_->MemberAdd({PeerUrl(spec5)}, true);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Code::kUnavailable);
  EXPECT_NE(second.status().message().find("too many learner members"), std::string::npos)
      << second.status().message();
  EXPECT_TRUE(IsRetryable(second.status(), RequestKind::kWrite));

  cluster_.Start(spec4);
  std::string url4 = ClientUrl(spec4);
  ASSERT_TRUE(WaitFor(15s, [&] {
    Result<EndpointStatus> s = client_->StatusOf(url4);
    return s.ok() && s->is_learner && s->leader != 0;
  })) << "learner did not come up";

  // A learner endpoint refuses linearizable calls; the client skips to a voting member.
  std::unique_ptr<Client> learner_first = Connect(*http_, {url4, cluster_.ClientUrls()[0]});
  ASSERT_TRUE(learner_first->Put("/via-learner", "1").ok());
  Result<GetResponse> serial = learner_first->Get("/via-learner", {.serializable = true});
  ASSERT_TRUE(serial.ok()) << serial.status().message();

  // Promotion fails (kFailedPrecondition) until the learner has caught up.
  Result<MemberListResponse> promoted = Internal("not tried");
  ASSERT_TRUE(WaitFor(15s, [&] {
    promoted = client_->MemberPromote(learner_id);
    return promoted.ok();
  })) << promoted.status().message();
  ASSERT_EQ(promoted->members.size(), 4u);
  for (const Member& m : promoted->members) EXPECT_FALSE(m.is_learner) << m.name;
  EXPECT_EQ(IdOf(promoted->members, "m4"), learner_id);
  // MemberList is each member's local view (3.4 has no linearizable member list): every
  // member reports the promotion once it has applied it.
  for (const std::string& url : cluster_.ClientUrls()) {
    std::unique_ptr<Client> one = Connect(*http_, {url});
    EXPECT_TRUE(WaitFor(5s, [&] {
      Result<MemberListResponse> l = one->MemberList();
      return l.ok() && l->members.size() == 4 &&
             std::none_of(l->members.begin(), l->members.end(),
                          [](const Member& m) { return m.is_learner; });
    })) << url;
  }
  EXPECT_TRUE(WaitFor(5s, [&] {
    Result<EndpointStatus> s = client_->StatusOf(url4);
    return s.ok() && !s->is_learner;
  }));

  // Remove it again: the removed member shuts itself down.
  Result<MemberListResponse> removed = client_->MemberRemove(learner_id);
  ASSERT_TRUE(removed.ok()) << removed.status().message();
  EXPECT_EQ(removed->members.size(), 3u);
  EXPECT_EQ(IdOf(removed->members, "m4"), 0u);
  EXPECT_TRUE(WaitFor(10s, [&] { return cluster_.Find("m4")->process->Exited(); }))
      << "removed member kept running";
  EXPECT_TRUE(client_->Put("/after-remove", "1").ok());
}

TEST_F(EtcdE2eTest, MoveLeaderHandsLeadershipOver) {
  Result<EndpointStatus> s = client_->AnyStatus();
  ASSERT_TRUE(s.ok()) << s.status().message();
  Result<MemberListResponse> list = client_->MemberList();
  ASSERT_TRUE(list.ok());
  uint64_t target = 0;
  for (const Member& m : list->members)
    if (m.id != s->leader) target = m.id;
  ASSERT_NE(target, 0u);
  Status moved = client_->MoveLeader(target);
  ASSERT_TRUE(moved.ok()) << moved.message();
  EXPECT_TRUE(WaitFor(5s, [&] {
    Result<EndpointStatus> now = client_->AnyStatus();
    return now.ok() && now->leader == target;
  }));
  EXPECT_TRUE(client_->MoveLeader(target).ok());  // already leader
  ASSERT_TRUE(client_->Put("/after-move", "1").ok());
}

TEST_F(EtcdE2eTest, FailsOverWhenAMemberDies) {
  // m1 is the first endpoint: the client must move on to m2/m3.
  cluster_.Find("m1")->process->Kill();
  // The put is idempotent, so an attempt that timed out during the election (slow
  // under load) may be repeated: retry it as a read would be.
  Result<PutResponse> put =
      Retry(20s, RequestKind::kRead, [&] { return client_->Put("/k", "v"); });
  ASSERT_TRUE(put.ok()) << put.status().message();
  Result<GetResponse> get = Retry(10s, RequestKind::kRead, [&] { return client_->Get("/k"); });
  ASSERT_TRUE(get.ok()) << get.status().message();
  EXPECT_EQ(get->kvs.at(0).value, "v");
  Result<bool> health = client_->Health(cluster_.ClientUrls()[0]);
  EXPECT_EQ(health.status().code(), Code::kUnavailable);
  // With two of three down, writes fail and serializable reads still answer.
  cluster_.Find("m2")->process->Kill();
  std::unique_ptr<Client> quick = Connect(*http_, {cluster_.ClientUrls()[2]});
  Result<GetResponse> serial = quick->Get("/k", {.serializable = true});
  ASSERT_TRUE(serial.ok()) << serial.status().message();
  EXPECT_EQ(serial->kvs.at(0).value, "v");
  EXPECT_TRUE(WaitFor(5s, [&] {
    Result<bool> h = quick->Health(cluster_.ClientUrls()[2]);
    return h.ok() && !*h;
  }));
}


// What the etcd manager relies on when two of three members come back at new addresses
// with their data (their peer URL update needs the quorum they are part of): etcd
// restarts on its data with a stale peer URL, the cluster regains quorum (the restarted
// members dial their peers), and the peer URLs can be updated afterwards.
TEST_F(EtcdE2eTest, MembersRestartedAtNewAddressesRegainQuorumBeforeTheirPeerUrlUpdate) {
  ASSERT_TRUE(client_->Put("/before", "v").ok());
  Result<MemberListResponse> listed = client_->MemberList();
  ASSERT_TRUE(listed.ok()) << listed.status().message();
  const uint64_t m1 = IdOf(listed->members, "m1"), m2 = IdOf(listed->members, "m2");
  cluster_.Find("m1")->process->Kill();
  cluster_.Find("m2")->process->Kill();
  std::vector<std::string> endpoints = {cluster_.ClientUrls()[2]};
  const std::map<std::string, int> moved = {{"m1", 4}, {"m2", 5}};
  for (const auto& [name, index] : moved) {
    EtcdProcessSpec spec = cluster_.Find(name)->spec;  // same name, same data dir
    spec.address = cluster_.Address(index);
    spec.state = State::kExisting;
    cluster_.Start(spec);
    endpoints.push_back(ClientUrl(spec));
  }
  std::unique_ptr<Client> again = Connect(*http_, endpoints);
  ASSERT_NE(again, nullptr);
  ASSERT_NO_FATAL_FAILURE(WaitWritable(*again));
  Result<GetResponse> before = again->Get("/before");
  ASSERT_TRUE(before.ok()) << before.status().message();
  ASSERT_EQ(before->kvs.size(), 1u);
  EXPECT_EQ(before->kvs[0].value, "v");

  EtcdClusterApi api(*http_, {}, 3000ms);
  for (const auto& [id, index] : std::map<uint64_t, int>{{m1, 4}, {m2, 5}}) {
    EtcdProcessSpec at;
    at.address = cluster_.Address(index);
    at.peer_port = EtcdCluster::kPeerPort;
    Status st = api.MemberUpdatePeerUrl(endpoints, id, PeerUrl(at));
    ASSERT_TRUE(st.ok()) << st.message();
  }
  Result<MemberListResponse> after = again->MemberList();
  ASSERT_TRUE(after.ok()) << after.status().message();
  for (const Member& m : after->members) {
    if (m.id == m1) {
      EXPECT_EQ(m.peer_urls, std::vector<std::string>{"http://" + cluster_.Address(4) + ":2380"});
    }
    if (m.id == m2) {
      EXPECT_EQ(m.peer_urls, std::vector<std::string>{"http://" + cluster_.Address(5) + ":2380"});
    }
  }
  ASSERT_TRUE(again->Put("/after", "w").ok());
}

}  // namespace
}  // namespace kops::etcd::e2e
