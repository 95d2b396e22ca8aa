#include "awsapi/aws_error.h"

#include "awsapi/xml.h"

namespace kops::awsapi {

AwsError ParseAwsError(const HttpResponse& response) {
  AwsError e;
  e.http_status = response.status;
  e.request_id = response.Header("x-amz-request-id");
  if (e.request_id.empty()) e.request_id = response.Header("x-amzn-requestid");
  auto doc = ParseXml(response.body);
  if (!doc.ok()) return e;
  const XmlElement* err = nullptr;
  if (doc->name == "Error") err = &*doc;
  if (!err) err = doc->Find("Error");
  if (!err) err = doc->Find("Errors/Error");
  if (!err) return e;
  e.code = err->ChildText("Code");
  e.message = err->ChildText("Message");
  for (const char* id : {"RequestId", "RequestID"}) {
    std::string v = err->ChildText(id);
    if (v.empty()) v = doc->ChildText(id);
    if (!v.empty()) e.request_id = v;
  }
  return e;
}

std::string Describe(const AwsError& e) {
  std::string out = "HTTP " + std::to_string(e.http_status);
  if (!e.code.empty()) out += " " + e.code;
  if (!e.message.empty()) out += ": " + e.message;
  if (!e.request_id.empty()) out += " (request id " + e.request_id + ")";
  return out;
}

Status StatusFromAwsError(const AwsError& e, const std::string& what, const std::string& hint) {
  std::string msg = what + ": " + Describe(e);
  bool throttled = e.code == "Throttling" || e.code == "ThrottlingException" ||
                   e.code == "RequestLimitExceeded" || e.code == "SlowDown";
  if (e.http_status == 429 || e.http_status >= 500 || throttled) return Unavailable(msg);
  if (e.http_status == 401 || e.http_status == 403)
    return PermissionDenied(hint.empty() ? msg : msg + "; " + hint);
  if (e.http_status == 404) return NotFound(msg);
  if (e.http_status == 409 || e.http_status == 412) return Conflict(msg);
  return InvalidArgument(msg);
}

}  // namespace kops::awsapi
