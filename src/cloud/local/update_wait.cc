// The bounded waits of update.h: instances launched, and no instance live.
#include <algorithm>
#include <cstdio>
#include <map>

#include "cloud/local/update.h"

namespace kops::cloud::local {

namespace {

constexpr auto kPoll = std::chrono::milliseconds(100);
constexpr auto kReportEvery = std::chrono::seconds(1);

std::string Seconds(Clock::Duration d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1fs", std::chrono::duration<double>(d).count());
  return buf;
}

// "" when every group (with a zone up) has its desired running instances; else what is
// missing, e.g. "4 of 6 instances running; waiting for nodes-local-b (0 of 1)".
std::string LaunchShortfall(const CloudState& s) {
  std::map<std::string, int> running;
  for (const auto& [id, i] : s.instances)
    if (i.state == InstanceState::kRunning) ++running[i.group_key];
  int want = 0, have = 0;
  std::string short_groups;
  for (const auto& [key, g] : s.groups) {
    bool zone_up = false;
    for (const auto& z : g.zones) zone_up = zone_up || s.ZoneUp(g.cluster_id, z);
    if (!zone_up) continue;  // nothing launches in a zone that is down
    want += g.desired;
    have += std::min(running[key], g.desired);
    if (running[key] < g.desired) {
      short_groups += (short_groups.empty() ? "" : ", ") + g.name + " (" +
                      std::to_string(running[key]) + " of " + std::to_string(g.desired) + ")";
    }
  }
  if (short_groups.empty()) return "";
  return std::to_string(have) + " of " + std::to_string(want) + " instances running; waiting for " +
         short_groups;
}

}  // namespace

Status WaitForLaunches(LocalCloudApi& api, const ClusterRef& ref, Clock& clock,
                       Clock::Duration timeout, std::ostream& progress) {
  const Clock::TimePoint start = clock.Now();
  Clock::TimePoint next_report = start;
  std::string missing;
  while (true) {
    api.Refresh();
    ASSIGN_OR_RETURN(CloudState s, api.ClusterState(ref));
    missing = LaunchShortfall(s);
    Clock::Duration elapsed = clock.Now() - start;
    if (missing.empty()) {
      progress << "All " << s.groups.size() << " instance groups have their instances running ["
               << Seconds(elapsed) << "]\n";
      return Status::Ok();
    }
    if (elapsed >= timeout) break;
    if (clock.Now() >= next_report) {
      progress << "Waiting for instances to launch: " << missing << " [" << Seconds(elapsed)
               << "]\n";
      next_report += kReportEvery;
    }
    clock.SleepFor(kPoll);
  }
  return DeadlineExceeded("instances of cluster " + ref.cluster + " did not launch within " +
                          Seconds(timeout) + ": " + missing +
                          "; see `kops toolbox local-cloud status`");
}

Status WaitForNoLiveInstances(LocalCloudApi& api, const ClusterRef& ref, Clock& clock,
                              Clock::Duration timeout, std::ostream& progress) {
  const Clock::TimePoint start = clock.Now();
  Clock::TimePoint next_report = start + kReportEvery;
  std::string live;
  while (true) {
    api.Refresh();
    ASSIGN_OR_RETURN(CloudState s, api.ClusterState(ref));
    live.clear();
    for (const auto& [id, i] : s.instances)
      if (i.Live()) live += (live.empty() ? "" : ", ") + id;
    if (live.empty()) return Status::Ok();
    if (clock.Now() - start >= timeout) break;
    if (clock.Now() >= next_report) {
      progress << "Waiting for instances to stop: " << live << " [" << Seconds(clock.Now() - start)
               << "]\n";
      next_report += kReportEvery;
    }
    clock.SleepFor(kPoll);
  }
  return DeadlineExceeded("instances of cluster " + ref.cluster + " still live after " +
                          Seconds(timeout) + ": " + live);
}

}  // namespace kops::cloud::local
