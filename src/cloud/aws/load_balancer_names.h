// Load balancer names as kops forms them (pkg/truncate, awsup.GetResourceName32,
// pkg/model/names.go NLBName / LBName32 / NLBTargetGroupName).
#pragma once

#include <string>

#include "cloud/aws/model_context.h"

namespace kops::cloud::aws {

// kops' truncate.TruncateString: when `always_add_hash` or s is longer than max_length,
// s cut to max_length - 7 characters, then "-" and the first 6 characters of the
// lower-case base32hex of s's FNV-1a 32-bit hash. Never longer than max_length.
std::string TruncateWithHash(const std::string& s, size_t max_length, bool always_add_hash);

// "<prefix>-<cluster with dots as dashes>" truncated to 32 with the hash always added:
// the AWS name of load balancers and target groups ("api-ha-example-com-1a2b3c").
std::string ResourceName32(const std::string& cluster, const std::string& prefix);

// The NLB task name: "<prefix>-<cluster with dots as dashes>" ("api-ha-example-com").
std::string NlbTaskName(const ModelContext& m, const std::string& prefix);

// Task keys of the load balancer resources.
inline std::string NlbKey(const ModelContext& m, const std::string& prefix) {
  return "NetworkLoadBalancer/" + NlbTaskName(m, prefix);
}
inline std::string TargetGroupKey(const ModelContext& m, const std::string& prefix) {
  return "TargetGroup/" + ResourceName32(m.cluster_name(), prefix);
}

}  // namespace kops::cloud::aws
