#include "ops/rolling_update_settings.h"

#include "ops/validation_source.h"

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

RollGroup RollGroupOfSpec(const api::Cluster& cluster, const api::InstanceGroup& ig) {
  RollGroup g;
  g.name = ig.name();
  g.role = KopsRole(ig.spec.role);
  g.min_size = ig.spec.min_size.value_or(1);
  g.max_size = ig.spec.max_size.value_or(g.min_size);
  g.target = g.min_size;
  ResolveRollingUpdateSettings(cluster, ig, g);
  return g;
}

}  // namespace kops::ops
