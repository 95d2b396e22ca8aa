// The AWS Query protocol (EC2, STS, IAM, ...): a form-encoded POST of Action, Version and
// parameters, answered in XML. Errors become a Status naming "<service> <Action>".
#pragma once

#include <functional>
#include <string>

#include "awsapi/credentials.h"
#include "awsapi/service_config.h"
#include "awsapi/uri.h"
#include "awsapi/xml.h"
#include "base/clock.h"
#include "base/http.h"

namespace kops::awsapi {

class QueryClient {
 public:
  // http and clock must outlive the client; service is the SigV4 name ("ec2", "sts").
  QueryClient(HttpClient& http, ServiceConfig config, std::string service, std::string api_version,
              const Clock& clock = RealClock::Instance());

  // The parsed response document (its root is "<Action>Response").
  Result<XmlElement> Call(const std::string& action, const Params& params = {});

  // How a paged action carries its page token: the request parameter ("NextToken",
  // "Marker") and the response element naming the next page ("NextToken", "NextMarker"),
  // inside <Action>Result, or at the document's root as EC2 answers ("nextToken").
  struct Paging {
    std::string request_param;
    std::string response_element;
    bool in_result = true;
  };
  // Calls action once per page, handing read each page: its <Action>Result element (or
  // the document, for a root token). Stops at an empty token; a missing Result element, a
  // token returned twice and more than 1000 pages are Internal errors naming the call.
  Status CallPages(const std::string& action, const Params& params, const Paging& paging,
                   const std::function<Status(const XmlElement& page)>& read);

  const ServiceConfig& config() const { return config_; }

 private:
  HttpClient& http_;
  ServiceConfig config_;
  std::string service_;
  std::string api_version_;
  const Clock& clock_;
};

// Adds "<prefix>.1", "<prefix>.2", ... for values (the Query API's list encoding).
void AddList(Params& params, const std::string& prefix, const std::vector<std::string>& values);

}  // namespace kops::awsapi
