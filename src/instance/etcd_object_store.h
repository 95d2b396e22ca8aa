// EtcdObjectStore: ObjectStore over etcd main (client.h). Every call has a deadline
// (request_deadline); within it, failures that an election or a dead member explain are
// retried every 50 ms:
//   - errors raised before etcd proposed the request (errors.h IsRetryable: leader
//     changed, no leader, unhealthy, connection refused before sending);
//   - for writes also the ambiguous ones ("etcdserver: request timed out", possibly due
//     to the previous leader's failure, a transport timeout, a connection cut mid-call):
//     every write is a transaction whose compare makes a repeat harmless, and a repeat
//     that finds its own earlier attempt applied (the key already holds exactly the value
//     being written; for a delete, the key is gone) reports that attempt's success.
// Any other error is returned at once. When the deadline passes on an unavailable etcd
// the error is kUnavailable "etcd cluster main has lost quorum (...)".
#pragma once

#include <chrono>
#include <functional>

#include "base/clock.h"
#include "etcd/client.h"
#include "instance/object_store.h"

namespace kops::instance {

// How long one etcd call of the store may take (the client's request_timeout): a little
// more than etcd's election timeout (500 ms). A write sent to a follower that still
// believes in a killed leader is forwarded to it and lost; no answer comes until this
// timeout, after which the write is repeated (to a member that has by then elected a new
// leader or knows it has none). A slow write that would have committed is repeated
// harmlessly (see above).
inline constexpr std::chrono::milliseconds kEtcdStoreAttemptTimeout{600};

class EtcdObjectStore : public ObjectStore {
 public:
  // client and clock are not owned.
  EtcdObjectStore(etcd::Client& client, Clock& clock,
                  Clock::Duration request_deadline = std::chrono::seconds(5))
      : client_(client), clock_(clock), deadline_(request_deadline) {}

  Result<StoredObject> Get(const std::string& key) override;
  Result<ObjectList> List(const std::string& prefix) override;
  Result<int64_t> Create(const std::string& key, const std::string& value) override;
  Result<int64_t> Update(const std::string& key, const std::string& value,
                         int64_t expected_revision) override;
  Status Delete(const std::string& key) override;
  Status Ready() override;

 private:
  // Runs op until it succeeds, fails for good, or the deadline passes. When `ambiguous`
  // is given it is set when an attempt of a write failed after it may have been applied.
  Status WithRetry(etcd::RequestKind kind, const std::function<Status()>& op,
                   bool* ambiguous = nullptr);

  etcd::Client& client_;
  Clock& clock_;
  Clock::Duration deadline_;
};

// Whether st (from the etcd client) means "the cluster cannot serve" (503) rather
// than a request error.
bool IsQuorumLoss(const Status& st);

// Whether a failed write (a transaction) may have been applied anyway, so that repeating
// it needs its compare to stay harmless: etcd's timeouts and connections cut mid-call.
// Errors etcd raises before proposing and connections never made are not ambiguous.
bool IsAmbiguousWriteFailure(const Status& st);

}  // namespace kops::instance
