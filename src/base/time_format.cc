#include "base/time_format.h"

#include <ctime>

namespace kops {

std::string FormatUtc(std::chrono::system_clock::time_point t, const char* format) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  size_t n = std::strftime(buf, sizeof buf, format, &tm);
  return std::string(buf, n);
}

std::string Rfc3339Utc(std::chrono::system_clock::time_point t) {
  return FormatUtc(t, "%Y-%m-%dT%H:%M:%SZ");
}

}  // namespace kops
