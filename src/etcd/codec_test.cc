// Request shapes and response bodies below are what etcd 3.4.23's gateway was measured to
// accept and send (see codec.h).
#include "etcd/codec.h"

#include <gtest/gtest.h>

namespace kops::etcd {
namespace {

Json Parse(const char* text) { return Json::parse(text); }

TEST(CodecTest, EncodesRangeWithPrefixAndOptions) {
  GetOptions o;
  o.prefix = true;
  o.revision = 7;
  o.limit = 2;
  o.serializable = true;
  Json j = EncodeRangeRequest("/a/", o);
  EXPECT_EQ(j, Parse(R"({"key":"L2Ev","range_end":"L2Ew","revision":"7","limit":"2",
                         "serializable":true})"));
}

TEST(CodecTest, EncodesSingleKeyRangeWithoutDefaults) {
  EXPECT_EQ(EncodeRangeRequest("foo", {}), Parse(R"({"key":"Zm9v"})"));
  GetOptions o;
  o.count_only = true;
  o.keys_only = true;
  o.range_end = std::string(1, '\0');
  EXPECT_EQ(EncodeRangeRequest("foo", o),
            Parse(R"({"key":"Zm9v","range_end":"AA==","count_only":true,"keys_only":true})"));
}

TEST(CodecTest, EncodesPutAndDelete) {
  EXPECT_EQ(EncodePutRequest("foo", "bar", {.lease = 42, .prev_kv = true}),
            Parse(R"({"key":"Zm9v","value":"YmFy","lease":"42","prev_kv":true})"));
  EXPECT_EQ(EncodeDeleteRequest("a", {.prefix = true, .prev_kv = false}),
            Parse(R"({"key":"YQ==","range_end":"Yg=="})"));
}

TEST(CodecTest, EncodesTxnCompareTargetsAndOps) {
  TxnRequest t;
  t.compare = {Compare::Absent("k"), Compare::Version("k", Compare::Op::kGreater, 3),
               Compare::CreateRevision("k", Compare::Op::kLess, 9),
               Compare::Value("k", Compare::Op::kNotEqual, "v")};
  t.success = {TxnOp::Put("k", "v", 5), TxnOp::DeletePrefix("p")};
  t.failure = {TxnOp::Get("k")};
  EXPECT_EQ(EncodeTxnRequest(t), Parse(R"({
    "compare":[
      {"key":"aw==","target":"MOD","result":"EQUAL","mod_revision":"0"},
      {"key":"aw==","target":"VERSION","result":"GREATER","version":"3"},
      {"key":"aw==","target":"CREATE","result":"LESS","create_revision":"9"},
      {"key":"aw==","target":"VALUE","result":"NOT_EQUAL","value":"dg=="}],
    "success":[{"request_put":{"key":"aw==","value":"dg==","lease":"5"}},
               {"request_delete_range":{"key":"cA==","range_end":"cQ=="}}],
    "failure":[{"request_range":{"key":"aw=="}}]})"));
}

TEST(CodecTest, DecodesRangeAsMeasured) {
  Json j = Parse(R"({"header":{"cluster_id":"6392214982182390430",
      "member_id":"14442527468219793033","revision":"3","raft_term":"2"},
      "kvs":[{"key":"Zm9v","create_revision":"2","mod_revision":"3","version":"2",
              "value":"YmFy","lease":"9117997143737117720"}],"count":"1"})");
  Result<GetResponse> r = DecodeGetResponse(j);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->header.cluster_id, 6392214982182390430u);
  EXPECT_EQ(r->header.member_id, 14442527468219793033u);  // above INT64_MAX
  EXPECT_EQ(r->header.revision, 3);
  EXPECT_EQ(r->count, 1);
  ASSERT_EQ(r->kvs.size(), 1u);
  EXPECT_EQ(r->kvs[0].key, "foo");
  EXPECT_EQ(r->kvs[0].value, "bar");
  EXPECT_EQ(r->kvs[0].create_revision, 2);
  EXPECT_EQ(r->kvs[0].mod_revision, 3);
  EXPECT_EQ(r->kvs[0].version, 2);
  EXPECT_EQ(r->kvs[0].lease, 9117997143737117720);
}

TEST(CodecTest, DecodesEmptyRangeWithOmittedCount) {
  Result<GetResponse> r = DecodeGetResponse(Parse(R"({"header":{"revision":"3"}})"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->count, 0);
  EXPECT_TRUE(r->kvs.empty());
  EXPECT_FALSE(r->more);
}

TEST(CodecTest, DecodesPutPrevKvAndDeleteCounts) {
  Result<PutResponse> p = DecodePutResponse(Parse(R"({"header":{"revision":"3"},
      "prev_kv":{"key":"Zm9v","create_revision":"2","mod_revision":"2","version":"1",
      "value":"YmFy"}})"));
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(p->prev_kv.has_value());
  EXPECT_EQ(p->prev_kv->value, "bar");
  Result<DeleteResponse> d = DecodeDeleteResponse(Parse(R"({"header":{"revision":"4"},
      "deleted":"1","prev_kvs":[{"key":"Zm9v","value":"YmFy"}]})"));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->deleted, 1);
  ASSERT_EQ(d->prev_kvs.size(), 1u);
  EXPECT_EQ(d->prev_kvs[0].key, "foo");
}

TEST(CodecTest, DecodesTxnBothBranches) {
  Result<TxnResponse> ok = DecodeTxnResponse(Parse(R"({"header":{"revision":"5"},
      "succeeded":true,"responses":[{"response_put":{"header":{"revision":"5"}}},
      {"response_delete_range":{"header":{"revision":"6"},"deleted":"1"}}]})"));
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_TRUE(ok->succeeded);
  ASSERT_EQ(ok->responses.size(), 2u);
  EXPECT_EQ(ok->responses[0].type, TxnOp::Type::kPut);
  EXPECT_EQ(ok->responses[0].revision, 5);
  EXPECT_EQ(ok->responses[1].type, TxnOp::Type::kDelete);
  EXPECT_EQ(ok->responses[1].deleted, 1);
  // The failure branch: "succeeded" is omitted (false).
  Result<TxnResponse> failed = DecodeTxnResponse(Parse(R"({"header":{"revision":"5"},
      "responses":[{"response_range":{"header":{"revision":"5"},"kvs":[{"key":"Zm9v",
      "create_revision":"5","mod_revision":"5","version":"1","value":"YmFy"}],"count":"1"}}]})"));
  ASSERT_TRUE(failed.ok());
  EXPECT_FALSE(failed->succeeded);
  ASSERT_EQ(failed->responses.size(), 1u);
  EXPECT_EQ(failed->responses[0].type, TxnOp::Type::kGet);
  EXPECT_EQ(failed->responses[0].kvs.at(0).mod_revision, 5);
}

TEST(CodecTest, DecodesMembersWithMixedCaseFields) {
  Result<MemberAddResponse> r = DecodeMemberAddResponse(Parse(R"({"header":{},
      "member":{"ID":"18240054231145904135","peerURLs":["http://127.0.0.9:2380"],
                "isLearner":true},
      "members":[{"ID":"14442527468219793033","name":"a",
                  "peerURLs":["http://127.48.181.1:2380"],
                  "clientURLs":["http://127.48.181.1:2379"]},
                 {"ID":"18240054231145904135","peerURLs":["http://127.0.0.9:2380"],
                  "isLearner":true}]})"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->member.id, 18240054231145904135u);
  EXPECT_TRUE(r->member.is_learner);
  EXPECT_TRUE(r->member.name.empty());
  ASSERT_EQ(r->members.size(), 2u);
  EXPECT_EQ(r->members[0].name, "a");
  EXPECT_FALSE(r->members[0].is_learner);
  EXPECT_EQ(r->members[0].client_urls, std::vector<std::string>{"http://127.48.181.1:2379"});
  EXPECT_TRUE(r->members[1].client_urls.empty());
}

TEST(CodecTest, DecodesStatusIncludingNoLeaderErrors) {
  Result<EndpointStatus> s = DecodeStatusResponse(Parse(R"({"header":{
      "member_id":"7310881674745494177"},"version":"3.4.23","dbSize":"20480",
      "leader":"6034043268262868285","raftIndex":"11","raftTerm":"3",
      "raftAppliedIndex":"11","dbSizeInUse":"16384","isLearner":true})"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->version, "3.4.23");
  EXPECT_EQ(s->db_size, 20480);
  EXPECT_EQ(s->db_size_in_use, 16384);
  EXPECT_EQ(s->leader, 6034043268262868285u);
  EXPECT_EQ(s->raft_index, 11u);
  EXPECT_EQ(s->raft_term, 3u);
  EXPECT_EQ(s->raft_applied_index, 11u);
  EXPECT_TRUE(s->is_learner);
  Result<EndpointStatus> none = DecodeStatusResponse(Parse(R"({"header":{},
      "raftIndex":"15","errors":["etcdserver: no leader"]})"));
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->leader, 0u);
  EXPECT_EQ(none->errors, std::vector<std::string>{"etcdserver: no leader"});
}

TEST(CodecTest, DecodesLeaseGrantAndKeepAlive) {
  Result<LeaseGrantResponse> g =
      DecodeLeaseGrantResponse(Parse(R"({"header":{},"ID":"9117997143737117707","TTL":"10"})"));
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->id, 9117997143737117707);
  EXPECT_EQ(g->ttl_seconds, 10);
  Result<LeaseGrantResponse> gone =
      DecodeLeaseKeepAliveResponse(Parse(R"({"result":{"header":{},"ID":"12345"}})"));
  ASSERT_TRUE(gone.ok());
  EXPECT_EQ(gone->id, 12345);
  EXPECT_EQ(gone->ttl_seconds, 0);
  EXPECT_FALSE(DecodeLeaseKeepAliveResponse(Parse(R"({"error":{"message":"x"}})")).ok());
}

TEST(CodecTest, DecodesHealth) {
  EXPECT_TRUE(*DecodeHealthBody(R"({"health":"true"})"));
  EXPECT_FALSE(*DecodeHealthBody("{\"health\":\"false\"}\n"));
  EXPECT_FALSE(DecodeHealthBody("ok").ok());
}

TEST(CodecTest, WrongShapesAreInternalErrorsNamingTheField) {
  Result<GetResponse> r = DecodeGetResponse(Parse(R"({"count":"x1"})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInternal);
  EXPECT_NE(r.status().message().find("\"count\""), std::string::npos);
  EXPECT_FALSE(DecodeGetResponse(Parse(R"({"kvs":[{"key":"!!"}]})")).ok());
  EXPECT_FALSE(DecodeGetResponse(Parse(R"({"kvs":{"key":"Zm9v"}})")).ok());
  EXPECT_FALSE(DecodeMemberAddResponse(Parse(R"({"members":[]})")).ok());
  EXPECT_FALSE(ParseJsonBody("[1]").ok());
  EXPECT_FALSE(ParseJsonBody("not json").ok());
}

}  // namespace
}  // namespace kops::etcd
