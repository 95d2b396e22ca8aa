// The JSON shapes of etcd 3.4's gRPC gateway, as measured against the real server:
// requests are encoded here and responses decoded here, nowhere else.
//
// Spelling (3.4.23): KV messages use proto snake_case ("create_revision", "mod_revision",
// "prev_kv", "range_end", "request_put", "response_delete_range"); cluster and maintenance
// messages use the proto's own mixed names ("ID", "peerURLs", "clientURLs", "isLearner",
// "dbSize", "dbSizeInUse", "raftIndex", "raftTerm", "raftAppliedIndex", "targetID", "TTL").
// 64-bit integers travel as JSON strings; fields equal to their zero value (false, 0, "",
// empty lists) are omitted by the server. Keys and values are base64.
//
// Decoders never throw: a body of the wrong shape is kInternal naming the field.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "etcd/types.h"

namespace kops::etcd {

using Json = nlohmann::json;

// Requests.
Json EncodeRangeRequest(std::string_view key, const GetOptions& options);
Json EncodePutRequest(std::string_view key, std::string_view value, const PutOptions& options);
Json EncodeDeleteRequest(std::string_view key, const DeleteOptions& options);
Json EncodeTxnRequest(const TxnRequest& request);

// Responses; `body` is the raw HTTP body.
Result<Json> ParseJsonBody(std::string_view body);
Result<GetResponse> DecodeGetResponse(const Json& j);
Result<PutResponse> DecodePutResponse(const Json& j);
Result<DeleteResponse> DecodeDeleteResponse(const Json& j);
Result<TxnResponse> DecodeTxnResponse(const Json& j);
Result<LeaseGrantResponse> DecodeLeaseGrantResponse(const Json& j);
// Lease keep-alive answers are a stream of {"result": LeaseKeepAliveResponse} lines (one
// per request message); an unknown or expired lease answers without "TTL" (ttl 0). An
// in-stream {"error": {...}} becomes kInternal with its message.
Result<LeaseGrantResponse> DecodeLeaseKeepAliveResponse(const Json& j);
Result<MemberListResponse> DecodeMemberListResponse(const Json& j);
Result<MemberAddResponse> DecodeMemberAddResponse(const Json& j);
Result<EndpointStatus> DecodeStatusResponse(const Json& j);
// /health: {"health":"true"|"false"}; 3.4 answers 503 with "false" when unhealthy.
Result<bool> DecodeHealthBody(std::string_view body);

}  // namespace kops::etcd
