// Client: an etcd v3 client over the JSON gateway (HTTP or HTTPS via kops::HttpClient).
//
// Every call fails over across the configured endpoints as Transport describes, and maps
// etcd's errors as errors.h describes (use IsRetryable to decide on a retry). Keys and
// values are raw bytes. Thread-safe; the HttpClient must outlive the Client.
//
// Cluster-wide calls (KV, lease, member list/add/remove/promote) may be served by any
// endpoint. EndpointStatus and Health ask one named member. MoveLeader finds the leader
// itself, since only the leader can hand leadership over.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/http.h"
#include "base/status.h"
#include "etcd/transport.h"
#include "etcd/types.h"

namespace kops::etcd {

class Client {
 public:
  // kInvalidArgument when options.endpoints is empty or holds a non-http(s) URL.
  static Result<std::unique_ptr<Client>> Create(HttpClient& http, ClientOptions options);

  // --- KV -------------------------------------------------------------------------------
  Result<PutResponse> Put(std::string_view key, std::string_view value,
                          const PutOptions& options = {});
  // A single key, a prefix or a range (GetOptions). A missing key is an empty kvs, not an
  // error. Serializable reads are also answered by learners and by members without quorum.
  Result<GetResponse> Get(std::string_view key, const GetOptions& options = {});
  Result<DeleteResponse> Delete(std::string_view key, const DeleteOptions& options = {});
  Result<TxnResponse> Txn(const TxnRequest& request);

  // Puts key only if it does not exist. true = written; false = it already existed.
  Result<bool> CreateIfAbsent(std::string_view key, std::string_view value, int64_t lease = 0);
  // Puts key only if its mod_revision is still expected_mod_revision (0 = absent).
  // true = written; false = someone changed (or created/deleted) it since.
  Result<bool> UpdateIfUnchanged(std::string_view key, std::string_view value,
                                 int64_t expected_mod_revision);
  // Deletes key only if its mod_revision is still expected_mod_revision.
  Result<bool> DeleteIfUnchanged(std::string_view key, int64_t expected_mod_revision);

  // --- Lease ----------------------------------------------------------------------------
  Result<LeaseGrantResponse> LeaseGrant(int64_t ttl_seconds);
  // One keep-alive round trip; ttl_seconds <= 0 in the answer means the lease is gone.
  Result<LeaseGrantResponse> LeaseKeepAliveOnce(int64_t lease_id);
  Status LeaseRevoke(int64_t lease_id);

  // --- Cluster --------------------------------------------------------------------------
  // The answering member's local view: in 3.4 it is not linearizable, so right after a
  // change another member may still list the old membership. The add/remove/promote
  // answers carry the membership as the member that applied the change sees it.
  Result<MemberListResponse> MemberList();
  // Adds a member (voting, or learner when as_learner). etcd refuses with "unhealthy
  // cluster" (kUnavailable, retryable) while the cluster is young or lacks quorum, and
  // with "too many learner members" while another learner exists.
  Result<MemberAddResponse> MemberAdd(const std::vector<std::string>& peer_urls, bool as_learner);
  // kNotFound when no member has that id.
  Result<MemberListResponse> MemberRemove(uint64_t member_id);
  // Learner -> voting member; kFailedPrecondition while the learner is not in sync.
  Result<MemberListResponse> MemberPromote(uint64_t member_id);

  // --- Maintenance ----------------------------------------------------------------------
  // Status of the member serving `endpoint` (any client URL, not only configured ones).
  Result<EndpointStatus> StatusOf(const std::string& endpoint);
  // Status from whichever configured endpoint answers first.
  Result<EndpointStatus> AnyStatus();
  // Hands leadership to target_member_id (a voting member). Asks the configured endpoints
  // for their status to find the leader, falling back to the leader's advertised client
  // URLs; kUnavailable when no leader is known.
  Status MoveLeader(uint64_t target_member_id);
  // GET /health of one endpoint: true when the member has a leader and can serve.
  // A reachable member that reports unhealthy is `false`, not an error.
  Result<bool> Health(const std::string& endpoint);
  // The member's v3 snapshot (a bbolt file, what `etcdctl snapshot save` writes), streamed
  // by the member at `endpoint`; the whole answer must arrive within the request timeout.
  Result<std::string> Snapshot(const std::string& endpoint);

  const std::vector<std::string>& endpoints() const { return transport_.options().endpoints; }

 private:
  Client(HttpClient& http, ClientOptions options) : transport_(http, std::move(options)) {}
  Result<bool> CompareAndSwap(const Compare& compare, const TxnOp& op);

  Transport transport_;
};

}  // namespace kops::etcd
