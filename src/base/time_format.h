// Wall-clock times as text, in UTC (strftime over gmtime_r, whole seconds).
#pragma once

#include <chrono>
#include <string>

namespace kops {

// t formatted by strftime's format, in UTC.
std::string FormatUtc(std::chrono::system_clock::time_point t, const char* format);

// "2006-01-02T15:04:05Z": how Kubernetes and kops write timestamps.
std::string Rfc3339Utc(std::chrono::system_clock::time_point t);

}  // namespace kops
