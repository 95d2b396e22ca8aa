// SHA-256 and HMAC-SHA256 (OpenSSL), as SigV4 needs them.
#pragma once

#include <string>
#include <string_view>

namespace kops::awsapi {

// Lower-case hex of bytes.
std::string HexEncode(std::string_view bytes);
// Raw 32-byte digest / MAC.
std::string Sha256(std::string_view data);
std::string HmacSha256(std::string_view key, std::string_view data);
// Lower-case hex SHA-256 of data ("e3b0c442..." for "").
inline std::string Sha256Hex(std::string_view data) { return HexEncode(Sha256(data)); }

}  // namespace kops::awsapi
