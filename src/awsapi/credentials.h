// AWS credentials, region and endpoint resolution, in the order kops and the AWS SDKs use.
//
// Environment is read through an EnvFn so tests never touch the real environment.
// Credentials, for S3:   S3_ACCESS_KEY_ID + S3_SECRET_ACCESS_KEY (kops' own, for S3-compatible
//                        stores), then the chain below.
//            for others: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN), then
//                        profile AWS_PROFILE (or "default") in AWS_SHARED_CREDENTIALS_FILE (or
//                        ~/.aws/credentials), then the same profile in AWS_CONFIG_FILE (or
//                        ~/.aws/config).
// Region:   (S3: S3_REGION), AWS_REGION, AWS_DEFAULT_REGION, the profile's region in the config
//           file; "" when none is set.
// Endpoint: (S3: S3_ENDPOINT), AWS_ENDPOINT_URL_<SERVICE> (S3, EC2, STS, ROUTE_53),
//           AWS_ENDPOINT_URL; "" means the service's public AWS endpoint.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "base/status.h"

namespace kops::awsapi {

// Returns the value of an environment variable, or nullopt when unset.
using EnvFn = std::function<std::optional<std::string>(const std::string& name)>;

// The process environment (getenv).
EnvFn ProcessEnv();
// A fixed environment for tests.
EnvFn MapEnv(std::map<std::string, std::string> vars);

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty unless temporary credentials
  std::string source;  // where they were found, for messages ("environment AWS_ACCESS_KEY_ID")
};

// The service names used in AWS_ENDPOINT_URL_<SERVICE> and in SigV4 scopes.
enum class Service { kS3, kEc2, kSts, kRoute53, kAutoScaling, kElasticLoadBalancing };
const char* SigningName(Service s);        // "s3", "ec2", "sts", "route53", "autoscaling", "elasticloadbalancing"
const char* EndpointEnvSuffix(Service s);  // "S3", "EC2", "STS", "ROUTE_53", "AUTO_SCALING", "ELASTIC_LOAD_BALANCING_V2"

// PermissionDenied naming every variable and file consulted when nothing is found;
// InvalidArgument when a key id is set without its secret (or the reverse).
Result<Credentials> ResolveCredentials(const EnvFn& env, Service service);
std::string ResolveRegion(const EnvFn& env, Service service);
std::string ResolveEndpoint(const EnvFn& env, Service service);

}  // namespace kops::awsapi
