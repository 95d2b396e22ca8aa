// Where and how to reach one AWS service: credentials, signing region and base URL.
#pragma once

#include <string>

#include "awsapi/credentials.h"
#include "base/status.h"

namespace kops::awsapi {

struct ServiceConfig {
  Credentials credentials;
  std::string region;  // the SigV4 signing region
  std::string
      endpoint;  // base URL without trailing '/', e.g. "https://ec2.us-east-1.amazonaws.com"
};

// The public endpoint of service in region: ec2.<region>.amazonaws.com,
// sts.<region>.amazonaws.com (sts.amazonaws.com without a region), route53.amazonaws.com,
// s3.<region>.amazonaws.com.
std::string PublicEndpoint(Service service, const std::string& region);

// Resolves credentials, region and endpoint from env (credentials.h). Route53 always signs
// in us-east-1; STS falls back to us-east-1. InvalidArgument for EC2 without a region,
// naming AWS_REGION and AWS_DEFAULT_REGION.
Result<ServiceConfig> ServiceConfigFromEnv(const EnvFn& env, Service service);
// The same for a region the caller knows (the cluster's, from its zones): credentials
// and endpoint from env, region as given (Route53 still signs in us-east-1).
Result<ServiceConfig> ServiceConfigForRegion(const EnvFn& env, Service service, const std::string& region);

}  // namespace kops::awsapi
