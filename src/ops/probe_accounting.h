// ProbeAccounting: the bookkeeping of `kops toolbox probe`, pure (times are given; not
// thread-safe: the probe serializes its calls).
//   - acknowledged: writes the API answered with success; failed: every other write
//     (a failed write may still have been committed by etcd, so it is never counted
//     as lost — the notes in etcd-on-loopback.md);
//   - longest_gap_ms: the longest time without a successful write, counting from the
//     start to the first success and from the last success to the end (no success at
//     all: the whole run); successes are taken by completion time, and one reported
//     with a time before the latest success's does not move it back;
//   - lost: acknowledged writes whose object is missing, or holds another value, when
//     re-read at the end; -1 when the re-read itself failed (verified = false).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"

namespace kops::ops {

struct ProbeReport {
  int64_t acknowledged = 0;
  int64_t failed = 0;
  int64_t longest_gap_ms = 0;
  int64_t lost = 0;
  int64_t reads_ok = 0;
  int64_t reads_failed = 0;  // reads of an acknowledged write that failed or disagreed
  int64_t duration_ms = 0;
  double achieved_rate = 0;  // writes issued (acknowledged + failed) per second of the run, 0.1 precision
  bool verified = false;
  std::string verify_error;
  std::vector<std::string> lost_names;  // at most 20
  std::string first_error;              // of the writes that failed
  std::string endpoint;

  // {"acknowledged", "failed", "longest_gap_ms", "lost", "achieved_rate", ...}.
  nlohmann::json ToJson() const;
};

class ProbeAccounting {
 public:
  explicit ProbeAccounting(Clock::TimePoint start) : start_(start), last_success_(start) {}

  void WriteAcknowledged(const std::string& name, const std::string& value, Clock::TimePoint at);
  void WriteFailed(const std::string& error);
  void Read(bool ok) { ok ? ++report_.reads_ok : ++report_.reads_failed; }

  // found: name -> value of the probe's objects as re-read at the end (ignored when
  // !verified).
  ProbeReport Finish(Clock::TimePoint end, bool verified, const std::map<std::string, std::string>& found,
                     const std::string& verify_error = "");

  const std::map<std::string, std::string>& acknowledged() const { return acked_; }
  const ProbeReport& report() const { return report_; }

 private:
  void Gap(Clock::TimePoint at);

  Clock::TimePoint start_;
  Clock::TimePoint last_success_;
  std::map<std::string, std::string> acked_;
  ProbeReport report_;
};

}  // namespace kops::ops
