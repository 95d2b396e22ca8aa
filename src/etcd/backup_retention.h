// Which etcd backups to delete, as kops' etcd-manager prunes its backup store:
//   - a backup younger than min_age (1 h) is kept;
//   - younger than `hourly` (default 7 days, ETCD_MANAGER_HOURLY_BACKUPS_RETENTION): the
//     oldest backup of each hour is kept;
//   - younger than `daily` (default 1 year, ETCD_MANAGER_DAILY_BACKUPS_RETENTION, which
//     kops sets from the spec's manager.backupRetentionDays as "<n>d"): the oldest of
//     each day (UTC) is kept;
//   - everything else is deleted. Names that are not backup names are never deleted.
// Pure; the caller lists and deletes.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "etcd/backup_layout.h"

namespace kops::etcd {

struct RetentionPolicy {
  std::chrono::seconds min_age = std::chrono::hours(1);
  std::chrono::seconds hourly = std::chrono::hours(24 * 7);
  std::chrono::seconds daily = std::chrono::hours(24 * 365);
};

// Go durations plus etcd-manager's "<n>d" (days) and "<n>y" (365 days).
// kInvalidArgument naming the text.
Result<std::chrono::seconds> ParseHumanDuration(std::string_view text);

// The names (a subset of `names`, in their order) to delete at `now`.
std::vector<std::string> BackupsToRemove(const std::vector<std::string>& names, WallTime now,
                                         const RetentionPolicy& policy);

}  // namespace kops::etcd
