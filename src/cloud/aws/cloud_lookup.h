// Asks AWS for what the model cannot know offline (cloud_facts.h): STS
// GetCallerIdentity (account, partition), Route53 for the hosted zone of the cluster's
// DNS zone, EC2 DescribeImages for each distinct image name (one call per image; "ami-"
// ids are not looked up). Endpoints and credentials from the environment
// (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>, AWS_* credentials, profiles).
#pragma once

#include "awsapi/credentials.h"
#include "base/http.h"
#include "base/status.h"
#include "cloud/aws/cloud_facts.h"
#include "cloud/aws/model_context.h"

namespace kops::cloud::aws {

// True when credentials for STS can be found in env (then LookupCloudFacts is used).
bool HaveAwsCredentials(const awsapi::EnvFn& env);

// The facts for input (its region, DNS zone and images). NotFound naming the image when
// no AMI matches; NotFound naming the zone when no hosted zone matches a cluster that
// uses Route53.
Result<CloudFacts> LookupCloudFacts(const ModelInput& input, const awsapi::EnvFn& env,
                                    HttpClient& http);

}  // namespace kops::cloud::aws
