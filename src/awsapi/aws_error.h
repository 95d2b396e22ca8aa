// Reading AWS error responses: S3 (<Error>), the Query APIs (<ErrorResponse><Error> for STS,
// <Response><Errors><Error> for EC2) and Route53 (<ErrorResponse><Error>).
#pragma once

#include <string>

#include "base/http.h"
#include "base/status.h"

namespace kops::awsapi {

struct AwsError {
  int http_status = 0;
  std::string code;  // "NoSuchKey", "AccessDenied", ... ; "" when the body has none
  std::string message;
  std::string request_id;
};

// Never fails: an unreadable body leaves code/message empty.
AwsError ParseAwsError(const HttpResponse& response);

// "HTTP 403 AccessDenied: Access Denied (request id R)" for messages.
std::string Describe(const AwsError& e);

// The Status for a failed call: 401/403 PermissionDenied, 404 NotFound, 409/412 Conflict,
// 429/5xx (and Throttling codes) Unavailable, other 4xx InvalidArgument. what names the
// call ("ec2 DescribeImages"); hint is appended for PermissionDenied.
Status StatusFromAwsError(const AwsError& e, const std::string& what, const std::string& hint = "");

}  // namespace kops::awsapi
