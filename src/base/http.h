// HttpClient: the seam for HTTP. The real client is libcurl (http_curl.cc); tests use
// FakeHttpClient (fake_http.h). Transport failures (refused, reset, timeout, TLS) are
// Code::kUnavailable (kDeadlineExceeded for timeouts); any HTTP status is a response.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace kops {

struct TlsConfig {
  // PEM text, not file names: keys come from the state store's keystore.
  std::string ca_pem;    // trust only this CA when set; the system roots otherwise
  std::string cert_pem;  // client certificate (mutual TLS) when set
  std::string key_pem;
  bool insecure_skip_verify = false;
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{30000};
  TlsConfig tls;
  // Bind the client side to this local address (loopback zones); empty = any.
  std::string local_address;
};

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;

  // First header value with that (lower-case) name, or "".
  std::string Header(const std::string& lower_name) const {
    for (const auto& [k, v] : headers)
      if (k == lower_name) return v;
    return "";
  }
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  virtual Result<HttpResponse> Do(const HttpRequest& request) = 0;
};

// A libcurl client; safe to use from several threads (one easy handle per call).
std::unique_ptr<HttpClient> NewCurlHttpClient();

// A libcurl client that keeps one connection open across calls (HTTP keep-alive) and
// reuses it while the server keeps it; calls are serialized (one at a time). A call that
// fails in transport drops the connection: the next call connects anew. For loops that
// send many requests to one endpoint (the probe); every call is still a real request.
std::unique_ptr<HttpClient> NewKeepAliveCurlHttpClient();

}  // namespace kops
