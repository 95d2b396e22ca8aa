// The answer of the v3 gateway's POST /v3/maintenance/snapshot: a stream of JSON
// objects, one per line, {"result":{"remaining_bytes":"N","blob":"<base64>"}} (etcd 3.4
// omits remaining_bytes when it is 0, as it is in every chunk it sends); an
// {"error":{...}} object when etcd failed midway. The snapshot ends with its sha256,
// which `etcdctl snapshot restore` checks, so a cut stream is caught there too.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace kops::etcd {

// The snapshot bytes. kUnavailable when the stream carries an error or stops before
// remaining_bytes reached 0 (a cut connection); kInvalidArgument when it is not JSON.
Result<std::string> DecodeSnapshotStream(std::string_view body);

}  // namespace kops::etcd
