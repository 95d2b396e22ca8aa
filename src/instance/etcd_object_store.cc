#include "instance/etcd_object_store.h"

#include "etcd/errors.h"

namespace kops::instance {

bool IsQuorumLoss(const Status& st) {
  return st.code() == Code::kUnavailable || st.code() == Code::kDeadlineExceeded;
}

bool IsAmbiguousWriteFailure(const Status& st) {
  return IsQuorumLoss(st) && !etcd::IsRetryable(st, etcd::RequestKind::kWrite);
}

Status EtcdObjectStore::WithRetry(etcd::RequestKind kind, const std::function<Status()>& op,
                                  bool* ambiguous) {
  Clock::TimePoint deadline = clock_.Now() + deadline_;
  while (true) {
    Status st = op();
    bool unsure = kind == etcd::RequestKind::kWrite && IsAmbiguousWriteFailure(st);
    if (unsure && ambiguous) *ambiguous = true;
    bool retry = etcd::IsRetryable(st, kind) || (unsure && ambiguous);
    if (st.ok() || !retry || clock_.Now() >= deadline) {
      if (IsQuorumLoss(st)) {
        return Unavailable("etcd cluster main has lost quorum (no leader can commit): " +
                           st.message());
      }
      return st;
    }
    clock_.SleepFor(std::chrono::milliseconds(50));
  }
}

Result<StoredObject> EtcdObjectStore::Get(const std::string& key) {
  StoredObject out;
  bool found = false;
  RETURN_IF_ERROR(WithRetry(etcd::RequestKind::kRead, [&]() -> Status {
    ASSIGN_OR_RETURN(etcd::GetResponse r, client_.Get(key));
    found = !r.kvs.empty();
    if (found) out = {key, r.kvs[0].value, r.kvs[0].mod_revision};
    return Status::Ok();
  }));
  if (!found) return NotFound(key);
  return out;
}

Result<ObjectList> EtcdObjectStore::List(const std::string& prefix) {
  ObjectList out;
  RETURN_IF_ERROR(WithRetry(etcd::RequestKind::kRead, [&]() -> Status {
    etcd::GetOptions o;
    o.prefix = true;
    ASSIGN_OR_RETURN(etcd::GetResponse r, client_.Get(prefix, o));
    out.items.clear();
    out.revision = r.header.revision;
    for (etcd::KeyValue& kv : r.kvs)
      out.items.push_back({kv.key, std::move(kv.value), kv.mod_revision});
    return Status::Ok();
  }));
  return out;
}

Result<int64_t> EtcdObjectStore::Create(const std::string& key, const std::string& value) {
  etcd::TxnRequest txn;
  txn.compare = {etcd::Compare::Absent(key)};
  txn.success = {etcd::TxnOp::Put(key, value)};
  txn.failure = {etcd::TxnOp::Get(key)};
  etcd::TxnResponse r;
  bool ambiguous = false;
  RETURN_IF_ERROR(WithRetry(etcd::RequestKind::kWrite, [&]() -> Status {
    ASSIGN_OR_RETURN(r, client_.Txn(txn));
    return Status::Ok();
  }, &ambiguous));
  if (r.succeeded) return r.header.revision;
  if (ambiguous && !r.responses.empty() && !r.responses[0].kvs.empty() &&
      r.responses[0].kvs[0].value == value) {
    return r.responses[0].kvs[0].mod_revision;  // an earlier attempt created it
  }
  return AlreadyExists(key);
}

Result<int64_t> EtcdObjectStore::Update(const std::string& key, const std::string& value,
                                        int64_t expected_revision) {
  etcd::TxnRequest txn;
  txn.compare = {expected_revision != 0
                     ? etcd::Compare::ModRevision(key, etcd::Compare::Op::kEqual, expected_revision)
                     : etcd::Compare::Version(key, etcd::Compare::Op::kGreater, 0)};
  txn.success = {etcd::TxnOp::Put(key, value)};
  txn.failure = {etcd::TxnOp::Get(key)};
  etcd::TxnResponse r;
  bool ambiguous = false;
  RETURN_IF_ERROR(WithRetry(etcd::RequestKind::kWrite, [&]() -> Status {
    ASSIGN_OR_RETURN(r, client_.Txn(txn));
    return Status::Ok();
  }, &ambiguous));
  if (r.succeeded) return r.header.revision;
  bool exists = !r.responses.empty() && !r.responses[0].kvs.empty();
  if (!exists) return NotFound(key);
  if (ambiguous && r.responses[0].kvs[0].value == value) {
    return r.responses[0].kvs[0].mod_revision;  // an earlier attempt applied it
  }
  return Conflict(key + ": resourceVersion " + std::to_string(expected_revision) +
                  " is not the latest (" + std::to_string(r.responses[0].kvs[0].mod_revision) + ")");
}

Status EtcdObjectStore::Delete(const std::string& key) {
  int64_t deleted = 0;
  bool ambiguous = false;
  RETURN_IF_ERROR(WithRetry(etcd::RequestKind::kWrite, [&]() -> Status {
    ASSIGN_OR_RETURN(etcd::DeleteResponse r, client_.Delete(key));
    deleted = r.deleted;
    return Status::Ok();
  }, &ambiguous));
  // Gone after an attempt that may have applied: that attempt deleted it.
  return deleted || ambiguous ? Status::Ok() : NotFound(key);
}

Status EtcdObjectStore::Ready() {
  // One linearizable read, no retries: /readyz must answer fast.
  Result<etcd::GetResponse> r = client_.Get("/registry/health");
  if (r.ok()) return Status::Ok();
  return Unavailable("etcd cluster main has no quorum: " + r.status().message());
}

}  // namespace kops::instance
