#include "awsapi/sigv4.h"
#include "base/time_format.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <vector>

#include "awsapi/hash.h"
#include "awsapi/uri.h"
#include "base/strings.h"

namespace kops::awsapi {
namespace {

constexpr char kAlgorithm[] = "AWS4-HMAC-SHA256";

// Trims and collapses runs of spaces to one, as SigV4 requires of header values.
std::string CanonicalHeaderValue(std::string_view v) {
  std::string trimmed = Trim(v), out;
  bool space = false;
  for (char c : trimmed) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string CanonicalUri(const std::string& wire_path, bool s3) {
  if (s3) return UriEncode(UriDecode(wire_path), /*encode_slash=*/false);
  return UriEncode(wire_path, /*encode_slash=*/false);
}

std::string FindHeader(const HttpRequest& r, std::string_view lower) {
  for (const auto& [k, v] : r.headers)
    if (ToLower(k) == lower) return v;
  return "";
}

void RemoveHeader(HttpRequest& r, std::string_view lower) {
  std::erase_if(r.headers, [&](const auto& h) { return ToLower(h.first) == lower; });
}

std::string SigningKey(const std::string& secret, const std::string& date, const SigningScope& s) {
  std::string k = HmacSha256("AWS4" + secret, date);
  k = HmacSha256(k, s.region);
  k = HmacSha256(k, s.service);
  return HmacSha256(k, "aws4_request");
}

}  // namespace

std::string AmzDate(std::chrono::system_clock::time_point t) {
  return FormatUtc(t, "%Y%m%dT%H%M%SZ");
}

std::string CanonicalQuery(std::string_view raw_query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const std::string& part : Split(raw_query, '&')) {
    if (part.empty()) continue;
    auto eq = part.find('=');
    std::string name = part.substr(0, eq);
    std::string value = eq == std::string::npos ? "" : part.substr(eq + 1);
    pairs.emplace_back(UriEncode(UriDecode(name)), UriEncode(UriDecode(value)));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [n, v] : pairs) {
    if (!out.empty()) out += '&';
    out += n + "=" + v;
  }
  return out;
}

Result<Signature> ComputeSignature(const HttpRequest& request, const Credentials& creds,
                                   const SigningScope& scope, bool s3) {
  ASSIGN_OR_RETURN(Url url, ParseUrl(request.url));
  std::string amz_date = FindHeader(request, "x-amz-date");
  if (amz_date.size() != 16)
    return InvalidArgument("cannot sign " + request.method + " " + request.url +
                           ": x-amz-date header must be set as YYYYMMDDTHHMMSSZ, got \"" +
                           amz_date + "\"");
  std::map<std::string, std::vector<std::string>> headers;
  for (const auto& [k, v] : request.headers)
    headers[ToLower(Trim(k))].push_back(CanonicalHeaderValue(v));
  if (!headers.count("host")) headers["host"].push_back(url.host);

  Signature sig;
  std::string canonical_headers;
  for (const auto& [name, values] : headers) {
    canonical_headers += name + ":" + Join(values, ",") + "\n";
    if (!sig.signed_headers.empty()) sig.signed_headers += ';';
    sig.signed_headers += name;
  }
  std::string payload_hash = FindHeader(request, "x-amz-content-sha256");
  if (payload_hash.empty()) payload_hash = Sha256Hex(request.body);

  sig.canonical_request = request.method + "\n" + CanonicalUri(url.path, s3) + "\n" +
                          CanonicalQuery(url.query) + "\n" + canonical_headers + "\n" +
                          sig.signed_headers + "\n" + payload_hash;
  std::string date = amz_date.substr(0, 8);
  std::string credential_scope = date + "/" + scope.region + "/" + scope.service + "/aws4_request";
  sig.string_to_sign = std::string(kAlgorithm) + "\n" + amz_date + "\n" + credential_scope + "\n" +
                       Sha256Hex(sig.canonical_request);
  sig.signature =
      HexEncode(HmacSha256(SigningKey(creds.secret_access_key, date, scope), sig.string_to_sign));
  sig.authorization = std::string(kAlgorithm) + " Credential=" + creds.access_key_id + "/" +
                      credential_scope + ", SignedHeaders=" + sig.signed_headers +
                      ", Signature=" + sig.signature;
  return sig;
}

Status SignRequest(HttpRequest& request, const Credentials& creds, const SigningScope& scope,
                   std::chrono::system_clock::time_point now, bool s3) {
  if (creds.access_key_id.empty() || creds.secret_access_key.empty())
    return PermissionDenied("cannot sign " + request.method + " " + request.url +
                            ": no AWS access key");
  for (const char* h :
       {"authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256"})
    RemoveHeader(request, h);
  request.headers.emplace_back("x-amz-date", AmzDate(now));
  if (!creds.session_token.empty())
    request.headers.emplace_back("x-amz-security-token", creds.session_token);
  if (s3) request.headers.emplace_back("x-amz-content-sha256", Sha256Hex(request.body));
  ASSIGN_OR_RETURN(Signature sig, ComputeSignature(request, creds, scope, s3));
  request.headers.emplace_back("Authorization", sig.authorization);
  return Status::Ok();
}

}  // namespace kops::awsapi
