#include "etcd/types.h"

#include <utility>

#include "etcd/key_range.h"

namespace kops::etcd {

Compare Compare::ModRevision(std::string key, Op op, int64_t revision) {
  return Compare{std::move(key), Target::kModRevision, op, revision, ""};
}
Compare Compare::CreateRevision(std::string key, Op op, int64_t revision) {
  return Compare{std::move(key), Target::kCreateRevision, op, revision, ""};
}
Compare Compare::Version(std::string key, Op op, int64_t version) {
  return Compare{std::move(key), Target::kVersion, op, version, ""};
}
Compare Compare::Value(std::string key, Op op, std::string value) {
  return Compare{std::move(key), Target::kValue, op, 0, std::move(value)};
}

TxnOp TxnOp::Put(std::string key, std::string value, int64_t lease) {
  return TxnOp{Type::kPut, std::move(key), std::move(value), lease, ""};
}
TxnOp TxnOp::Get(std::string key) { return TxnOp{Type::kGet, std::move(key), "", 0, ""}; }
TxnOp TxnOp::GetPrefix(std::string prefix) {
  std::string end = PrefixRangeEnd(prefix);
  return TxnOp{Type::kGet, std::move(prefix), "", 0, std::move(end)};
}
TxnOp TxnOp::Delete(std::string key) { return TxnOp{Type::kDelete, std::move(key), "", 0, ""}; }
TxnOp TxnOp::DeletePrefix(std::string prefix) {
  std::string end = PrefixRangeEnd(prefix);
  return TxnOp{Type::kDelete, std::move(prefix), "", 0, std::move(end)};
}

}  // namespace kops::etcd
