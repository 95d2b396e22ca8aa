// Standard base64 (RFC 4648, with '=' padding): the etcd JSON gateway carries every key
// and value as base64 of its raw bytes.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace kops::etcd {

std::string Base64Encode(std::string_view bytes);

// Accepts padded or unpadded input; whitespace or any other character outside the
// alphabet is kInvalidArgument naming the offending position.
Result<std::string> Base64Decode(std::string_view text);

}  // namespace kops::etcd
