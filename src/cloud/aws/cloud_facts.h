// CloudFacts: what only the AWS account knows and the model needs while rendering (the
// account and partition, the hosted zone of the cluster's DNS domain, the AMI of each
// image name), and StateStoreLocation: where the cluster's state lives, for the IAM
// policies and the aws_s3_object resources.
//
// An empty fact means "not known" (offline): builders then fall back to Terraform data
// sources (cloud_data_sources.h) or to what the region implies (the partition).
#pragma once

#include <map>
#include <string>

namespace kops::cloud::aws {

struct CloudFacts {
  std::string account_id;      // "123456789012"
  std::string partition;       // "aws", "aws-cn", "aws-test"...
  std::string hosted_zone_id;  // "Z1AFAKE1ZON3YO" (no "/hostedzone/" prefix)
  // image name as written in the instance group -> AMI id and root device name
  std::map<std::string, std::string> image_ids;
  std::map<std::string, std::string> image_root_devices;

  bool online() const { return !account_id.empty(); }
};

struct StateStoreLocation {
  std::string scheme;  // "s3", "file", "memfs"; "" when unknown
  std::string bucket;  // S3 only
  // The cluster's path inside the store: "tests/minimal.example.com" for
  // s3://bucket/tests with cluster minimal.example.com.
  std::string cluster_path;

  bool is_s3() const { return scheme == "s3" && !bucket.empty(); }
};

}  // namespace kops::cloud::aws
