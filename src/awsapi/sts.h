// STS GetCallerIdentity: which account and principal the credentials belong to.
#pragma once

#include <string>

#include "awsapi/query_client.h"

namespace kops::awsapi {

struct CallerIdentity {
  std::string account;  // "123456789012"
  std::string arn;      // "arn:aws:iam::123456789012:user/kops"
  std::string user_id;
  // The partition from the ARN ("aws", "aws-cn", ...), "" if the ARN is malformed.
  std::string Partition() const;
};

class StsClient {
 public:
  StsClient(HttpClient& http, ServiceConfig config, const Clock& clock = RealClock::Instance())
      : query_(http, std::move(config), "sts", "2011-06-15", clock) {}
  Result<CallerIdentity> GetCallerIdentity();

 private:
  QueryClient query_;
};

}  // namespace kops::awsapi
