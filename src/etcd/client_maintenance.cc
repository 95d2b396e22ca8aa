// Client: status, leadership transfer and health.
#include <algorithm>

#include "etcd/client.h"

namespace kops::etcd {

Result<EndpointStatus> Client::StatusOf(const std::string& endpoint) {
  ASSIGN_OR_RETURN(Json j, transport_.CallEndpoint(endpoint, "/v3/maintenance/status",
                                                   Json::object(), "status"));
  return DecodeStatusResponse(j);
}

Result<EndpointStatus> Client::AnyStatus() {
  ASSIGN_OR_RETURN(Json j, transport_.Call("/v3/maintenance/status", Json::object(),
                                           RequestKind::kRead, "status"));
  return DecodeStatusResponse(j);
}

Status Client::MoveLeader(uint64_t target_member_id) {
  std::string what = "move leader to " + std::to_string(target_member_id);
  Json body = {{"targetID", std::to_string(target_member_id)}};
  // Pass 1: a configured endpoint that is itself the leader.
  uint64_t leader = 0;
  Status last = Unavailable("etcd " + what + ": no endpoint answered status");
  for (const std::string& ep : endpoints()) {
    Result<EndpointStatus> s = StatusOf(ep);
    if (!s.ok()) {
      last = s.status();
      continue;
    }
    if (s->leader == 0) continue;
    leader = s->leader;
    if (s->header.member_id != s->leader) continue;
    if (leader == target_member_id) return Status::Ok();
    Result<Json> moved =
        transport_.CallEndpoint(ep, "/v3/maintenance/transfer-leadership", body, what);
    return moved.ok() ? Status::Ok() : moved.status();
  }
  if (leader == 0) {
    return Unavailable("etcd " + what +
                       ": no member reports a leader (last error: " + last.message() + ")");
  }
  if (leader == target_member_id) return Status::Ok();
  // Pass 2: the leader is not among the endpoints; use its advertised client URLs.
  ASSIGN_OR_RETURN(MemberListResponse list, MemberList());
  auto it = std::find_if(list.members.begin(), list.members.end(),
                         [&](const Member& m) { return m.id == leader; });
  if (it == list.members.end() || it->client_urls.empty()) {
    return Unavailable("etcd " + what + ": leader " + std::to_string(leader) +
                       " has no client URL in the member list");
  }
  for (const std::string& url : it->client_urls) {
    Result<Json> moved =
        transport_.CallEndpoint(url, "/v3/maintenance/transfer-leadership", body, what);
    if (moved.ok()) return Status::Ok();
    last = moved.status();
  }
  return last;
}

Result<bool> Client::Health(const std::string& endpoint) {
  Result<HttpResponse> resp = transport_.Send(endpoint, "GET", "/health", "");
  if (!resp.ok()) return resp.status().WithContext("etcd health at " + endpoint);
  if (resp->status != 200 && resp->status != 503) {
    return ErrorFromResponse(resp->status, resp->body, "etcd health at " + endpoint);
  }
  Result<bool> healthy = DecodeHealthBody(resp->body);
  if (!healthy.ok()) return healthy.status().WithContext("etcd health at " + endpoint);
  return healthy;
}

}  // namespace kops::etcd
