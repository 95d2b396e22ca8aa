// Error bodies below are what etcd 3.4.23's gateway sent for the named situations.
#include "etcd/errors.h"

#include <gtest/gtest.h>

namespace kops::etcd {
namespace {

std::string Body(const std::string& message, int code) {
  return R"({"error":")" + message + R"(","message":")" + message + R"(","code":)" +
         std::to_string(code) + "}";
}

TEST(ErrorsTest, ClusterConditionsAreUnavailableAndKeepTheEtcdMessage) {
  for (const char* m :
       {"etcdserver: unhealthy cluster", "etcdserver: no leader", "etcdserver: leader changed",
        "etcdserver: not leader", "etcdserver: too many learner members in cluster",
        "etcdserver: rpc not supported for learner"}) {
    int grpc = std::string(m).find("not leader") != std::string::npos ||
                       std::string(m).find("learner members") != std::string::npos
                   ? 9
                   : 14;
    Status s = ErrorFromResponse(grpc == 9 ? 412 : 503, Body(m, grpc), "etcd member add at X");
    EXPECT_EQ(s.code(), Code::kUnavailable) << m;
    EXPECT_EQ(s.message(), std::string("etcd member add at X: ") + m);
    EXPECT_TRUE(IsRetryable(s, RequestKind::kWrite)) << m;
    EXPECT_TRUE(IsRetryable(s, RequestKind::kRead)) << m;
  }
}

// Seen by the API stand-in when a roll moved etcd leadership: the proposal was dropped
// before it entered the log (HTTP 500, gRPC code 2), so a write may be sent again.
TEST(ErrorsTest, ADroppedRaftProposalIsRetryableForWrites) {
  Status s = ErrorFromResponse(500, Body("raft proposal dropped", 2), "etcd txn on \"/registry/x\" at Y");
  EXPECT_EQ(s.code(), Code::kUnavailable);
  EXPECT_EQ(s.message(), "etcd txn on \"/registry/x\" at Y: raft proposal dropped");
  EXPECT_TRUE(IsRetryable(s, RequestKind::kWrite));
  EXPECT_FALSE(IsEndpointLocalError(s));
}

TEST(ErrorsTest, TimeoutsAreRetryableForReadsOnly) {
  Status read = ErrorFromResponse(503, Body("etcdserver: request timed out", 14), "get");
  EXPECT_EQ(read.code(), Code::kDeadlineExceeded);
  EXPECT_TRUE(IsRetryable(read, RequestKind::kRead));
  EXPECT_FALSE(IsRetryable(read, RequestKind::kWrite));
  Status write = ErrorFromResponse(500, Body("context deadline exceeded", 2), "put");
  EXPECT_EQ(write.code(), Code::kDeadlineExceeded);
  EXPECT_FALSE(IsRetryable(write, RequestKind::kWrite));
}

TEST(ErrorsTest, GrpcCodesMapToKopsCodes) {
  EXPECT_EQ(ErrorFromResponse(404, Body("etcdserver: member not found", 5), "w").code(),
            Code::kNotFound);
  EXPECT_EQ(ErrorFromResponse(400, Body("etcdserver: key is not provided", 3), "w").code(),
            Code::kInvalidArgument);
  EXPECT_EQ(ErrorFromResponse(412, Body("etcdserver: bad leader transferee", 9), "w").code(),
            Code::kFailedPrecondition);
  Status compacted = ErrorFromResponse(
      400, Body("etcdserver: mvcc: required revision has been compacted", 11), "w");
  EXPECT_EQ(compacted.code(), Code::kFailedPrecondition);
  EXPECT_FALSE(IsRetryable(compacted, RequestKind::kRead));
  EXPECT_EQ(ErrorFromResponse(500, Body("boom", 13), "w").code(), Code::kInternal);
}

TEST(ErrorsTest, NonJsonBodiesNameTheHttpStatus) {
  Status s = ErrorFromResponse(404, "Not Found\n", "etcd get at X");
  EXPECT_EQ(s.code(), Code::kInternal);
  EXPECT_EQ(s.message(), "etcd get at X: HTTP 404: Not Found");
  EXPECT_EQ(ErrorFromResponse(503, "", "x").code(), Code::kUnavailable);
}

TEST(ErrorsTest, TransportErrorsRetryWritesOnlyWhenNeverConnected) {
  Status refused = Unavailable("POST http://x/v3/kv/put: Couldn't connect to server");
  EXPECT_TRUE(IsRetryable(refused, RequestKind::kWrite));
  Status reset = Unavailable("POST http://x/v3/kv/put: Failure when receiving data");
  EXPECT_FALSE(IsRetryable(reset, RequestKind::kWrite));
  EXPECT_TRUE(IsRetryable(reset, RequestKind::kRead));
  EXPECT_TRUE(IsRetryable(DeadlineExceeded("timeout"), RequestKind::kRead));
  EXPECT_FALSE(IsRetryable(DeadlineExceeded("timeout"), RequestKind::kWrite));
  EXPECT_FALSE(IsRetryable(Status::Ok(), RequestKind::kRead));
  EXPECT_FALSE(IsRetryable(NotFound("x"), RequestKind::kRead));
}

TEST(ErrorsTest, EndpointLocalErrors) {
  EXPECT_TRUE(IsEndpointLocalError(Unavailable("x: etcdserver: rpc not supported for learner")));
  EXPECT_TRUE(IsEndpointLocalError(Unavailable("x: etcdserver: no leader")));
  EXPECT_FALSE(IsEndpointLocalError(Unavailable("x: etcdserver: unhealthy cluster")));
  EXPECT_FALSE(IsEndpointLocalError(Internal("x: etcdserver: no leader")));
}

}  // namespace
}  // namespace kops::etcd
