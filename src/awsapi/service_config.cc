#include "awsapi/service_config.h"

namespace kops::awsapi {

std::string PublicEndpoint(Service service, const std::string& region) {
  switch (service) {
    case Service::kEc2:
      return "https://ec2." + region + ".amazonaws.com";
    case Service::kSts:
      return region.empty() ? "https://sts.amazonaws.com"
                            : "https://sts." + region + ".amazonaws.com";
    case Service::kRoute53:
      return "https://route53.amazonaws.com";
    case Service::kS3:
      return "https://s3." + region + ".amazonaws.com";
    case Service::kAutoScaling:
      return "https://autoscaling." + region + ".amazonaws.com";
    case Service::kElasticLoadBalancing:
      return "https://elasticloadbalancing." + region + ".amazonaws.com";
  }
  return "";
}

Result<ServiceConfig> ServiceConfigFromEnv(const EnvFn& env, Service service) {
  ServiceConfig c;
  ASSIGN_OR_RETURN(c.credentials, ResolveCredentials(env, service));
  c.region = ResolveRegion(env, service);
  if (service == Service::kRoute53) c.region = "us-east-1";
  if (c.region.empty()) {
    if (service == Service::kEc2 || service == Service::kAutoScaling || service == Service::kElasticLoadBalancing)
      return InvalidArgument(
          std::string("no AWS region set for ") + SigningName(service) + "; set AWS_REGION or AWS_DEFAULT_REGION (e.g. us-east-1), or "
          "region in the profile's section of ~/.aws/config");
    c.region = "us-east-1";
  }
  c.endpoint = ResolveEndpoint(env, service);
  if (c.endpoint.empty()) c.endpoint = PublicEndpoint(service, c.region);
  return c;
}

Result<ServiceConfig> ServiceConfigForRegion(const EnvFn& env, Service service, const std::string& region) {
  ServiceConfig c;
  ASSIGN_OR_RETURN(c.credentials, ResolveCredentials(env, service));
  c.region = service == Service::kRoute53 ? "us-east-1" : region;
  c.endpoint = ResolveEndpoint(env, service);
  if (c.endpoint.empty()) c.endpoint = PublicEndpoint(service, c.region);
  return c;
}

}  // namespace kops::awsapi
