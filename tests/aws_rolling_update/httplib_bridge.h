// Serving an in-process fake HttpClient (FakeAwsCloud, FakeKubeApi) through a cpp-httplib
// server: the request as the fake's HttpRequest and the fake's answer as httplib's
// response. Header-only test helper.
#pragma once

#include <httplib.h>

#include <string>

#include "base/http.h"

namespace kops::testing {

// The request with url endpoint + its target, its headers and body.
inline HttpRequest FakeRequestOf(const httplib::Request& req, const std::string& endpoint) {
  HttpRequest r;
  r.method = req.method;
  r.url = endpoint + req.target;
  for (const auto& [name, value] : req.headers) r.headers.emplace_back(name, value);
  r.body = req.body;
  return r;
}

// The fake's answer (502 with the message when it failed), its headers but
// content-length, its content-type or else fallback_type.
inline void RespondWith(const Result<HttpResponse>& answer, httplib::Response& res, const std::string& fallback_type) {
  if (!answer.ok()) {
    res.status = 502;
    res.set_content(answer.status().message(), "text/plain");
    return;
  }
  std::string content_type = fallback_type;
  for (const auto& [name, value] : answer->headers) {
    if (name == "content-type") {
      content_type = value;
    } else if (name != "content-length") {
      res.set_header(name.c_str(), value);
    }
  }
  res.status = answer->status;
  res.set_content(answer->body, content_type.c_str());
}

}  // namespace kops::testing
