// How etcd's answers become kops Status codes, and which failures are safe to retry.
//
// The gateway answers an error as HTTP 4xx/5xx with {"error","message","code"} where code
// is the gRPC code. The mapping keeps etcd's message verbatim inside ours:
//   - membership/leadership conditions that pass with time ("etcdserver: unhealthy
//     cluster", "too many learner members", "not leader", "leader changed", "no leader",
//     "too many requests", "rpc not supported for learner", "server stopped")
//       -> kUnavailable  (IsRetryable says yes, for reads and writes: etcd rejected the
//          request before proposing it);
//   - "request timed out", "context deadline exceeded" -> kDeadlineExceeded (retryable for
//     reads only: a timed-out write may still commit);
//   - gRPC NotFound -> kNotFound, AlreadyExists -> kAlreadyExists, InvalidArgument ->
//     kInvalidArgument, FailedPrecondition/OutOfRange (e.g. compacted revision) ->
//     kFailedPrecondition, PermissionDenied/Unauthenticated -> kPermissionDenied,
//     Unavailable -> kUnavailable, anything else (or a non-JSON body) -> kInternal.
// Transport failures keep the HttpClient's code: kUnavailable, kDeadlineExceeded on timeout.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace kops::etcd {

enum class RequestKind {
  kRead,   // no side effect: safe to send twice
  kWrite,  // changes state: sending twice may apply twice
};

// The Status for an HTTP answer with a non-2xx status. `what` names the request
// (e.g. "etcd put \"/k\" at http://127.1.2.3:2379"); the result is "what: etcd message".
Status ErrorFromResponse(int http_status, std::string_view body, std::string_view what);

// Whether a failed request may be sent again (to the same or another endpoint) without
// risking a double effect, and with a chance of success. Writes are retried only on
// errors etcd raises before proposing, or when the connection was never made.
bool IsRetryable(const Status& status, RequestKind kind);

// Whether this etcd error belongs to the member that answered rather than the cluster
// ("rpc not supported for learner", "no leader", "server stopped"): another endpoint may
// answer. Used by the client's failover.
bool IsEndpointLocalError(const Status& status);

}  // namespace kops::etcd
