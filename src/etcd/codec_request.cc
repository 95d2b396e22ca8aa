// Request encoding for the etcd JSON gateway (see codec.h for the measured spelling).
#include <string>

#include "base/base64.h"
#include "etcd/codec.h"
#include "etcd/key_range.h"

namespace kops::etcd {
namespace {

std::string Int(int64_t v) { return std::to_string(v); }

const char* TargetName(Compare::Target t) {
  switch (t) {
    case Compare::Target::kVersion:
      return "VERSION";
    case Compare::Target::kCreateRevision:
      return "CREATE";
    case Compare::Target::kModRevision:
      return "MOD";
    case Compare::Target::kValue:
      return "VALUE";
  }
  return "MOD";
}

const char* OpName(Compare::Op op) {
  switch (op) {
    case Compare::Op::kEqual:
      return "EQUAL";
    case Compare::Op::kGreater:
      return "GREATER";
    case Compare::Op::kLess:
      return "LESS";
    case Compare::Op::kNotEqual:
      return "NOT_EQUAL";
  }
  return "EQUAL";
}

Json EncodeCompare(const Compare& c) {
  Json j = {
      {"key", Base64Encode(c.key)}, {"target", TargetName(c.target)}, {"result", OpName(c.op)}};
  switch (c.target) {
    case Compare::Target::kVersion:
      j["version"] = Int(c.number);
      break;
    case Compare::Target::kCreateRevision:
      j["create_revision"] = Int(c.number);
      break;
    case Compare::Target::kModRevision:
      j["mod_revision"] = Int(c.number);
      break;
    case Compare::Target::kValue:
      j["value"] = Base64Encode(c.value);
      break;
  }
  return j;
}

Json EncodeTxnOp(const TxnOp& op) {
  switch (op.type) {
    case TxnOp::Type::kPut: {
      Json put = {{"key", Base64Encode(op.key)}, {"value", Base64Encode(op.value)}};
      if (op.lease != 0) put["lease"] = Int(op.lease);
      return {{"request_put", put}};
    }
    case TxnOp::Type::kGet: {
      Json range = {{"key", Base64Encode(op.key)}};
      if (!op.range_end.empty()) range["range_end"] = Base64Encode(op.range_end);
      return {{"request_range", range}};
    }
    case TxnOp::Type::kDelete: {
      Json del = {{"key", Base64Encode(op.key)}};
      if (!op.range_end.empty()) del["range_end"] = Base64Encode(op.range_end);
      return {{"request_delete_range", del}};
    }
  }
  return Json::object();
}

}  // namespace

Json EncodeRangeRequest(std::string_view key, const GetOptions& o) {
  Json j = {{"key", Base64Encode(key)}};
  if (!o.range_end.empty()) {
    j["range_end"] = Base64Encode(o.range_end);
  } else if (o.prefix) {
    j["range_end"] = Base64Encode(PrefixRangeEnd(key));
  }
  if (o.revision != 0) j["revision"] = Int(o.revision);
  if (o.limit != 0) j["limit"] = Int(o.limit);
  if (o.serializable) j["serializable"] = true;
  if (o.keys_only) j["keys_only"] = true;
  if (o.count_only) j["count_only"] = true;
  return j;
}

Json EncodePutRequest(std::string_view key, std::string_view value, const PutOptions& o) {
  Json j = {{"key", Base64Encode(key)}, {"value", Base64Encode(value)}};
  if (o.lease != 0) j["lease"] = Int(o.lease);
  if (o.prev_kv) j["prev_kv"] = true;
  return j;
}

Json EncodeDeleteRequest(std::string_view key, const DeleteOptions& o) {
  Json j = {{"key", Base64Encode(key)}};
  if (o.prefix) j["range_end"] = Base64Encode(PrefixRangeEnd(key));
  if (o.prev_kv) j["prev_kv"] = true;
  return j;
}

Json EncodeTxnRequest(const TxnRequest& r) {
  Json compare = Json::array(), success = Json::array(), failure = Json::array();
  for (const Compare& c : r.compare) compare.push_back(EncodeCompare(c));
  for (const TxnOp& op : r.success) success.push_back(EncodeTxnOp(op));
  for (const TxnOp& op : r.failure) failure.push_back(EncodeTxnOp(op));
  return {{"compare", compare}, {"success", success}, {"failure", failure}};
}

}  // namespace kops::etcd
