// NewCluster: `kops create cluster`'s options -> the Cluster and InstanceGroups kops
// would write (cloudup.NewCluster + the rest of RunCreateCluster up to validation),
// without touching any store or cloud.
#pragma once

#include <string>
#include <vector>

#include "api/cluster.h"
#include "api/instance_group.h"
#include "base/status.h"
#include "create/options.h"

namespace kops::create {

struct NewClusterResult {
  api::Cluster cluster;
  // kops' order: control planes, API servers, nodes, bastions.
  std::vector<api::InstanceGroup> instance_groups;
  // For stderr: kops' shared-zone redundancy warning. The etcd quorum verdict is the HA
  // report's (ops::QuorumVerdictLine), printed by the CLI.
  std::vector<std::string> warnings;
};

// Every error a user can cause is InvalidArgument naming the flag, the value and what
// is accepted; flags that need the cloud's API (--subnets, --utility-subnets, --vpc on
// AWS) are FailedPrecondition saying so.
Result<NewClusterResult> NewCluster(const CreateClusterOptions& options);

}  // namespace kops::create
