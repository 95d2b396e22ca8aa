// Base64 as Go's encoding/base64 writes it (standard alphabet), used for etcd's JSON
// gateway, kops' keyset and secret files, SSH keys and kubeconfigs.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace kops {

// Standard base64 with '=' padding.
std::string Base64Encode(std::string_view data);
// Standard base64 without padding (Go's base64.RawStdEncoding).
std::string Base64EncodeRaw(std::string_view data);
// Decodes standard base64; padding optional, whitespace (newlines) ignored.
// InvalidArgument names the offending character position.
Result<std::string> Base64Decode(std::string_view text);

}  // namespace kops
