// Transport: sends one gateway call to etcd, failing over across endpoints.
//
// Failover: endpoints are tried in order starting from the last one that answered. The
// next endpoint is tried when
//   - the connection failed (HttpClient kUnavailable), for reads and writes (a write that
//     was cut mid-flight may have been applied: etcd writes in kops must be idempotent);
//   - the request timed out, in the transport or inside etcd ("request timed out"), for
//     reads only;
//   - the member answered with an error local to itself (IsEndpointLocalError: a learner,
//     a member with no leader, a stopping server).
// Any other answer, success or error, is returned at once. When every endpoint failed
// the last error is returned, prefixed with how many endpoints were tried.
// Thread-safe; the HttpClient must outlive the Transport.
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "base/http.h"
#include "base/status.h"
#include "etcd/codec.h"
#include "etcd/errors.h"

namespace kops::etcd {

struct ClientOptions {
  // Client URLs, e.g. "http://127.31.4.1:2379" or "https://…"; at least one.
  std::vector<std::string> endpoints;
  // Each HTTP attempt (one endpoint) gives up after this long.
  std::chrono::milliseconds request_timeout{5000};
  // Used for https:// endpoints: the CA to trust and an optional client certificate.
  TlsConfig tls;
  // Bind the client side of connections to this local address; empty = any.
  std::string local_address;
};

class Transport {
 public:
  // Requires a non-empty endpoint list of http(s) URLs (checked by Client::Create).
  Transport(HttpClient& http, ClientOptions options);

  // POSTs body to path ("/v3/kv/put") with failover; returns the parsed 2xx body.
  // `what` names the operation for error messages ("put \"/registry/x\"").
  Result<Json> Call(std::string_view path, const Json& body, RequestKind kind,
                    std::string_view what);

  // POSTs to one endpoint, no failover. The endpoint need not be in the list.
  Result<Json> CallEndpoint(const std::string& endpoint, std::string_view path, const Json& body,
                            std::string_view what);

  // The raw answer of one endpoint (any HTTP status); transport errors only fail it.
  Result<HttpResponse> Send(const std::string& endpoint, std::string_view method,
                            std::string_view path, std::string body);

  const ClientOptions& options() const { return options_; }

 private:
  HttpClient& http_;
  ClientOptions options_;
  std::atomic<size_t> preferred_{0};
};

// Checks that endpoints is non-empty and every entry is an http:// or https:// URL with a
// host; trailing slashes are removed. kInvalidArgument names the bad entry.
Result<std::vector<std::string>> NormalizeEndpoints(const std::vector<std::string>& endpoints);

}  // namespace kops::etcd
