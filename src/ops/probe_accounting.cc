#include "ops/probe_accounting.h"

#include <algorithm>
#include <cmath>

namespace kops::ops {

nlohmann::json ProbeReport::ToJson() const {
  nlohmann::json j = {{"acknowledged", acknowledged}, {"failed", failed},   {"longest_gap_ms", longest_gap_ms},
                      {"lost", lost},                 {"reads_ok", reads_ok}, {"reads_failed", reads_failed},
                      {"duration_ms", duration_ms},   {"verified", verified}, {"endpoint", endpoint},
                      {"achieved_rate", achieved_rate}};
  if (!verify_error.empty()) j["verify_error"] = verify_error;
  if (!lost_names.empty()) j["lost_names"] = lost_names;
  if (!first_error.empty()) j["first_error"] = first_error;
  return j;
}

void ProbeAccounting::Gap(Clock::TimePoint at) {
  if (at < last_success_) return;
  auto gap = std::chrono::duration_cast<std::chrono::milliseconds>(at - last_success_).count();
  report_.longest_gap_ms = std::max<int64_t>(report_.longest_gap_ms, gap);
}

void ProbeAccounting::WriteAcknowledged(const std::string& name, const std::string& value, Clock::TimePoint at) {
  ++report_.acknowledged;
  acked_[name] = value;
  Gap(at);
  last_success_ = std::max(last_success_, at);
}

void ProbeAccounting::WriteFailed(const std::string& error) {
  ++report_.failed;
  if (report_.first_error.empty()) report_.first_error = error;
}

ProbeReport ProbeAccounting::Finish(Clock::TimePoint end, bool verified,
                                    const std::map<std::string, std::string>& found,
                                    const std::string& verify_error) {
  Gap(end);
  ProbeReport r = report_;
  r.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(end - start_).count();
  if (r.duration_ms > 0) {
    r.achieved_rate = std::round(static_cast<double>(r.acknowledged + r.failed) * 10000.0 / r.duration_ms) / 10.0;
  }
  r.verified = verified;
  r.verify_error = verify_error;
  if (!verified) {
    r.lost = -1;
    return r;
  }
  r.lost = 0;
  for (const auto& [name, value] : acked_) {
    auto it = found.find(name);
    if (it != found.end() && it->second == value) continue;
    ++r.lost;
    if (r.lost_names.size() < 20) r.lost_names.push_back(name);
  }
  return r;
}

}  // namespace kops::ops
