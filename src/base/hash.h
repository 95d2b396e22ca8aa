// Content hashes (OpenSSL).
#pragma once

#include <string>
#include <string_view>

namespace kops {

// Lower-case hex SHA-256 of data.
std::string Sha256Hex(std::string_view data);

}  // namespace kops
