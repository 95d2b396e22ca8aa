// EtcdObjectStore: ObjectStore over etcd main (client.h). Every call has a deadline
// (request_deadline); within it, errors that are safe to retry (errors.h IsRetryable:
// leader changed, no leader, unhealthy, connection refused before sending) are retried
// every 100 ms. Writes are compare-and-swap transactions, so a retried write cannot
// apply twice. When the deadline passes on an unavailable etcd the error is
// kUnavailable "etcd cluster main has lost quorum (...)".
#pragma once

#include <chrono>
#include <functional>

#include "base/clock.h"
#include "etcd/client.h"
#include "instance/object_store.h"

namespace kops::instance {

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
  Status WithRetry(etcd::RequestKind kind, const std::function<Status()>& op);

  etcd::Client& client_;
  Clock& clock_;
  Clock::Duration deadline_;
};

// Whether st (from the etcd client) means "the cluster cannot serve" (503) rather
// than a request error.
bool IsQuorumLoss(const Status& st);

}  // namespace kops::instance
