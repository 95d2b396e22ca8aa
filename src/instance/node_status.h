// Node readiness as readers (validate cluster) compute it. The node agent writes
// status.conditions[type=Ready] with status "True" and lastHeartbeatTime (RFC 3339, UTC)
// on every heartbeat; nothing flips a node to NotReady when its agent dies. A reader
// therefore decides: Ready when that condition is "True" AND now - lastHeartbeatTime <=
// grace (default 40 s, Kubernetes' node-monitor-grace-period); otherwise NotReady, with
// the reason ("no heartbeat for 52s", "Ready condition is False", "no Ready condition").
#pragma once

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

namespace kops::instance {

inline constexpr std::chrono::seconds kDefaultNodeGracePeriod{40};

struct NodeReadiness {
  bool ready = false;
  std::string reason;  // empty when ready
};

NodeReadiness ComputeNodeReadiness(const nlohmann::json& node,
                                   std::chrono::system_clock::time_point now,
                                   std::chrono::seconds grace = kDefaultNodeGracePeriod);

// "2025-01-02T03:04:05Z" and back (seconds precision, UTC). Parse returns false on error.
std::string FormatRfc3339(std::chrono::system_clock::time_point t);
bool ParseRfc3339(const std::string& text, std::chrono::system_clock::time_point& out);

}  // namespace kops::instance
