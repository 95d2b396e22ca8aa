// EvaluateCluster: the verdict of `validate cluster`, a pure function of what was
// observed (validation_types.h). Rules, in this order of failures:
//   - every instance group is in the cloud and has at least min_size machines that are
//     running and not outdated (kops' rule; the message names running and outdated);
//   - every running machine of a non-control-plane group has joined as a Node (kops:
//     "machine ... has not yet joined cluster") and that Node is Ready: Ready condition
//     True with a heartbeat within options.node_grace (instance/node_status.h). Node
//     objects with no running machine (instances already gone) are ignored, as kops
//     matches nodes through cloud instances;
//   - every etcd cluster: each spec member has a running instance, answers and is
//     healthy; the reachable members agree on exactly one leader, which is a member;
//     revisions of the healthy members lag the highest by at most options.max_revision_lag;
//     the member list holds exactly the spec's members, all started and none a learner;
//   - the API answers /readyz with 200 through the load balancer.
// Nodes in the result are the matched nodes (kops' NODE STATUS), sorted by name.
#pragma once

#include <chrono>

#include "ops/validation_types.h"

namespace kops::ops {

struct ValidationOptions {
  std::chrono::seconds node_grace{40};
  int64_t max_revision_lag = 10;
  // Outdated machines count as members of their group, as kops' validation counts
  // NeedUpdate instances (a rolling update validates while old instances remain).
  bool count_outdated = false;
};

ClusterValidation EvaluateCluster(const ValidationInput& input, const ValidationOptions& options = {});

// The etcd part of EvaluateCluster: appends rows and failures.
void EvaluateEtcd(const std::vector<EtcdClusterObservation>& clusters,
                  const ValidationOptions& options, ClusterValidation& out);

}  // namespace kops::ops
