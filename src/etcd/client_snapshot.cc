// Client: the v3 snapshot of one member.
#include "etcd/client.h"
#include "etcd/snapshot_stream.h"

namespace kops::etcd {

Result<std::string> Client::Snapshot(const std::string& endpoint) {
  std::string what = "etcd snapshot from " + endpoint;
  Result<HttpResponse> resp = transport_.Send(endpoint, "POST", "/v3/maintenance/snapshot", "{}");
  if (!resp.ok()) return resp.status().WithContext(what);
  if (resp->status != 200) return ErrorFromResponse(resp->status, resp->body, what);
  Result<std::string> data = DecodeSnapshotStream(resp->body);
  if (!data.ok()) return data.status().WithContext(what);
  return data;
}

}  // namespace kops::etcd
