#include "ops/validate_wait.h"

#include <gtest/gtest.h>

#include <sstream>

#include "base/fake_clock.h"
#include "ops/validation_test_util.h"

namespace kops::ops {
namespace {

using namespace std::chrono_literals;

TEST(ValidateWithWait, NoWaitIsOneAttempt) {
  FakeClock clock;
  std::ostringstream progress;
  int calls = 0;
  ValidateRun run = ValidateWithWait(
      [&]() -> Result<ValidationInput> { return ++calls, testing::ZoneADown(); }, {}, {}, clock, progress);
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(run.healthy);
  EXPECT_FALSE(run.timed_out);
  ASSERT_TRUE(run.last.has_value());
  EXPECT_EQ(run.last->failures.size(), 4u);
  EXPECT_EQ(progress.str(), "");
}

TEST(ValidateWithWait, RetriesUntilHealthyWithProgress) {
  FakeClock clock;
  auto t0 = clock.Now();
  std::ostringstream progress;
  int calls = 0;
  auto observe = [&]() -> Result<ValidationInput> {
    ++calls;
    if (calls == 1) return Unavailable("local cloud daemon not answering");
    if (calls < 4) return testing::ZoneADown();
    return testing::HealthyInput();
  };
  ValidateRun run = ValidateWithWait(observe, {}, {.wait = 3min, .count = 1, .interval = 2s}, clock, progress);
  EXPECT_TRUE(run.healthy);
  EXPECT_EQ(run.attempts, 4);
  EXPECT_EQ(clock.Now() - t0, 6s);
  std::string p = progress.str();
  EXPECT_NE(p.find("Validation of the cluster failed after 0s (will retry): local cloud daemon not answering"),
            std::string::npos)
      << p;
  EXPECT_NE(p.find("failed after 2s (will retry): 4 failure(s)"), std::string::npos) << p;
  EXPECT_NE(p.find("  EtcdMember\tetcd-main/a\t"), std::string::npos) << p;
}

TEST(ValidateWithWait, TimesOutWithTheLastFailures) {
  FakeClock clock;
  auto t0 = clock.Now();
  std::ostringstream progress;
  ValidateRun run = ValidateWithWait([]() -> Result<ValidationInput> { return testing::ZoneADown(); }, {},
                                     {.wait = 5s, .count = 1, .interval = 2s}, clock, progress);
  EXPECT_FALSE(run.healthy);
  EXPECT_TRUE(run.timed_out);
  EXPECT_EQ(run.attempts, 4);  // at 0, 2, 4 and 5 s
  EXPECT_EQ(clock.Now() - t0, 5s);
  EXPECT_EQ(run.last->failures.size(), 4u);
}

TEST(ValidateWithWait, CountNeedsConsecutiveSuccesses) {
  FakeClock clock;
  std::ostringstream progress;
  int calls = 0;
  auto observe = [&]() -> Result<ValidationInput> {
    ++calls;
    return calls == 2 ? testing::ZoneADown() : testing::HealthyInput();
  };
  ValidateRun run = ValidateWithWait(observe, {}, {.wait = 1min, .count = 3, .interval = 1s}, clock, progress);
  EXPECT_TRUE(run.healthy);
  EXPECT_EQ(run.attempts, 5);  // ok, fail, ok, ok, ok
}

TEST(ShortDuration, Formats) {
  EXPECT_EQ(ShortDuration(850ms), "850ms");
  EXPECT_EQ(ShortDuration(0ms), "0s");
  EXPECT_EQ(ShortDuration(12s), "12s");
  EXPECT_EQ(ShortDuration(65s), "1m5s");
}

}  // namespace
}  // namespace kops::ops
