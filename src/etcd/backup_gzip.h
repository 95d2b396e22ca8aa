// gzip (RFC 1952) in memory, as etcd-manager stores snapshots (etcd.backup.gz).
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace kops::etcd {

std::string GzipCompress(std::string_view data);
// kInvalidArgument when data is not a complete gzip stream.
Result<std::string> GzipDecompress(std::string_view data);

}  // namespace kops::etcd
