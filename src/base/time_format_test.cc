#include "base/time_format.h"

#include <gtest/gtest.h>

namespace kops {
namespace {

// 2025-01-02T03:04:05.678Z: fractions are dropped, the zone is always UTC.
std::chrono::system_clock::time_point Sample() {
  return std::chrono::system_clock::time_point(std::chrono::milliseconds(1735787045678LL));
}

TEST(TimeFormatTest, Rfc3339IsUtcWholeSeconds) {
  EXPECT_EQ(Rfc3339Utc(Sample()), "2025-01-02T03:04:05Z");
  EXPECT_EQ(Rfc3339Utc(std::chrono::system_clock::time_point{}), "1970-01-01T00:00:00Z");
}

TEST(TimeFormatTest, AnyStrftimeFormat) {
  EXPECT_EQ(FormatUtc(Sample(), "%Y%m%dT%H%M%SZ"), "20250102T030405Z");
  EXPECT_EQ(FormatUtc(Sample(), "%m%d %H:%M:%S"), "0102 03:04:05");
  EXPECT_EQ(FormatUtc(Sample(), ""), "");
}

}  // namespace
}  // namespace kops
