// Byte encodings the key formats need: colon-separated hex (SSH fingerprints) and raw
// digests. Base64 is in base/base64.h.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace kops::pki {

// "c4:a6:ed": lower-case hex bytes separated by colons.
std::string ColonHex(std::string_view bytes);

// Raw (binary) digests.
std::string Md5(std::string_view data);
std::string Sha256(std::string_view data);

}  // namespace kops::pki
