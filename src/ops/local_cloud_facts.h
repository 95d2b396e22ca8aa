// What the local cloud knows about one cluster, fetched once per validation attempt
// (or per command): its instances, its groups and its API load balancer. The pure
// part (FactsFromStatus) reads the daemon's Status answer (service.h), so it is
// tested without a daemon.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "cloud/local/client.h"
#include "cloud/local/state_json.h"

namespace kops::ops {

struct LocalCloudFacts {
  std::vector<cloud::local::InstanceInfo> instances;  // every instance of the cluster
  std::vector<cloud::local::Group> groups;            // the cluster's groups
  std::optional<cloud::local::LoadBalancer> api_lb;   // the API load balancer, if any
};

// Groups and the load balancer of cluster_id from a Status answer. The API load
// balancer is the one named "api" when there is one, else the first whose name starts
// with "api", else the cluster's only one. kInvalidArgument when status is malformed.
Result<LocalCloudFacts> FactsFromStatus(const cloud::local::Json& status, const std::string& cluster_id);

// Status + DescribeInstances of the daemon.
Result<LocalCloudFacts> FetchLocalCloudFacts(cloud::local::LocalCloudClient& client,
                                             const cloud::local::ClusterRef& ref);

// "https://<address>:<port>" of the API load balancer; FailedPrecondition naming the
// cluster when it has none (not yet created by update cluster --yes).
Result<std::string> LocalApiEndpoint(const LocalCloudFacts& facts, const std::string& cluster);

}  // namespace kops::ops
