// URL pieces and the percent-encoding AWS signs: RFC 3986 unreserved characters
// (A-Z a-z 0-9 - . _ ~) stay, every other byte becomes %XX with upper-case hex.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace kops::awsapi {

using Params = std::vector<std::pair<std::string, std::string>>;

// encode_slash=false keeps '/' (object keys in paths).
std::string UriEncode(std::string_view s, bool encode_slash = true);
// Decodes %XX escapes; a malformed escape is kept as written; '+' stays '+'.
std::string UriDecode(std::string_view s);

// "n1=v1&n2=v2", names and values UriEncoded, in the given order.
std::string EncodeParams(const Params& params);

struct Url {
  std::string scheme;  // "http" or "https"
  std::string host;    // with ":port" unless the port is the scheme's default
  std::string path;    // as sent (percent-encoded), "/" when the URL has none
  std::string query;   // as sent, without '?'; "" when none
};

// InvalidArgument naming url when it is not http(s)://host[:port][/path][?query].
Result<Url> ParseUrl(std::string_view url);

}  // namespace kops::awsapi
