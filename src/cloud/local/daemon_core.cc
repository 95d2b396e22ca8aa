#include "cloud/local/daemon_core.h"

#include <iostream>

namespace kops::cloud::local {

DaemonCore::DaemonCore(const StateDir& dir, ProcessRunner& runner, Clock& clock,
                       DaemonCoreOptions options)
    : dir_(dir),
      runner_(runner),
      clock_(clock),
      options_(std::move(options)),
      lbs_(runner, dir, clock, options_.haproxy_path),
      applier_(runner, dir, clock, lbs_, options_.applier),
      service_(state_, applier_, lbs_, dir.root()) {}

Status DaemonCore::Load() {
  ASSIGN_OR_RETURN(state_, dir_.Load());
  return Status::Ok();
}

std::string DaemonCore::HandleLine(const std::string& line) {
  auto request = DecodeRequest(line);
  if (!request.ok()) return EncodeErrorResponse(request.status());
  auto result = service_.Handle(*request);
  if (!result.ok()) return EncodeErrorResponse(result.status());
  return EncodeOkResponse(result->dump());
}

bool DaemonCore::Step() {
  Clock::TimePoint now = clock_.Now();
  bool changed = !ObserveProcesses(state_, runner_, now, options_.observe).empty();
  for (const Action& action : Reconcile(state_, now, options_.reconcile)) {
    changed = true;
    if (Status st = applier_.Apply(state_, action); !st.ok()) {
      std::cerr << action.ToString() << ": " << st.message() << "\n";
    }
  }
  lbs_.Sync(state_);
  return changed;
}

bool DaemonCore::Idle() const {
  if (!state_.load_balancers.empty()) return false;
  for (const auto& [id, i] : state_.instances) {
    if (i.Live()) return false;
  }
  for (const auto& [key, g] : state_.groups) {
    if (g.desired > 0 || g.min_size > 0) return false;
  }
  return true;
}

}  // namespace kops::cloud::local
