// The instance supervisor: a tiny process between the daemon and an instance's program
// (`kops toolbox local-cloud supervise -- PROGRAM ARGS...`). The daemon starts it in a
// session of its own; it
// - makes itself a child subreaper, so whatever the instance starts and orphans is
//   reparented to it and reaped — no zombie is left, even when the daemon has restarted
//   and PID 1 does not reap;
// - forks and execs the program (same process group), forwards SIGTERM, SIGINT and
//   SIGHUP to it, and waits for it;
// - when the program ends, sends SIGTERM to what is left of its tree, SIGKILL after
//   `cleanup_grace`, reaps everything, and exits with the program's exit code (or
//   re-raises the signal that ended it), so the daemon's observation reads the same exit.
// The supervisor itself is a child of the daemon that started it; once that daemon has
// gone, its exit is reaped by whoever adopted it (PID 1, or a subreaper above).
#pragma once

#include <string>
#include <vector>

namespace kops::cloud::local {

struct SupervisorOptions {
  int cleanup_grace_ms = 3000;
};

// Runs argv under supervision; returns only on a setup failure (exit code 127).
int RunSupervisor(const std::vector<std::string>& argv, const SupervisorOptions& options = {});

}  // namespace kops::cloud::local
