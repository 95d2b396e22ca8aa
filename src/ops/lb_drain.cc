#include "ops/lb_drain.h"

namespace kops::ops {

Result<LbDrained> DrainAndAwaitConnections(const std::function<Status()>& drain,
                                           const std::function<Result<int>()>& open_connections, Clock& clock,
                                           Clock::Duration timeout, Clock::Duration poll) {
  const Clock::TimePoint began = clock.Now();
  while (true) {
    Status drained = drain();
    if (drained.ok()) break;
    if (drained.code() != Code::kUnavailable || clock.Now() - began >= timeout) return drained;
    clock.SleepFor(poll);
  }
  LbDrained out;
  while (true) {
    ASSIGN_OR_RETURN(out.open, open_connections());
    if (out.open == 0 || clock.Now() - began >= timeout) break;
    clock.SleepFor(poll);
  }
  out.took = clock.Now() - began;
  return out;
}

}  // namespace kops::ops
