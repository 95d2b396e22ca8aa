// Byte encodings the key formats need: base64 (standard alphabet, as Go's
// base64.StdEncoding), colon-separated hex (SSH fingerprints) and raw digests.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace kops::pki {

// Standard base64 with '=' padding.
std::string Base64Encode(std::string_view data);
// Standard base64 without padding (Go's base64.RawStdEncoding).
std::string Base64EncodeRaw(std::string_view data);
// Decodes standard base64; padding optional, whitespace (newlines) ignored.
// InvalidArgument names the offending character position.
Result<std::string> Base64Decode(std::string_view text);

// "c4:a6:ed": lower-case hex bytes separated by colons.
std::string ColonHex(std::string_view bytes);

// Raw (binary) digests.
std::string Md5(std::string_view data);
std::string Sha256(std::string_view data);

}  // namespace kops::pki
