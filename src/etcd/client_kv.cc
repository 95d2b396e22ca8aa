// Client: KV, transactions and the compare-and-swap helpers.
#include <utility>

#include "etcd/client.h"

namespace kops::etcd {
namespace {

std::string Quoted(std::string_view key) { return "\"" + std::string(key) + "\""; }

}  // namespace

Result<std::unique_ptr<Client>> Client::Create(HttpClient& http, ClientOptions options) {
  ASSIGN_OR_RETURN(options.endpoints, NormalizeEndpoints(options.endpoints));
  if (options.request_timeout.count() <= 0) {
    return InvalidArgument("etcd client: request_timeout must be positive, got " +
                           std::to_string(options.request_timeout.count()) + "ms");
  }
  return std::unique_ptr<Client>(new Client(http, std::move(options)));
}

Result<PutResponse> Client::Put(std::string_view key, std::string_view value,
                                const PutOptions& options) {
  ASSIGN_OR_RETURN(Json j, transport_.Call("/v3/kv/put", EncodePutRequest(key, value, options),
                                           RequestKind::kWrite, "put " + Quoted(key)));
  return DecodePutResponse(j);
}

Result<GetResponse> Client::Get(std::string_view key, const GetOptions& options) {
  ASSIGN_OR_RETURN(Json j, transport_.Call("/v3/kv/range", EncodeRangeRequest(key, options),
                                           RequestKind::kRead, "get " + Quoted(key)));
  return DecodeGetResponse(j);
}

Result<DeleteResponse> Client::Delete(std::string_view key, const DeleteOptions& options) {
  ASSIGN_OR_RETURN(Json j, transport_.Call("/v3/kv/deleterange", EncodeDeleteRequest(key, options),
                                           RequestKind::kWrite, "delete " + Quoted(key)));
  return DecodeDeleteResponse(j);
}

Result<TxnResponse> Client::Txn(const TxnRequest& request) {
  bool writes = false;
  for (const auto* branch : {&request.success, &request.failure})
    for (const TxnOp& op : *branch) writes = writes || op.type != TxnOp::Type::kGet;
  std::string what = "txn";
  if (!request.compare.empty()) what += " on " + Quoted(request.compare.front().key);
  ASSIGN_OR_RETURN(Json j,
                   transport_.Call("/v3/kv/txn", EncodeTxnRequest(request),
                                   writes ? RequestKind::kWrite : RequestKind::kRead, what));
  return DecodeTxnResponse(j);
}

Result<bool> Client::CompareAndSwap(const Compare& compare, const TxnOp& op) {
  TxnRequest txn;
  txn.compare.push_back(compare);
  txn.success.push_back(op);
  ASSIGN_OR_RETURN(TxnResponse r, Txn(txn));
  return r.succeeded;
}

Result<bool> Client::CreateIfAbsent(std::string_view key, std::string_view value, int64_t lease) {
  return CompareAndSwap(Compare::Absent(std::string(key)),
                        TxnOp::Put(std::string(key), std::string(value), lease));
}

Result<bool> Client::UpdateIfUnchanged(std::string_view key, std::string_view value,
                                       int64_t expected_mod_revision) {
  return CompareAndSwap(
      Compare::ModRevision(std::string(key), Compare::Op::kEqual, expected_mod_revision),
      TxnOp::Put(std::string(key), std::string(value)));
}

Result<bool> Client::DeleteIfUnchanged(std::string_view key, int64_t expected_mod_revision) {
  return CompareAndSwap(
      Compare::ModRevision(std::string(key), Compare::Op::kEqual, expected_mod_revision),
      TxnOp::Delete(std::string(key)));
}

}  // namespace kops::etcd
