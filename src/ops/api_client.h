// ApiClient: requests to the Kubernetes API (or the local stand-in) at one endpoint
// (the load balancer) with one TLS identity. Transport failures are errors (http.h);
// every HTTP status is a response for the caller to judge.
#pragma once

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "base/http.h"
#include "base/status.h"

namespace kops::ops {

class ApiClient {
 public:
  ApiClient(HttpClient& http, std::string endpoint, TlsConfig tls,
            std::chrono::milliseconds timeout = std::chrono::milliseconds(3000))
      : http_(http), endpoint_(std::move(endpoint)), tls_(std::move(tls)), timeout_(timeout) {}

  Result<HttpResponse> Do(const std::string& method, const std::string& path, const std::string& body = "");
  // As Do, with the body sent as content_type (e.g. "application/strategic-merge-patch+json" for PATCH).
  Result<HttpResponse> Do(const std::string& method, const std::string& path, const std::string& body,
                          const std::string& content_type);
  // GET path expecting 200 and a JSON body; other answers are kUnavailable naming the status.
  Result<nlohmann::json> GetJson(const std::string& path);

  const std::string& endpoint() const { return endpoint_; }

 private:
  HttpClient& http_;
  std::string endpoint_;
  TlsConfig tls_;
  std::chrono::milliseconds timeout_;
};

// The first line of an answer body, at most 200 characters (for messages).
std::string BodySummary(const std::string& body);

}  // namespace kops::ops
