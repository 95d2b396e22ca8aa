// Where the local cloud daemon lives and how it is started.
//
// One daemon per state directory: it holds an exclusive flock on <dir>/daemon.lock for
// its whole life; its socket is <dir>/daemon.sock (0600) and its log <dir>/daemon.log.
// The directory is 0700 (StateDir::Init).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace kops::cloud::local {

// $KOPS_LOCAL_CLOUD_DIR, else $XDG_DATA_HOME/kops-local-cloud, else
// ~/.local/share/kops-local-cloud.
std::string DefaultStateDirPath();
std::string DaemonSocketPath(const std::string& state_dir);
std::string DaemonLockPath(const std::string& state_dir);
std::string DaemonLogPath(const std::string& state_dir);

// Takes the daemon lock (non-blocking). Returns the fd that holds it (close-on-exec; the
// lock lasts until the fd is closed or the process exits). kAlreadyExists when another
// process holds it.
Result<int> AcquireDaemonLock(const std::string& state_dir);

// Starts argv as a detached daemon: double fork, setsid, cwd "/", stdin /dev/null,
// stdout and stderr appended to log_file, signal mask and handlers reset. Returns once
// the intermediate child has exited (the daemon is then an orphan of this process's
// session and outlives it). kUnavailable when the fork fails; an exec failure shows only
// in the log (the caller's bounded wait for the socket reports it).
Status SpawnDetached(const std::vector<std::string>& argv, const std::string& log_file);

}  // namespace kops::cloud::local
