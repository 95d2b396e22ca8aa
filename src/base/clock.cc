#include "base/clock.h"

#include <thread>

namespace kops {

Clock::TimePoint RealClock::Now() const { return std::chrono::steady_clock::now(); }
void RealClock::SleepFor(Duration d) { std::this_thread::sleep_for(d); }
std::chrono::system_clock::time_point RealClock::WallNow() const {
  return std::chrono::system_clock::now();
}
RealClock& RealClock::Instance() {
  static RealClock clock;
  return clock;
}

}  // namespace kops
