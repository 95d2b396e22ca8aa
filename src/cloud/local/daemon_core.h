// DaemonCore: the local cloud daemon without its socket, signals or lock — the part unit
// tests drive with a FakeProcessRunner and a FakeClock.
//
// HandleLine answers one request line (api_messages.h) with one response line. Step runs
// one round of the loop: observe process deaths (observe.h) → reconcile (reconciler.h) →
// apply each action (applier.h; a failed action is logged and retried by a later step) →
// sync the load balancers (lb_manager.h). Save writes the state (state_dir.h); the daemon
// saves after every round that handled requests or changed something, before it answers.
#pragma once

#include <memory>
#include <string>

#include "base/clock.h"
#include "cloud/local/applier.h"
#include "cloud/local/lb_manager.h"
#include "cloud/local/observe.h"
#include "cloud/local/process_runner.h"
#include "cloud/local/reconciler.h"
#include "cloud/local/service.h"
#include "cloud/local/state_dir.h"

namespace kops::cloud::local {

struct DaemonCoreOptions {
  ApplierOptions applier;
  ObserveOptions observe;
  ReconcileOptions reconcile;
  std::string haproxy_path;  // "" = no haproxy
};

class DaemonCore {
 public:
  DaemonCore(const StateDir& dir, ProcessRunner& runner, Clock& clock, DaemonCoreOptions options);

  // Loads the saved state: instances whose processes still live are adopted as they are.
  Status Load();
  std::string HandleLine(const std::string& line);
  // Returns true when it changed the state.
  bool Step();
  Status Save() const { return dir_.Save(state_); }

  // Nothing to run: no live instance, no load balancer, no group wanting instances.
  bool Idle() const;
  bool shutdown_requested() const { return service_.shutdown_requested(); }
  CloudState& state() { return state_; }

 private:
  const StateDir& dir_;
  ProcessRunner& runner_;
  Clock& clock_;
  DaemonCoreOptions options_;
  CloudState state_;
  LoadBalancerManager lbs_;
  Applier applier_;
  CloudService service_;
};

}  // namespace kops::cloud::local
