#include "etcd/backup_retention.h"

#include <map>
#include <optional>
#include <set>

#include "base/go_duration.h"

namespace kops::etcd {

Result<std::chrono::seconds> ParseHumanDuration(std::string_view text) {
  auto bad = [&] {
    return InvalidArgument("duration \"" + std::string(text) +
                           "\": want a Go duration (e.g. 36h) or a number of days or years (7d, 1y)");
  };
  if (!text.empty() && (text.back() == 'd' || text.back() == 'y')) {
    std::string_view digits = text.substr(0, text.size() - 1);
    if (digits.empty() || digits.size() > 6) return bad();
    for (char c : digits)
      if (c < '0' || c > '9') return bad();
    long n = std::stol(std::string(digits));
    return std::chrono::seconds(n * 24 * 3600 * (text.back() == 'y' ? 365 : 1));
  }
  Result<std::chrono::milliseconds> d = ParseGoDuration(text);
  if (!d.ok()) return bad();
  return std::chrono::duration_cast<std::chrono::seconds>(*d);
}

std::vector<std::string> BackupsToRemove(const std::vector<std::string>& names, WallTime now,
                                         const RetentionPolicy& policy) {
  using std::chrono::seconds;
  std::set<std::string> keep;
  // bucket start -> (oldest time in it, its name); hour and day buckets never collide
  // because a backup falls in exactly one age band.
  std::map<std::pair<int, int64_t>, std::pair<WallTime, std::string>> oldest;
  for (const std::string& name : names) {
    std::optional<WallTime> t = ParseBackupName(name);
    if (!t) {
      keep.insert(name);
      continue;
    }
    auto age = now - *t;
    if (age < policy.min_age) {
      keep.insert(name);
      continue;
    }
    int64_t unix = std::chrono::duration_cast<seconds>(t->time_since_epoch()).count();
    std::pair<int, int64_t> bucket;
    if (age < policy.hourly) {
      bucket = {0, unix - ((unix % 3600) + 3600) % 3600};
    } else if (age < policy.daily) {
      bucket = {1, unix - ((unix % 86400) + 86400) % 86400};
    } else {
      continue;
    }
    auto it = oldest.find(bucket);
    if (it == oldest.end() || *t < it->second.first) oldest[bucket] = {*t, name};
  }
  for (const auto& [bucket, entry] : oldest) keep.insert(entry.second);
  std::vector<std::string> remove;
  for (const std::string& name : names)
    if (!keep.count(name)) remove.push_back(name);
  return remove;
}

}  // namespace kops::etcd
