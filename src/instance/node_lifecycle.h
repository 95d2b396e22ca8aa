// The node lifecycle part of a cloud controller manager, for the local cloud: a Node
// whose instance the cloud no longer runs is deleted, as kube-controller-manager's
// cloud node lifecycle controller deletes Nodes of instances that no longer exist. Without
// it, every instance killed by chaos, a zone outage or a lost process left a NotReady Node
// behind for good.
//
// Only Nodes named as the local cloud names instances ("i-" + 17 hex digits; the node
// agent registers its instance id) are considered, so Nodes created by hand are left
// alone. Every control plane runs the pass; deletions are idempotent.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"
#include "instance/object_store.h"

namespace kops::instance {

// True for "i-" followed by 17 lowercase hex digits.
bool LooksLikeLocalInstanceId(const std::string& name);

// Deletes every Node (/registry/minions/<name>) whose name looks like an instance id not in
// live_instances (the cloud's running and terminating instances of the cluster). Returns
// the names deleted. An error listing the Nodes is returned; a Node deleted meanwhile
// (kNotFound) counts as done.
Result<std::vector<std::string>> DeleteNodesOfGoneInstances(ObjectStore& store,
                                                            const std::set<std::string>& live_instances);

}  // namespace kops::instance
