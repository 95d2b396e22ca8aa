#include "ops/rolling_update_settings.h"

namespace kops::ops {

void ResolveRollingUpdateSettings(const api::Cluster& cluster, const api::InstanceGroup& ig, RollGroup& group) {
  group.max_surge.reset();
  group.max_unavailable.reset();
  if (ig.spec.rolling_update) {
    group.max_surge = ig.spec.rolling_update->max_surge;
    group.max_unavailable = ig.spec.rolling_update->max_unavailable;
  }
  if (const auto& defaults = cluster.spec.rolling_update) {
    if (!group.max_surge) group.max_surge = defaults->max_surge;
    if (!group.max_unavailable) group.max_unavailable = defaults->max_unavailable;
  }
}

}  // namespace kops::ops
