// Plain data exchanged with etcd v3: what the client sends and what it decodes.
// Keys and values are raw bytes (std::string); the codec base64-encodes them on the wire.
// Revisions, versions, counts and lease ids are int64; member, cluster and raft ids are
// uint64 (they use the full unsigned range). Zero means "absent" as in etcd's protobufs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kops::etcd {

struct ResponseHeader {
  uint64_t cluster_id = 0;
  uint64_t member_id = 0;  // the member that answered
  int64_t revision = 0;    // store revision when the request was served
  uint64_t raft_term = 0;
};

struct KeyValue {
  std::string key;
  std::string value;
  int64_t create_revision = 0;
  int64_t mod_revision = 0;
  int64_t version = 0;  // number of writes since creation; 0 means "does not exist"
  int64_t lease = 0;
};

struct GetOptions {
  // Range over every key starting with the key (the key itself included). Ignored when
  // range_end is set.
  bool prefix = false;
  // Explicit half-open range [key, range_end); "\0" means "every key >= key".
  std::string range_end{};
  int64_t revision = 0;       // read at this revision; 0 = latest
  int64_t limit = 0;          // at most this many kvs; 0 = no limit (count is still total)
  bool serializable = false;  // answer from the local member without a quorum round trip
  bool keys_only = false;
  bool count_only = false;
};

struct GetResponse {
  ResponseHeader header;
  std::vector<KeyValue> kvs;
  int64_t count = 0;  // keys in the range, regardless of limit
  bool more = false;  // limit cut the answer short
};

struct PutOptions {
  int64_t lease = 0;     // attach to this lease; 0 = none
  bool prev_kv = false;  // return the value before the put
};

struct PutResponse {
  ResponseHeader header;
  std::optional<KeyValue> prev_kv;
};

struct DeleteOptions {
  bool prefix = false;  // delete every key starting with the key
  bool prev_kv = false;
};

struct DeleteResponse {
  ResponseHeader header;
  int64_t deleted = 0;
  std::vector<KeyValue> prev_kvs;
};

// One condition of a transaction: <target of key> <result> <operand>. A key that does
// not exist has version, create_revision and mod_revision 0.
struct Compare {
  enum class Target { kVersion, kCreateRevision, kModRevision, kValue };
  enum class Op { kEqual, kGreater, kLess, kNotEqual };

  std::string key;
  Target target = Target::kModRevision;
  Op op = Op::kEqual;
  int64_t number = 0;  // operand for the revision and version targets
  std::string value;   // operand for kValue

  static Compare ModRevision(std::string key, Op op, int64_t revision);
  static Compare CreateRevision(std::string key, Op op, int64_t revision);
  static Compare Version(std::string key, Op op, int64_t version);
  static Compare Value(std::string key, Op op, std::string value);
  // "the key does not exist" (create-if-absent).
  static Compare Absent(std::string key) { return ModRevision(std::move(key), Op::kEqual, 0); }
};

// One operation inside a transaction branch.
struct TxnOp {
  enum class Type { kPut, kGet, kDelete };

  Type type = Type::kGet;
  std::string key;
  std::string value;      // kPut
  int64_t lease = 0;      // kPut
  std::string range_end;  // kGet / kDelete over a range; empty = single key

  static TxnOp Put(std::string key, std::string value, int64_t lease = 0);
  static TxnOp Get(std::string key);
  static TxnOp GetPrefix(std::string prefix);
  static TxnOp Delete(std::string key);
  static TxnOp DeletePrefix(std::string prefix);
};

struct TxnRequest {
  std::vector<Compare> compare;  // all must hold for the success branch
  std::vector<TxnOp> success;
  std::vector<TxnOp> failure;
};

// The answer to one TxnOp, in the order of the branch that ran.
struct TxnOpResponse {
  TxnOp::Type type = TxnOp::Type::kGet;
  int64_t revision = 0;       // store revision after this op (0 if etcd omitted it)
  std::vector<KeyValue> kvs;  // kGet
  int64_t count = 0;          // kGet
  int64_t deleted = 0;        // kDelete
};

struct TxnResponse {
  ResponseHeader header;
  bool succeeded = false;  // whether the compare held (the success branch ran)
  std::vector<TxnOpResponse> responses;
};

struct LeaseGrantResponse {
  ResponseHeader header;
  int64_t id = 0;
  int64_t ttl_seconds = 0;  // granted (or, after keep-alive, refreshed) TTL
};

struct Member {
  uint64_t id = 0;
  std::string name;  // empty until the member has started and published itself
  std::vector<std::string> peer_urls;
  std::vector<std::string> client_urls;  // empty until the member has started
  bool is_learner = false;
};

struct MemberListResponse {
  ResponseHeader header;
  std::vector<Member> members;
};

struct MemberAddResponse {
  ResponseHeader header;
  Member member;                // the member just added (id assigned by etcd)
  std::vector<Member> members;  // the membership after the add
};

// Maintenance.Status of one member.
struct EndpointStatus {
  ResponseHeader header;  // header.member_id is the member that answered
  std::string version;    // server version, e.g. "3.4.23"
  int64_t db_size = 0;
  int64_t db_size_in_use = 0;
  uint64_t leader = 0;  // 0 when the member knows no leader
  uint64_t raft_index = 0;
  uint64_t raft_term = 0;
  uint64_t raft_applied_index = 0;
  bool is_learner = false;
  std::vector<std::string> errors;  // e.g. "etcdserver: no leader"
};

}  // namespace kops::etcd
