#include "cloud/local/observe.h"

#include <algorithm>

namespace kops::cloud::local {

namespace {

int64_t Ms(Clock::Duration d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

void RecordUnexpectedDeath(Group& g, const Instance& i, int64_t now_ms, const ObserveOptions& o) {
  if (now_ms - i.launched_at_ms >= Ms(o.min_healthy_uptime)) {
    g.consecutive_failures = 0;
    g.next_launch_after_ms = 0;
    return;
  }
  g.consecutive_failures++;
  int64_t wait = Ms(o.backoff_base);
  for (int n = 1; n < g.consecutive_failures && wait < Ms(o.backoff_max); ++n) wait *= 2;
  g.next_launch_after_ms = now_ms + std::min(wait, Ms(o.backoff_max));
}

}  // namespace

std::vector<std::string> ObserveProcesses(CloudState& state, ProcessRunner& runner,
                                          Clock::TimePoint now, const ObserveOptions& options) {
  int64_t now_ms = ToMillis(now);
  std::vector<std::string> ended;
  for (auto& [id, i] : state.instances) {
    if (i.state == InstanceState::kTerminated) continue;
    ProcessHandle handle{i.pid, i.pid_start_ticks};
    if (runner.IsAlive(handle)) continue;
    std::string reason = "process gone";
    auto exit = runner.Reap(handle);
    if (exit.ok() && exit->has_value()) reason = (*exit)->ToString();
    if (i.state == InstanceState::kRunning) {
      auto g = state.groups.find(i.group_key);
      if (g != state.groups.end()) RecordUnexpectedDeath(g->second, i, now_ms, options);
      i.state_reason = reason;
    } else if (i.state_reason.empty()) {
      i.state_reason = reason;
    }
    i.state = InstanceState::kTerminated;
    i.terminated_at_ms = now_ms;
    ended.push_back(id);
  }
  return ended;
}

}  // namespace kops::cloud::local
