// AWS Signature Version 4 (header-based). Each step is exposed so tests can compare it
// with the published vectors: canonical request, string to sign, signature.
//
// Every header present on the request is signed, plus "host" (from the URL, unless the
// request carries a Host header). Paths: the request URL holds the path as sent
// (percent-encoded); S3 signs it encoded once, other services encode it again
// (SigV4's double encoding for non-S3 services).
#pragma once

#include <chrono>
#include <string>

#include "awsapi/credentials.h"
#include "base/http.h"
#include "base/status.h"

namespace kops::awsapi {

struct SigningScope {
  std::string region;   // "us-east-1"
  std::string service;  // "s3", "ec2", "sts", "route53"
};

struct Signature {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signed_headers;  // "host;x-amz-date"
  std::string signature;       // lower-case hex
  std::string authorization;   // the Authorization header value
};

// "20150830T123600Z" (UTC).
std::string AmzDate(std::chrono::system_clock::time_point t);

// The canonical query string of a raw (as sent) query: pairs decoded, re-encoded and
// sorted by name then value; a name without '=' gets an empty value.
std::string CanonicalQuery(std::string_view raw_query);

// Signs request as it stands. It must carry an x-amz-date header (InvalidArgument
// otherwise). The payload hash is the x-amz-content-sha256 header when present, else the
// SHA-256 of the body.
Result<Signature> ComputeSignature(const HttpRequest& request, const Credentials& creds,
                                   const SigningScope& scope, bool s3);

// Adds x-amz-date (from now), x-amz-security-token (when creds have a session token),
// x-amz-content-sha256 (S3 only) and Authorization, replacing any earlier values.
// PermissionDenied when creds have no key.
Status SignRequest(HttpRequest& request, const Credentials& creds, const SigningScope& scope,
                   std::chrono::system_clock::time_point now, bool s3);

}  // namespace kops::awsapi
