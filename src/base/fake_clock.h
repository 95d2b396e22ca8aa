// FakeClock: time moves only when a test (or SleepFor) advances it.
#pragma once

#include <mutex>

#include "base/clock.h"

namespace kops {

class FakeClock : public Clock {
 public:
  FakeClock() : now_(TimePoint{} + std::chrono::hours(1)),
                wall_(std::chrono::system_clock::time_point{} + std::chrono::hours(24 * 365 * 50)) {}
  TimePoint Now() const override {
    std::lock_guard lock(mu_);
    return now_;
  }
  void SleepFor(Duration d) override { Advance(d); }
  std::chrono::system_clock::time_point WallNow() const override {
    std::lock_guard lock(mu_);
    return wall_;
  }
  void Advance(Duration d) {
    std::lock_guard lock(mu_);
    now_ += d;
    wall_ += std::chrono::duration_cast<std::chrono::system_clock::duration>(d);
  }

 private:
  mutable std::mutex mu_;
  TimePoint now_;
  std::chrono::system_clock::time_point wall_;
};

}  // namespace kops
