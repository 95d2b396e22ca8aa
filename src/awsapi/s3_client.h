// A small S3 client: objects and listings, SigV4-signed, with the ETag as version.
//
// Addressing: with an endpoint (S3-compatible stores, tests) requests are path-style,
// "<endpoint>/<bucket>/<key>"; against AWS they are virtual-host style,
// "https://<bucket>.s3.<region>.amazonaws.com/<key>" (path-style when the bucket name has
// a '.', which would break TLS name checks). When AWS answers that a bucket lives in another
// region (x-amz-bucket-region), the client switches to that region and retries once.
//
// Errors name the bucket and key: NotFound for a missing object ("s3://b/k") or bucket
// (NoSuchBucket), PermissionDenied (names where the credentials came from), Conflict when
// an If-Match / If-None-Match precondition fails, Unavailable for transport errors and 5xx.
// Thread-safe when the HttpClient is.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "awsapi/credentials.h"
#include "base/clock.h"
#include "base/http.h"
#include "base/status.h"

namespace kops::awsapi {

struct S3Options {
  Credentials credentials;
  std::string region;    // signing region; "us-east-1" when empty
  std::string endpoint;  // "" = AWS; else e.g. "http://127.0.0.1:4568" (path-style)
};

// Credentials (S3 chain), region and endpoint from the environment (see credentials.h).
// An endpoint without a scheme gets "https://".
Result<S3Options> S3OptionsFromEnv(const EnvFn& env);

struct S3Object {
  std::string data;
  std::string etag;  // as the server sent it, quotes included
};

struct S3ListEntry {
  std::string key;
  std::string etag;
  int64_t size = 0;
};

// What PutObject requires of the object's current state.
struct S3PutCondition {
  enum class Kind { kNone, kIfMatch, kIfNoneMatch };
  Kind kind = Kind::kNone;
  std::string etag;  // for kIfMatch
};

class S3Client {
 public:
  // http and clock must outlive the client.
  S3Client(HttpClient& http, S3Options options, const Clock& clock = RealClock::Instance());

  Result<S3Object> GetObject(const std::string& bucket, const std::string& key);
  // The object's ETag without its data; NotFound when there is no such object.
  Result<std::string> HeadObject(const std::string& bucket, const std::string& key);
  // Returns the new object's ETag. Conflict when the condition does not hold.
  Result<std::string> PutObject(const std::string& bucket, const std::string& key,
                                const std::string& data, const S3PutCondition& cond = {});
  // Deleting a missing object succeeds (as S3 does).
  Status DeleteObject(const std::string& bucket, const std::string& key);
  // Every object whose key starts with prefix, in key order, following continuation tokens.
  Result<std::vector<S3ListEntry>> ListObjects(const std::string& bucket,
                                               const std::string& prefix);
  // OK when the bucket exists and the credentials may use it.
  Status HeadBucket(const std::string& bucket);

  // The URL of key in bucket ("" key = the bucket itself); raw_query is appended as given.
  std::string Url(const std::string& bucket, const std::string& key,
                  const std::string& raw_query = "") const;
  std::string region() const;

 private:
  // Signs and sends; on a region redirect from AWS, switches region and retries once.
  Result<HttpResponse> Send(HttpRequest request, const std::string& bucket, const std::string& key,
                            const std::string& raw_query);
  Status Failure(const HttpResponse& r, const std::string& bucket, const std::string& key,
                 const std::string& op) const;

  HttpClient& http_;
  S3Options options_;
  const Clock& clock_;
  mutable std::mutex mu_;  // guards options_.region
};

}  // namespace kops::awsapi
