#include "awsapi/query_client.h"

#include "awsapi/aws_error.h"
#include "awsapi/sigv4.h"

namespace kops::awsapi {

QueryClient::QueryClient(HttpClient& http, ServiceConfig config, std::string service,
                         std::string api_version, const Clock& clock)
    : http_(http),
      config_(std::move(config)),
      service_(std::move(service)),
      api_version_(std::move(api_version)),
      clock_(clock) {}

Result<XmlElement> QueryClient::Call(const std::string& action, const Params& params) {
  Params all = {{"Action", action}, {"Version", api_version_}};
  all.insert(all.end(), params.begin(), params.end());
  HttpRequest req;
  req.method = "POST";
  req.url = config_.endpoint + "/";
  req.body = EncodeParams(all);
  req.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  RETURN_IF_ERROR(SignRequest(req, config_.credentials, SigningScope{config_.region, service_},
                              clock_.WallNow(), /*s3=*/false));
  std::string what = service_ + " " + action;
  auto res = http_.Do(req);
  if (!res.ok()) return res.status().WithContext(what);
  if (res->status != 200)
    return StatusFromAwsError(ParseAwsError(*res), what,
                              "credentials from " + config_.credentials.source);
  auto doc = ParseXml(res->body);
  if (!doc.ok()) return Internal(what + ": unreadable response: " + doc.status().message());
  return std::move(doc).value();
}

Status QueryClient::CallPages(const std::string& action, const Params& params, const Paging& paging,
                              const std::function<Status(const XmlElement& page)>& read) {
  constexpr int kMaxPages = 1000;
  const std::string what = service_ + " " + action;
  std::string token;
  for (int n = 0; n < kMaxPages; ++n) {
    Params all = params;
    if (!token.empty()) all.emplace_back(paging.request_param, token);
    ASSIGN_OR_RETURN(XmlElement doc, Call(action, all));
    const XmlElement* page = &doc;
    if (paging.in_result) {
      page = doc.Child(action + "Result");
      if (!page) return Internal(what + ": response has no " + action + "Result");
    }
    RETURN_IF_ERROR(read(*page));
    std::string next = page->ChildText(paging.response_element);
    if (next.empty()) return Status::Ok();
    if (next == token) return Internal(what + ": the same " + paging.response_element + " was returned twice");
    token = next;
  }
  return Internal(what + ": more than " + std::to_string(kMaxPages) + " pages");
}

void AddList(Params& params, const std::string& prefix, const std::vector<std::string>& values) {
  for (size_t i = 0; i < values.size(); ++i)
    params.emplace_back(prefix + "." + std::to_string(i + 1), values[i]);
}

}  // namespace kops::awsapi
