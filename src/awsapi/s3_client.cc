#include "awsapi/s3_client.h"

#include "awsapi/aws_error.h"
#include "awsapi/sigv4.h"
#include "awsapi/uri.h"
#include "awsapi/xml.h"

namespace kops::awsapi {
namespace {

constexpr int kMaxListPages = 100000;

std::string S3Path(const std::string& bucket, const std::string& key) {
  return "s3://" + bucket + (key.empty() ? "" : "/" + key);
}

}  // namespace

Result<S3Options> S3OptionsFromEnv(const EnvFn& env) {
  S3Options o;
  ASSIGN_OR_RETURN(o.credentials, ResolveCredentials(env, Service::kS3));
  o.region = ResolveRegion(env, Service::kS3);
  o.endpoint = ResolveEndpoint(env, Service::kS3);
  if (!o.endpoint.empty() && o.endpoint.find("://") == std::string::npos)
    o.endpoint = "https://" + o.endpoint;
  return o;
}

S3Client::S3Client(HttpClient& http, S3Options options, const Clock& clock)
    : http_(http), options_(std::move(options)), clock_(clock) {
  if (options_.region.empty()) options_.region = "us-east-1";
  while (!options_.endpoint.empty() && options_.endpoint.back() == '/')
    options_.endpoint.pop_back();
}

std::string S3Client::region() const {
  std::lock_guard<std::mutex> lock(mu_);
  return options_.region;
}

std::string S3Client::Url(const std::string& bucket, const std::string& key,
                          const std::string& raw_query) const {
  std::string path = UriEncode(key, /*encode_slash=*/false);
  std::string url;
  if (!options_.endpoint.empty()) {
    url = options_.endpoint + "/" + bucket + "/" + path;
  } else if (bucket.find('.') != std::string::npos) {
    url = "https://s3." + region() + ".amazonaws.com/" + bucket + "/" + path;
  } else {
    url = "https://" + bucket + ".s3." + region() + ".amazonaws.com/" + path;
  }
  if (!raw_query.empty()) url += "?" + raw_query;
  return url;
}

Result<HttpResponse> S3Client::Send(HttpRequest request, const std::string& bucket,
                                    const std::string& key, const std::string& raw_query) {
  for (int attempt = 0;; ++attempt) {
    HttpRequest r = request;
    r.url = Url(bucket, key, raw_query);
    RETURN_IF_ERROR(SignRequest(r, options_.credentials, SigningScope{region(), "s3"},
                                clock_.WallNow(), /*s3=*/true));
    ASSIGN_OR_RETURN(HttpResponse res, http_.Do(r));
    std::string moved_to = res.Header("x-amz-bucket-region");
    bool wrong_region = (res.status == 301 || res.status == 307 || res.status == 400) &&
                        !moved_to.empty() && moved_to != region();
    if (!wrong_region || attempt > 0 || !options_.endpoint.empty()) return res;
    std::lock_guard<std::mutex> lock(mu_);
    options_.region = moved_to;
  }
}

Status S3Client::Failure(const HttpResponse& r, const std::string& bucket, const std::string& key,
                         const std::string& op) const {
  AwsError e = ParseAwsError(r);
  std::string where = S3Path(bucket, key);
  if (e.code == "NoSuchBucket" || (op == "HeadBucket" && r.status == 404))
    return NotFound("S3 bucket \"" + bucket + "\" does not exist (" + Describe(e) + ")");
  if (e.code == "NoSuchKey" || (r.status == 404 && e.code.empty()))
    return NotFound(where + " does not exist");
  if (r.status == 412 || e.code == "PreconditionFailed" || e.code == "ConditionalRequestConflict")
    return Conflict(where + " changed since it was read (" + op +
                    " precondition failed: " + Describe(e) + ")");
  if (r.status == 301 || r.status == 307) {
    std::string moved_to = r.Header("x-amz-bucket-region");
    return FailedPrecondition("S3 bucket \"" + bucket + "\" is not in region " + region() +
                              (moved_to.empty() ? "" : " but in " + moved_to) +
                              "; set S3_REGION or AWS_REGION (" + Describe(e) + ")");
  }
  return StatusFromAwsError(e, "S3 " + op + " " + where,
                            "credentials from " + options_.credentials.source);
}

Result<S3Object> S3Client::GetObject(const std::string& bucket, const std::string& key) {
  HttpRequest req;
  req.method = "GET";
  ASSIGN_OR_RETURN(HttpResponse res, Send(req, bucket, key, ""));
  if (res.status != 200) return Failure(res, bucket, key, "GetObject");
  return S3Object{std::move(res.body), res.Header("etag")};
}

Result<std::string> S3Client::HeadObject(const std::string& bucket, const std::string& key) {
  HttpRequest req;
  req.method = "HEAD";
  ASSIGN_OR_RETURN(HttpResponse res, Send(req, bucket, key, ""));
  if (res.status != 200) return Failure(res, bucket, key, "HeadObject");
  return res.Header("etag");
}

Result<std::string> S3Client::PutObject(const std::string& bucket, const std::string& key,
                                        const std::string& data, const S3PutCondition& cond) {
  HttpRequest req;
  req.method = "PUT";
  req.body = data;
  req.headers.emplace_back("Content-Type", "application/octet-stream");
  if (cond.kind == S3PutCondition::Kind::kIfMatch) req.headers.emplace_back("If-Match", cond.etag);
  if (cond.kind == S3PutCondition::Kind::kIfNoneMatch)
    req.headers.emplace_back("If-None-Match", "*");
  ASSIGN_OR_RETURN(HttpResponse res, Send(req, bucket, key, ""));
  if (res.status != 200) return Failure(res, bucket, key, "PutObject");
  return res.Header("etag");
}

Status S3Client::DeleteObject(const std::string& bucket, const std::string& key) {
  HttpRequest req;
  req.method = "DELETE";
  ASSIGN_OR_RETURN(HttpResponse res, Send(req, bucket, key, ""));
  if (res.status == 200 || res.status == 204) return Status::Ok();
  if (res.status == 404 && ParseAwsError(res).code != "NoSuchBucket") return Status::Ok();
  return Failure(res, bucket, key, "DeleteObject");
}

Result<std::vector<S3ListEntry>> S3Client::ListObjects(const std::string& bucket,
                                                       const std::string& prefix) {
  std::vector<S3ListEntry> out;
  std::string token;
  for (int page = 0; page < kMaxListPages; ++page) {
    Params params = {{"list-type", "2"}, {"prefix", prefix}};
    if (!token.empty()) params.emplace_back("continuation-token", token);
    HttpRequest req;
    req.method = "GET";
    ASSIGN_OR_RETURN(HttpResponse res, Send(req, bucket, "", EncodeParams(params)));
    if (res.status != 200) return Failure(res, bucket, prefix, "ListObjectsV2");
    auto doc = ParseXml(res.body);
    if (!doc.ok())
      return Internal("S3 ListObjectsV2 " + S3Path(bucket, prefix) +
                      ": unreadable response: " + doc.status().message());
    for (const XmlElement* c : doc->Children("Contents")) {
      S3ListEntry e{c->ChildText("Key"), c->ChildText("ETag"), 0};
      std::string size = c->ChildText("Size");
      if (!size.empty()) e.size = std::stoll(size);
      out.push_back(std::move(e));
    }
    if (doc->ChildText("IsTruncated") != "true") return out;
    std::string next = doc->ChildText("NextContinuationToken");
    if (next.empty() || next == token)
      return Internal("S3 ListObjectsV2 " + S3Path(bucket, prefix) +
                      ": truncated listing without a new continuation token");
    token = next;
  }
  return Internal("S3 ListObjectsV2 " + S3Path(bucket, prefix) + ": more than " +
                  std::to_string(kMaxListPages) + " pages");
}

Status S3Client::HeadBucket(const std::string& bucket) {
  HttpRequest req;
  req.method = "HEAD";
  ASSIGN_OR_RETURN(HttpResponse res, Send(req, bucket, "", ""));
  if (res.status == 200) return Status::Ok();
  return Failure(res, bucket, "", "HeadBucket");
}

}  // namespace kops::awsapi
