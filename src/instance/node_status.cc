#include "instance/node_status.h"
#include "base/time_format.h"

#include <cstdio>
#include <ctime>

namespace kops::instance {

std::string FormatRfc3339(std::chrono::system_clock::time_point t) {
  return Rfc3339Utc(t);
}

bool ParseRfc3339(const std::string& text, std::chrono::system_clock::time_point& out) {
  std::tm tm{};
  int n = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6)
    return false;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  out = std::chrono::system_clock::from_time_t(timegm(&tm));
  return true;
}

NodeReadiness ComputeNodeReadiness(const nlohmann::json& node,
                                   std::chrono::system_clock::time_point now,
                                   std::chrono::seconds grace) {
  const nlohmann::json* ready = nullptr;
  if (node.contains("status") && node["status"].contains("conditions") &&
      node["status"]["conditions"].is_array()) {
    for (const auto& c : node["status"]["conditions"])
      if (c.is_object() && c.value("type", "") == "Ready") ready = &c;
  }
  if (!ready) return {false, "no Ready condition"};
  if (ready->value("status", "") != "True") return {false, "Ready condition is " + ready->value("status", "Unknown")};
  std::chrono::system_clock::time_point beat;
  if (!ParseRfc3339(ready->value("lastHeartbeatTime", ""), beat)) return {false, "no lastHeartbeatTime"};
  auto age = std::chrono::duration_cast<std::chrono::seconds>(now - beat);
  if (age > grace) return {false, "no heartbeat for " + std::to_string(age.count()) + "s"};
  return {true, ""};
}

}  // namespace kops::instance
