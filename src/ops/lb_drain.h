// Taking an instance out of the API load balancer and letting its connections finish: the
// step rolling-update and scale control-plane both take before an instance (or its etcd
// member) goes.
#pragma once

#include <functional>

#include "base/clock.h"
#include "base/status.h"

namespace kops::ops {

struct LbDrained {
  int open = 0;            // connections still open when the wait ended (0: all finished)
  Clock::Duration took{};  // from the first drain call
};

// Calls drain() until it succeeds, retrying while it answers Unavailable (a balancer
// that has not loaded the instance yet: the local cloud's haproxy says "No such server"
// until its reload completes) until timeout; any other error, or the last Unavailable, is
// returned as it came. Then polls open_connections() until none is open or timeout has
// passed since the start, sleeping poll between calls.
Result<LbDrained> DrainAndAwaitConnections(const std::function<Status()>& drain,
                                           const std::function<Result<int>()>& open_connections, Clock& clock,
                                           Clock::Duration timeout, Clock::Duration poll);

}  // namespace kops::ops
