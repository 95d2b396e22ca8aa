// Cordon and drain of one Kubernetes Node through the API (what kops' rolling update does
// with kubectl's drain helper: cordon, then evict with --ignore-daemonsets
// --delete-emptydir-data --force). One call acts once; waiting belongs to the caller.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "ops/api_client.h"

namespace kops::ops {

// kubectl cordon: PATCH /api/v1/nodes/<node> {"spec":{"unschedulable":true}} as a strategic
// merge patch. A node the API does not know is kNotFound naming it.
Status CordonNode(ApiClient& api, const std::string& node);

// DELETE /api/v1/nodes/<name>; a Node already gone (404) is not an error.
Status DeleteNode(ApiClient& api, const std::string& node);

struct DrainStep {
  int evicted = 0;  // evictions the API accepted in this step
  // "namespace/name" of the pods still on the node: evicted but still terminating, refused by a
  // PodDisruptionBudget (HTTP 429), or terminating before this step.
  std::vector<std::string> remaining;
  std::map<std::string, std::string> reasons;  // remaining pod -> why it is still there
  // DaemonSet-managed and mirror (static) pods: never evicted (kubectl drain --ignore-daemonsets).
  std::vector<std::string> skipped;
  bool drained() const { return remaining.empty(); }
};

// One pass of kubectl drain --ignore-daemonsets --delete-emptydir-data --force: lists the pods
// bound to the node, skips DaemonSet-owned and mirror pods, ignores finished ones
// (Succeeded/Failed), asks a policy/v1 Eviction for each pod not already terminating and
// reports what is left. An eviction answered other than 200/201 (accepted), 404 (already
// gone) or 429 (refused by a disruption budget) is an error naming the pod and the status.
Result<DrainStep> EvictPodsOnce(ApiClient& api, const std::string& node);

// "default/web-1 (terminating), default/db-0 (refused by a disruption budget: ...)" for the
// first `limit` remaining pods, then "and N more".
std::string DescribeRemaining(const DrainStep& step, size_t limit = 5);

// RFC 3986 percent-encoding of everything but unreserved characters (for query values).
std::string PercentEncode(const std::string& s);

}  // namespace kops::ops
