// S3Vfs: the s3:// state store ("s3://bucket[/prefix]") on awsapi::S3Client.
//
// Versions are ETags. Conditional writes send If-None-Match: * (kMustNotExist) or
// If-Match: <etag> (kMustMatchVersion), which real S3 enforces atomically; because some
// S3-compatible servers ignore those headers, the store also checks the current ETag with
// a HEAD first, so a stale write is refused there too (best effort: not atomic).
// Credentials, region and endpoint come from the environment (awsapi/credentials.h):
// S3_ACCESS_KEY_ID/S3_SECRET_ACCESS_KEY/S3_ENDPOINT/S3_REGION, then the AWS chain.
#pragma once

#include <memory>
#include <string>

#include "awsapi/credentials.h"
#include "awsapi/s3_client.h"
#include "base/clock.h"
#include "base/http.h"
#include "store/vfs.h"

namespace kops::store {

struct S3Location {
  std::string bucket;
  std::string prefix;  // "" or "a/b" (no leading or trailing '/')
};

// InvalidArgument naming url unless it is "s3://bucket[/prefix]" with a valid bucket name.
Result<S3Location> ParseS3Url(const std::string& url);

// Opens url with the process environment and a libcurl client.
Result<std::unique_ptr<Vfs>> OpenS3Vfs(const std::string& url);

// Opens url with a given environment and HTTP client (tests, the fake S3, s3rver).
Result<std::unique_ptr<Vfs>> OpenS3Vfs(const std::string& url, const awsapi::EnvFn& env,
                                       std::shared_ptr<HttpClient> http,
                                       const Clock& clock = RealClock::Instance());

}  // namespace kops::store
