// ValidateWithWait: `validate cluster [--wait D] [--count N]` as a loop over attempts.
// Each attempt calls observe() (one CollectValidationInput) and EvaluateCluster.
//   - wait == 0: one attempt.
//   - wait > 0: attempts every `interval` until `count` consecutive attempts (at least
//     one) are healthy or `wait` has passed since the start; between attempts a progress
//     line goes to `progress`: how long so far and what is failing (or the observe
//     error). The loop sleeps only through the Clock, so tests run it on a FakeClock.
// The result holds the last evaluated validation, or the last observe error when no
// attempt could observe anything.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <ostream>

#include "base/clock.h"
#include "base/status.h"
#include "ops/validation.h"

namespace kops::ops {

struct WaitOptions {
  Clock::Duration wait{0};
  int count = 1;
  Clock::Duration interval = std::chrono::seconds(2);
};

struct ValidateRun {
  std::optional<ClusterValidation> last;
  Status error;  // the last observe error (only meaningful when !last)
  bool healthy = false;
  bool timed_out = false;
  int attempts = 0;
};

ValidateRun ValidateWithWait(const std::function<Result<ValidationInput>()>& observe,
                             const ValidationOptions& options, const WaitOptions& wait, Clock& clock,
                             std::ostream& progress);

// "1m5s", "12s", "850ms": a short human duration for progress lines.
std::string ShortDuration(Clock::Duration d);

}  // namespace kops::ops
