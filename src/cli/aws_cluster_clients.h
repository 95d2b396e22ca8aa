// The clients the operating verbs (validate cluster, rolling-update cluster) use on an
// `aws` cluster: autoscaling, EC2 and load balancing in the cluster's region (its zones'
// region; credentials and endpoints from the environment as every AWS call of the tool),
// and the Kubernetes API as kube_access.h finds it.
#pragma once

#include <memory>

#include "awsapi/autoscaling_client.h"
#include "awsapi/ec2.h"
#include "awsapi/elbv2_client.h"
#include "cli/opened_cluster.h"
#include "ops/api_client.h"
#include "ops/aws_validation_source.h"

namespace kops::cli {

struct AwsClusterClients {
  std::unique_ptr<awsapi::AutoScalingClient> autoscaling;
  std::unique_ptr<awsapi::Ec2Client> ec2;
  std::unique_ptr<awsapi::Elbv2Client> elbv2;
  std::unique_ptr<ops::ApiClient> kube;  // null when not wanted
  std::string kube_source;               // where the API's address and identity came from

  ops::AwsClients view() const { return {autoscaling.get(), ec2.get(), elbv2.get(), kube.get()}; }
};

// want_kube false (--cloudonly): no Kubernetes API client is made.
Result<AwsClusterClients> OpenAwsClusterClients(const OpenedCluster& c, bool want_kube);

}  // namespace kops::cli
