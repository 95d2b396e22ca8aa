#include "cloud/aws/cloud_lookup.h"

#include <algorithm>
#include <set>

#include "awsapi/ec2.h"
#include "awsapi/route53.h"
#include "awsapi/service_config.h"
#include "awsapi/sts.h"
#include "cloud/aws/builder_util.h"
#include "cloud/aws/cloud_data_sources.h"

namespace kops::cloud::aws {

namespace {

// The longest hosted zone whose name is `zone` or a parent of it; public zones first.
Result<std::string> FindHostedZone(awsapi::Route53Client& r53, const std::string& zone) {
  ASSIGN_OR_RETURN(auto zones, r53.ListHostedZonesByName(zone));
  std::string want = zone.ends_with(".") ? zone : zone + ".";
  for (bool private_zone : {false, true}) {
    for (const auto& z : zones) {
      if (z.name == want && z.private_zone == private_zone) return z.id;
    }
  }
  return NotFound("no Route53 hosted zone named " + want + " (from the cluster's DNS zone); "
                  "create it or set spec.dnsZone");
}

Status LookupImage(awsapi::Ec2Client& ec2, const std::string& image, CloudFacts& facts) {
  ImageName parsed = ParseImageName(image);
  awsapi::DescribeImagesRequest req;
  if (!parsed.owner.empty()) req.owners.push_back(parsed.owner);
  req.filters.push_back({"name", {parsed.name}});
  ASSIGN_OR_RETURN(auto images, ec2.DescribeImages(req));
  if (images.empty()) return NotFound("no AMI found for image \"" + image + "\"");
  auto newest = std::max_element(images.begin(), images.end(), [](const auto& a, const auto& b) {
    return a.creation_date < b.creation_date;
  });
  facts.image_ids[image] = newest->id;
  if (!newest->root_device_name.empty()) facts.image_root_devices[image] = newest->root_device_name;
  return Status::Ok();
}

}  // namespace

bool HaveAwsCredentials(const awsapi::EnvFn& env) {
  return awsapi::ResolveCredentials(env, awsapi::Service::kSts).ok();
}

Result<CloudFacts> LookupCloudFacts(const ModelInput& input, const awsapi::EnvFn& env,
                                    HttpClient& http) {
  ModelContext m(input);
  std::string region = m.Region();
  CloudFacts facts;
  ASSIGN_OR_RETURN(auto sts_config, awsapi::ServiceConfigForRegion(env, awsapi::Service::kSts, region));
  awsapi::StsClient sts(http, sts_config);
  ASSIGN_OR_RETURN(auto identity, sts.GetCallerIdentity());
  facts.account_id = identity.account;
  facts.partition = identity.Partition();
  if (UsesRoute53(m)) {
    ASSIGN_OR_RETURN(auto r53_config, awsapi::ServiceConfigForRegion(env, awsapi::Service::kRoute53, region));
    awsapi::Route53Client r53(http, r53_config);
    ASSIGN_OR_RETURN(facts.hosted_zone_id, FindHostedZone(r53, ClusterDnsZone(m)));
  }
  std::set<std::string> images;
  for (const auto& ig : input.instance_groups) {
    if (!ig.spec.image.empty() && !ig.spec.image.starts_with("ami-")) images.insert(ig.spec.image);
  }
  if (images.empty()) return facts;
  ASSIGN_OR_RETURN(auto ec2_config, awsapi::ServiceConfigForRegion(env, awsapi::Service::kEc2, region));
  awsapi::Ec2Client ec2(http, ec2_config);
  for (const auto& image : images) RETURN_IF_ERROR(LookupImage(ec2, image, facts));
  return facts;
}

}  // namespace kops::cloud::aws
