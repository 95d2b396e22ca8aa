#include "etcd/transport.h"

#include <utility>

#include "base/strings.h"

namespace kops::etcd {
namespace {

bool ShouldFailOver(const Status& s, RequestKind kind, bool from_transport) {
  if (from_transport) {
    if (s.code() == Code::kUnavailable) return true;
    return s.code() == Code::kDeadlineExceeded && kind == RequestKind::kRead;
  }
  // A read that etcd itself timed out (e.g. a member cut off from quorum) may succeed
  // elsewhere.
  if (s.code() == Code::kDeadlineExceeded && kind == RequestKind::kRead) return true;
  return IsEndpointLocalError(s);
}

}  // namespace

Transport::Transport(HttpClient& http, ClientOptions options)
    : http_(http), options_(std::move(options)) {}

Result<HttpResponse> Transport::Send(const std::string& endpoint, std::string_view method,
                                     std::string_view path, std::string body) {
  HttpRequest req;
  req.method = std::string(method);
  req.url = endpoint + std::string(path);
  req.body = std::move(body);
  if (method == "POST") req.headers.emplace_back("Content-Type", "application/json");
  req.timeout = options_.request_timeout;
  req.tls = options_.tls;
  req.local_address = options_.local_address;
  return http_.Do(req);
}

Result<Json> Transport::CallEndpoint(const std::string& endpoint, std::string_view path,
                                     const Json& body, std::string_view what) {
  std::string context = "etcd " + std::string(what) + " at " + endpoint;
  Result<HttpResponse> resp = Send(endpoint, "POST", path, body.dump());
  if (!resp.ok()) return resp.status().WithContext(context);
  if (resp->status < 200 || resp->status > 299) {
    return ErrorFromResponse(resp->status, resp->body, context);
  }
  Result<Json> parsed = ParseJsonBody(resp->body);
  if (!parsed.ok()) return parsed.status().WithContext(context);
  return parsed;
}

Result<Json> Transport::Call(std::string_view path, const Json& body, RequestKind kind,
                             std::string_view what) {
  const std::vector<std::string>& eps = options_.endpoints;
  size_t start = preferred_.load() % eps.size();
  Status last;
  for (size_t i = 0; i < eps.size(); ++i) {
    size_t index = (start + i) % eps.size();
    std::string context = "etcd " + std::string(what) + " at " + eps[index];
    Result<HttpResponse> resp = Send(eps[index], "POST", path, body.dump());
    Status failure;
    bool from_transport = !resp.ok();
    if (from_transport) {
      failure = resp.status().WithContext(context);
    } else if (resp->status < 200 || resp->status > 299) {
      failure = ErrorFromResponse(resp->status, resp->body, context);
    } else {
      preferred_.store(index);
      Result<Json> parsed = ParseJsonBody(resp->body);
      if (!parsed.ok()) return parsed.status().WithContext(context);
      return parsed;
    }
    if (!ShouldFailOver(failure, kind, from_transport)) return failure;
    last = failure;
  }
  if (eps.size() == 1) return last;
  return last.WithContext("all " + std::to_string(eps.size()) + " etcd endpoints failed; last");
}

Result<std::vector<std::string>> NormalizeEndpoints(const std::vector<std::string>& endpoints) {
  if (endpoints.empty()) {
    return InvalidArgument("etcd client: no endpoints; expected at least one client URL");
  }
  std::vector<std::string> out;
  for (const std::string& e : endpoints) {
    std::string url = e;
    while (EndsWith(url, "/")) url.pop_back();
    size_t scheme_end = url.find("://");
    std::string scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
    if ((scheme != "http" && scheme != "https") || url.size() == scheme_end + 3) {
      return InvalidArgument("etcd client: endpoint \"" + e +
                             "\" is not a URL; expected http://HOST:PORT or https://HOST:PORT");
    }
    out.push_back(url);
  }
  return out;
}

}  // namespace kops::etcd
