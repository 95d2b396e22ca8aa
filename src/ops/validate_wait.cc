#include "ops/validate_wait.h"

#include <algorithm>

namespace kops::ops {

std::string ShortDuration(Clock::Duration d) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  if (ms == 0) return "0s";  // as Go prints a zero duration
  if (ms < 1000) return std::to_string(ms) + "ms";
  auto s = ms / 1000;
  if (s < 60) return std::to_string(s) + "s";
  return std::to_string(s / 60) + "m" + std::to_string(s % 60) + "s";
}

namespace {

void Report(std::ostream& progress, Clock::Duration elapsed, const ValidateRun& run) {
  progress << "Validation of the cluster failed after " << ShortDuration(elapsed) << " (will retry): ";
  if (!run.last) {
    progress << run.error.message() << "\n";
    return;
  }
  progress << run.last->failures.size() << " failure(s)\n";
  for (const ValidationFailure& f : run.last->failures)
    progress << "  " << f.kind << "\t" << f.name << "\t" << f.message << "\n";
}

}  // namespace

ValidateRun ValidateWithWait(const std::function<Result<ValidationInput>()>& observe,
                             const ValidationOptions& options, const WaitOptions& wait, Clock& clock,
                             std::ostream& progress) {
  ValidateRun run;
  const Clock::TimePoint start = clock.Now();
  const Clock::TimePoint deadline = start + wait.wait;
  const int needed = std::max(1, wait.count);
  int consecutive = 0;
  while (true) {
    ++run.attempts;
    Result<ValidationInput> in = observe();
    if (in.ok()) {
      run.last = EvaluateCluster(*in, options);
      run.healthy = run.last->healthy();
    } else {
      run.error = in.status();
      run.healthy = false;
    }
    consecutive = run.healthy ? consecutive + 1 : 0;
    if (wait.wait <= Clock::Duration::zero()) return run;
    if (consecutive >= needed) return run;
    Clock::TimePoint now = clock.Now();
    if (now >= deadline) {
      run.timed_out = true;
      return run;
    }
    if (!run.healthy) Report(progress, now - start, run);
    else progress << "Validation succeeded " << consecutive << " of " << needed << " times in a row\n";
    clock.SleepFor(std::min(wait.interval, deadline - now));
  }
}

}  // namespace kops::ops
