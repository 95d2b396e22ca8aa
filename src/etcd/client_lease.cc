// Client: leases.
#include "etcd/client.h"

namespace kops::etcd {

Result<LeaseGrantResponse> Client::LeaseGrant(int64_t ttl_seconds) {
  if (ttl_seconds <= 0) {
    return InvalidArgument("etcd lease grant: ttl_seconds must be positive, got " +
                           std::to_string(ttl_seconds));
  }
  Json body = {{"TTL", std::to_string(ttl_seconds)}};
  ASSIGN_OR_RETURN(Json j,
                   transport_.Call("/v3/lease/grant", body, RequestKind::kWrite, "lease grant"));
  return DecodeLeaseGrantResponse(j);
}

Result<LeaseGrantResponse> Client::LeaseKeepAliveOnce(int64_t lease_id) {
  // The gateway streams keep-alive answers; a one-message request body gets one line
  // {"result": …} and the stream ends, so the body is a single JSON object.
  Json body = {{"ID", std::to_string(lease_id)}};
  std::string what = "lease keep-alive " + std::to_string(lease_id);
  ASSIGN_OR_RETURN(Json j, transport_.Call("/v3/lease/keepalive", body, RequestKind::kWrite, what));
  return DecodeLeaseKeepAliveResponse(j);
}

Status Client::LeaseRevoke(int64_t lease_id) {
  Json body = {{"ID", std::to_string(lease_id)}};
  Result<Json> j = transport_.Call("/v3/lease/revoke", body, RequestKind::kWrite,
                                   "lease revoke " + std::to_string(lease_id));
  return j.ok() ? Status::Ok() : j.status();
}

}  // namespace kops::etcd
