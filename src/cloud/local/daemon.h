// The local cloud daemon: serves the API (api_messages.h) on <state dir>/daemon.sock as
// newline-delimited JSON — one request object per line, answered in order by one
// response line on the same connection; a connection may carry many requests — and runs
// DaemonCore's loop.
//
// Each round: wait (poll) for a request, a signal (SIGCHLD wakes it at once) or the
// tick; handle every complete request line; Step (observe → reconcile → apply → LBs);
// save the state if anything was handled or changed; then write the answers (an answer
// is only sent once its effect is on disk). It exits after a Shutdown request,
// SIGTERM/SIGINT/SIGHUP, or when it has been Idle for idle_exit; instances keep running
// (their supervisors are in sessions of their own) and the next daemon adopts them.
#pragma once

#include <functional>
#include <string>

#include "base/clock.h"
#include "cloud/local/daemon_core.h"
#include "cloud/local/process_runner.h"

namespace kops::cloud::local {

struct DaemonOptions {
  std::string state_dir;
  Clock::Duration tick = std::chrono::milliseconds(200);
  Clock::Duration idle_exit = std::chrono::seconds(30);  // zero = never
  // Real daemons: take the flock, receive signals through a signalfd (blocked in the
  // calling thread), umask 077. In-process tests turn this off.
  bool as_process = true;
  DaemonCoreOptions core;          // core.applier.socket_path is filled in by RunDaemon
  std::function<void()> on_ready;  // called once the socket listens (tests)
};

// Runs the daemon until it exits as above. kAlreadyExists when another daemon holds the
// state directory's lock (the caller should then just let that one serve).
Status RunDaemon(DaemonOptions options, ProcessRunner& runner, Clock& clock);

}  // namespace kops::cloud::local
