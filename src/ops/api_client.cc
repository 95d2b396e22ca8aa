#include "ops/api_client.h"

#include "base/strings.h"

namespace kops::ops {

std::string BodySummary(const std::string& body) {
  std::string s = Trim(body);
  // Kubernetes Status objects: their message says it best.
  if (!s.empty() && s[0] == '{') {
    nlohmann::json j = nlohmann::json::parse(s, nullptr, false);
    if (j.is_object() && j.contains("message") && j["message"].is_string()) s = j["message"].get<std::string>();
  }
  if (auto nl = s.find('\n'); nl != std::string::npos) s = s.substr(0, nl);
  if (s.size() > 200) s = s.substr(0, 200) + "...";
  return s;
}

Result<HttpResponse> ApiClient::Do(const std::string& method, const std::string& path, const std::string& body) {
  return Do(method, path, body, "application/json");
}

Result<HttpResponse> ApiClient::Do(const std::string& method, const std::string& path, const std::string& body,
                                   const std::string& content_type) {
  HttpRequest req;
  req.method = method;
  req.url = endpoint_ + path;
  req.body = body;
  if (!body.empty()) req.headers = {{"Content-Type", content_type}};
  req.headers.push_back({"Accept", "application/json"});
  req.tls = tls_;
  req.timeout = timeout_;
  return http_.Do(req);
}

Result<nlohmann::json> ApiClient::GetJson(const std::string& path) {
  ASSIGN_OR_RETURN(HttpResponse r, Do("GET", path));
  if (r.status != 200) {
    return Unavailable("GET " + path + ": HTTP " + std::to_string(r.status) + ": " + BodySummary(r.body));
  }
  nlohmann::json j = nlohmann::json::parse(r.body, nullptr, false);
  if (j.is_discarded()) return Unavailable("GET " + path + ": the answer is not JSON");
  return j;
}

}  // namespace kops::ops
