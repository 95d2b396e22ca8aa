#include "awsapi/uri.h"

#include <cctype>

namespace kops::awsapi {
namespace {

bool IsUnreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string UriEncode(std::string_view s, bool encode_slash) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (IsUnreserved(c) || (c == '/' && !encode_slash)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
    }
  }
  return out;
}

std::string UriDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::string EncodeParams(const Params& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += '&';
    out += UriEncode(name) + "=" + UriEncode(value);
  }
  return out;
}

Result<Url> ParseUrl(std::string_view url) {
  Url u;
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos)
    return InvalidArgument("URL \"" + std::string(url) +
                           "\" has no scheme; expected http(s)://host/...");
  u.scheme = std::string(url.substr(0, scheme_end));
  if (u.scheme != "http" && u.scheme != "https")
    return InvalidArgument("URL \"" + std::string(url) + "\": scheme \"" + u.scheme +
                           "\" is not supported; expected http or https");
  std::string_view rest = url.substr(scheme_end + 3);
  size_t host_end = rest.find_first_of("/?");
  std::string_view host = rest.substr(0, host_end);
  if (host.empty()) return InvalidArgument("URL \"" + std::string(url) + "\" has no host");
  std::string default_port = u.scheme == "https" ? ":443" : ":80";
  if (host.size() > default_port.size() &&
      host.substr(host.size() - default_port.size()) == default_port)
    host.remove_suffix(default_port.size());
  u.host = std::string(host);
  std::string_view tail = host_end == std::string_view::npos ? "" : rest.substr(host_end);
  size_t q = tail.find('?');
  u.path = std::string(tail.substr(0, q));
  if (q != std::string_view::npos) u.query = std::string(tail.substr(q + 1));
  if (u.path.empty()) u.path = "/";
  return u;
}

}  // namespace kops::awsapi
