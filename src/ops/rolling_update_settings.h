// A group's rolling-update settings as kops resolves them: the instance group's
// spec.rollingUpdate, each unset field taken from the cluster's spec.rollingUpdate.
#pragma once

#include "api/cluster.h"
#include "api/instance_group.h"
#include "ops/rolling_update_cloud.h"

namespace kops::ops {

// Sets group.max_surge and group.max_unavailable (left unset when neither spec sets them:
// the plan's defaults apply).
void ResolveRollingUpdateSettings(const api::Cluster& cluster, const api::InstanceGroup& ig, RollGroup& group);

// A group as its spec describes it, before the cloud is asked: name, kops' role, sizes
// (target = minSize) and the resolved rolling-update settings; no instances.
RollGroup RollGroupOfSpec(const api::Cluster& cluster, const api::InstanceGroup& ig);

}  // namespace kops::ops
