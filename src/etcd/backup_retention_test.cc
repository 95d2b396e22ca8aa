#include "etcd/backup_retention.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace kops::etcd {
namespace {

using namespace std::chrono_literals;

// 2024-05-01T00:00:00Z
const WallTime kMidnight = WallTime{} + std::chrono::seconds(1714521600);

std::string NameAt(std::chrono::seconds after_midnight, int seq = 1) {
  return BackupName(kMidnight + after_midnight, seq);
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(ParseHumanDurationTest, DaysYearsAndGoDurations) {
  EXPECT_EQ(*ParseHumanDuration("90d"), std::chrono::hours(24 * 90));
  EXPECT_EQ(*ParseHumanDuration("1y"), std::chrono::hours(24 * 365));
  EXPECT_EQ(*ParseHumanDuration("15m"), 15min);
  EXPECT_EQ(*ParseHumanDuration("1h0m0s"), 1h);
  for (const char* bad : {"", "d", "-1d", "1.5d", "forever", "10"}) {
    auto r = ParseHumanDuration(bad);
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << bad;
  }
}

TEST(BackupsToRemoveTest, KeepsRecentAllThenOldestPerHourThenPerDay) {
  RetentionPolicy p;  // 1h all, 7d hourly, 1y daily
  WallTime now = kMidnight + 10 * 24h;
  std::vector<std::string> names = {
      // within the last hour: all kept
      NameAt(10 * 24h - 10min), NameAt(10 * 24h - 25min),
      // 2 days ago, same hour: only the oldest (02:05) kept
      NameAt(8 * 24h + 2h + 5min), NameAt(8 * 24h + 2h + 20min), NameAt(8 * 24h + 2h + 50min),
      // 2 days ago, next hour: kept
      NameAt(8 * 24h + 3h + 1min),
      // 30 days ago... in the future relative to kMidnight? no: 0..9 days only here;
      // 9 days ago (older than 7d): one per day
      NameAt(1 * 24h + 1h), NameAt(1 * 24h + 5h), NameAt(1 * 24h + 23h),
      "not-a-backup"};
  std::vector<std::string> removed = BackupsToRemove(names, now, p);
  std::vector<std::string> want = {NameAt(8 * 24h + 2h + 20min), NameAt(8 * 24h + 2h + 50min),
                                   NameAt(1 * 24h + 5h), NameAt(1 * 24h + 23h)};
  EXPECT_EQ(removed, want);
}

TEST(BackupsToRemoveTest, DeletesEverythingOlderThanDailyRetention) {
  RetentionPolicy p;
  p.daily = 24h * 3;  // backupRetentionDays: 3
  WallTime now = kMidnight + 10 * 24h;
  std::string old = NameAt(1 * 24h);
  std::string kept = NameAt(9 * 24h);  // 1 day old: hourly band
  auto removed = BackupsToRemove({old, kept}, now, p);
  EXPECT_TRUE(Contains(removed, old));
  EXPECT_FALSE(Contains(removed, kept));
  EXPECT_TRUE(BackupsToRemove({}, now, p).empty());
}

}  // namespace
}  // namespace kops::etcd
