// ObserveProcesses: the only place the local cloud learns that an instance's process has
// ended. For each running or terminating instance whose process is no longer alive (per
// the runner, with pid-reuse protection), it reaps the exit when the process is our child,
// marks the instance terminated with the reason ("exited with code 1", "killed by signal
// 9", or "process gone" for an adopted one) and, when the death was not asked for, keeps
// the group's crash-loop backoff: a death within min_healthy_uptime of launch doubles the
// wait before the next launch (base .. max); a death after it resets the backoff.
#pragma once

#include <string>
#include <vector>

#include "base/clock.h"
#include "cloud/local/model.h"
#include "cloud/local/process_runner.h"

namespace kops::cloud::local {

struct ObserveOptions {
  Clock::Duration min_healthy_uptime = std::chrono::seconds(10);
  Clock::Duration backoff_base = std::chrono::seconds(1);
  Clock::Duration backoff_max = std::chrono::seconds(30);
};

// Returns the ids of the instances it marked terminated.
std::vector<std::string> ObserveProcesses(CloudState& state, ProcessRunner& runner,
                                          Clock::TimePoint now, const ObserveOptions& options = {});

}  // namespace kops::cloud::local
