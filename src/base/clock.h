// Clock: the seam for time. Real code takes a Clock&; tests pass a FakeClock
// (fake_clock.h) and advance it by hand, so nothing sleeps.
#pragma once

#include <chrono>

namespace kops {

class Clock {
 public:
  using Duration = std::chrono::steady_clock::duration;
  using TimePoint = std::chrono::steady_clock::time_point;
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
  // Blocks for d (a FakeClock advances itself instead).
  virtual void SleepFor(Duration d) = 0;
  // Wall-clock seconds since the Unix epoch (for timestamps written to specs and logs).
  virtual std::chrono::system_clock::time_point WallNow() const = 0;
};

class RealClock : public Clock {
 public:
  TimePoint Now() const override;
  void SleepFor(Duration d) override;
  std::chrono::system_clock::time_point WallNow() const override;
  static RealClock& Instance();
};

}  // namespace kops
