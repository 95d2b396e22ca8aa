// RollingUpdate settings of kops' API: on an instance group (spec.rollingUpdate) and, as
// the default for every group, on the cluster (spec.rollingUpdate); a group's unset
// fields fall back to the cluster's.
#pragma once

#include <optional>

#include "api/int_or_string.h"

namespace kops::api {

struct RollingUpdateSpec {
  std::optional<bool> drain_and_terminate;
  std::optional<IntOrString> max_unavailable;
  std::optional<IntOrString> max_surge;
  template <class V>
  void Visit(V& v) {
    v("drainAndTerminate", drain_and_terminate);
    v("maxUnavailable", max_unavailable);
    v("maxSurge", max_surge);
  }
};

}  // namespace kops::api
