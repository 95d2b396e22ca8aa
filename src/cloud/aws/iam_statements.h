// The statements of kops' control-plane policy (pkg/model/iam/iam_builder.go,
// BuildAWSPolicyMaster for a cluster kops manages with kops-controller, the AWS CCM and
// the EBS CSI driver), in kops' order, as nlohmann::json objects.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <string>
#include <vector>

#include "cloud/aws/model_context.h"

namespace kops::cloud::aws {

inline constexpr std::array<const char*, 7> kEcrActions = {
    "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage",        "ecr:DescribeRepositories",
    "ecr:GetAuthorizationToken",       "ecr:GetDownloadUrlForLayer", "ecr:GetRepositoryPolicy",
    "ecr:ListImages"};

// What the statements depend on, taken from the model.
struct IamPolicyContext {
  std::string cluster_name;
  std::string partition;
  std::string region;
  std::string bucket;         // "" when the state store is not S3: no S3 statements
  std::string cluster_path;   // "tests/minimal.example.com"
  std::vector<std::string> etcd_clusters;  // in spec order
  bool route53 = false;
  std::string hosted_zone_id;  // "" with route53: every hosted zone ("hostedzone/*")
  bool allow_container_registry = false;
  bool calico = false;

  static IamPolicyContext From(const ModelContext& m);
};

std::vector<nlohmann::json> ControlPlaneStatements(const IamPolicyContext& c);

}  // namespace kops::cloud::aws
