// FakeS3: an in-memory, path-style S3 for unit tests, served through FakeHttpClient.
// It checks that requests are SigV4-signed (an Authorization header with an s3 scope),
// honours If-Match / If-None-Match: * on PUT (412 when they fail), pages listings
// (page_size keys per page) and answers in S3's XML formats. Buckets must be created first.
#pragma once

#include <map>
#include <set>
#include <string>

#include "awsapi/uri.h"
#include "base/fake_http.h"

namespace kops::awsapi {

class FakeS3 {
 public:
  static constexpr char kEndpoint[] = "http://fake-s3.test";

  FakeS3() : http_([this](const HttpRequest& r) { return Handle(r); }) {}

  FakeHttpClient& http() { return http_; }
  void CreateBucket(const std::string& bucket) { buckets_[bucket]; }
  void set_page_size(int n) { page_size_ = n; }
  void DenyAccess(const std::string& bucket) { denied_.insert(bucket); }
  // Next response status forced for every request (0 = normal behaviour).
  void FailWith(int status) { fail_with_ = status; }
  bool Has(const std::string& bucket, const std::string& key) const {
    auto b = buckets_.find(bucket);
    return b != buckets_.end() && b->second.count(key);
  }

 private:
  struct Obj {
    std::string data;
    std::string etag;
  };

  static HttpResponse Error(int status, const std::string& code, const std::string& msg = "") {
    return HttpResponse{status,
                        {{"content-type", "application/xml"}, {"x-amz-request-id", "FAKE"}},
                        "<?xml version=\"1.0\"?><Error><Code>" + code + "</Code><Message>" + msg +
                            "</Message><RequestId>FAKE</RequestId></Error>"};
  }

  static std::string Param(const std::string& query, const std::string& name) {
    for (const auto& part : SplitQuery(query))
      if (part.first == name) return part.second;
    return "";
  }
  static std::vector<std::pair<std::string, std::string>> SplitQuery(const std::string& q) {
    std::vector<std::pair<std::string, std::string>> out;
    size_t start = 0;
    while (start <= q.size() && !q.empty()) {
      size_t amp = q.find('&', start);
      std::string part =
          q.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
      size_t eq = part.find('=');
      out.emplace_back(UriDecode(part.substr(0, eq)),
                       eq == std::string::npos ? "" : UriDecode(part.substr(eq + 1)));
      if (amp == std::string::npos) break;
      start = amp + 1;
    }
    return out;
  }

  Result<HttpResponse> Handle(const HttpRequest& r) {
    if (fail_with_) return Error(fail_with_, fail_with_ >= 500 ? "InternalError" : "Forced");
    if (FakeHttpClient::RequestHeader(r, "authorization").find("/s3/aws4_request") ==
        std::string::npos)
      return Error(403, "AccessDenied", "missing SigV4 Authorization");
    auto url = ParseUrl(r.url);
    if (!url.ok()) return url.status();
    std::string path = UriDecode(url->path.substr(1));
    auto slash = path.find('/');
    std::string bucket = path.substr(0, slash);
    std::string key = slash == std::string::npos ? "" : path.substr(slash + 1);
    if (denied_.count(bucket)) return Error(403, "AccessDenied", "Access Denied");
    auto b = buckets_.find(bucket);
    if (b == buckets_.end()) {
      if (r.method == "HEAD") return HttpResponse{404, {}, ""};
      return Error(404, "NoSuchBucket", "The specified bucket does not exist");
    }
    auto& objects = b->second;
    if (key.empty()) {
      if (r.method == "HEAD") return HttpResponse{200, {}, ""};
      return List(objects, url->query);
    }
    auto it = objects.find(key);
    if (r.method == "HEAD") {
      if (it == objects.end()) return HttpResponse{404, {}, ""};
      return HttpResponse{200, {{"etag", it->second.etag}}, ""};
    }
    if (r.method == "GET") {
      if (it == objects.end()) return Error(404, "NoSuchKey", "The specified key does not exist.");
      return HttpResponse{200, {{"etag", it->second.etag}}, it->second.data};
    }
    if (r.method == "DELETE") {
      objects.erase(key);
      return HttpResponse{204, {}, ""};
    }
    if (r.method == "PUT") {
      std::string if_match = FakeHttpClient::RequestHeader(r, "if-match");
      std::string if_none = FakeHttpClient::RequestHeader(r, "if-none-match");
      if (!if_match.empty() && (it == objects.end() || it->second.etag != if_match))
        return Error(it == objects.end() ? 404 : 412,
                     it == objects.end() ? "NoSuchKey" : "PreconditionFailed");
      if (if_none == "*" && it != objects.end()) return Error(412, "PreconditionFailed");
      std::string etag = "\"etag-" + std::to_string(++counter_) + "\"";
      objects[key] = Obj{r.body, etag};
      return HttpResponse{200, {{"etag", etag}}, ""};
    }
    return Error(405, "MethodNotAllowed");
  }

  HttpResponse List(const std::map<std::string, Obj>& objects, const std::string& query) {
    std::string prefix = Param(query, "prefix");
    std::string token = Param(query, "continuation-token");
    std::string body =
        "<?xml version=\"1.0\"?><ListBucketResult "
        "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">";
    int n = 0;
    std::string last;
    bool truncated = false;
    for (auto it = objects.lower_bound(token.empty() ? prefix : token); it != objects.end(); ++it) {
      if (it->first.compare(0, prefix.size(), prefix) != 0) break;
      if (!token.empty() && it->first == token) continue;
      if (n == page_size_) {
        truncated = true;
        break;
      }
      body += "<Contents><Key>" + it->first + "</Key><ETag>" + it->second.etag + "</ETag><Size>" +
              std::to_string(it->second.data.size()) + "</Size></Contents>";
      last = it->first;
      ++n;
    }
    body += std::string("<IsTruncated>") + (truncated ? "true" : "false") + "</IsTruncated>";
    if (truncated) body += "<NextContinuationToken>" + last + "</NextContinuationToken>";
    body += "</ListBucketResult>";
    return HttpResponse{200, {}, body};
  }

  FakeHttpClient http_;
  std::map<std::string, std::map<std::string, Obj>> buckets_;
  std::set<std::string> denied_;
  int page_size_ = 1000;
  int fail_with_ = 0;
  int counter_ = 0;
};

}  // namespace kops::awsapi
