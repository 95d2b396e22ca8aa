// FakeHttpClient: an in-process HttpClient for unit tests. Every request is recorded
// (in order) and answered by a handler; with no handler it answers 404. Thread-safe:
// the handler runs under the client's lock, so handlers need no locking of their own.
#pragma once

#include <cctype>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

#include "base/http.h"

namespace kops {

class FakeHttpClient : public HttpClient {
 public:
  using Handler = std::function<Result<HttpResponse>(const HttpRequest&)>;

  FakeHttpClient() = default;
  explicit FakeHttpClient(Handler handler) : handler_(std::move(handler)) {}

  void SetHandler(Handler handler) {
    std::lock_guard<std::mutex> lock(mu_);
    handler_ = std::move(handler);
  }

  Result<HttpResponse> Do(const HttpRequest& request) override {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(request);
    if (!handler_) return HttpResponse{404, {}, ""};
    return handler_(request);
  }

  // A copy of every request seen so far.
  std::vector<HttpRequest> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  size_t request_count() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_.size();
  }
  void ClearRequests() {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.clear();
  }

  // A response helper: status, body and optional (lower-case) headers.
  static HttpResponse Respond(int status, std::string body = "",
                              std::vector<std::pair<std::string, std::string>> headers = {}) {
    return HttpResponse{status, std::move(headers), std::move(body)};
  }

  // The value of a request header, matched case-insensitively, or "".
  static std::string RequestHeader(const HttpRequest& r, const std::string& name) {
    for (const auto& [k, v] : r.headers) {
      if (k.size() != name.size()) continue;
      bool same = true;
      for (size_t i = 0; i < k.size() && same; ++i)
        same = std::tolower(static_cast<unsigned char>(k[i])) ==
               std::tolower(static_cast<unsigned char>(name[i]));
      if (same) return v;
    }
    return "";
  }

 private:
  mutable std::mutex mu_;
  Handler handler_;
  std::vector<HttpRequest> requests_;
};

}  // namespace kops
