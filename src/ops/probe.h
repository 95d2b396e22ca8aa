// RunProbe: the loop of `kops toolbox probe`. For `duration` it creates one ConfigMap
// per tick (rate per second, on a schedule) in namespace `ns`, each with a distinct name
// "<prefix><seq>" and data {"value": "<run id>/<seq>"}, so a write is idempotent by
// name and its value can be checked; after each acknowledged write it reads the
// previous acknowledged one back (the one acknowledged just before it, by completion).
// Ticks missed while every worker was busy are skipped (no bursts). At the end it lists the namespace (retrying for up to verify_timeout) and
// accounts acknowledged writes that are missing (probe_accounting.h); then it deletes
// its objects, for at most cleanup_timeout. The run is bounded by duration plus one
// call timeout, plus the verify and cleanup budgets. Time and sleeps go through the
// Clock only; `progress` (may be null) gets a line every progress_every.
#pragma once

#include <ostream>
#include <string>

#include "base/clock.h"
#include "ops/api_client.h"
#include "ops/probe_accounting.h"
#include "ops/probe_workers.h"

namespace kops::ops {

struct ProbeOptions {
  Clock::Duration duration = std::chrono::seconds(30);
  double rate = 50;  // writes per second
  std::string ns = "default";
  std::string prefix = "kops-probe-";  // the caller makes it unique per run
  Clock::Duration verify_timeout = std::chrono::seconds(10);
  Clock::Duration cleanup_timeout = std::chrono::seconds(10);
  Clock::Duration progress_every = std::chrono::seconds(5);
};

ProbeReport RunProbe(ApiClient& api, Clock& clock, const ProbeOptions& options, std::ostream* progress);

// The same with the writes spread over `workers` (probe_workers.h): at each tick one write
// is submitted, waiting while every worker is busy; a tick missed meanwhile is skipped, so
// writes never exceed the rate. `api` serves the final re-read and the cleanup.
ProbeReport RunProbe(ApiClient& api, ProbeWorkers& workers, Clock& clock, const ProbeOptions& options,
                     std::ostream* progress);

}  // namespace kops::ops
