// ProcessRunner: the seam between the local cloud and the processes it runs. The daemon
// takes a ProcessRunner&; tests pass a FakeProcessRunner (fake_process_runner.h).
//
// A ProcessHandle carries the pid and the process's start time (from /proc/<pid>/stat),
// so a daemon restarted later can adopt a live process and never mistakes a new process
// that reused the pid for it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace kops::cloud::local {

struct ProcessSpec {
  std::vector<std::string> argv;           // argv[0] is an absolute path or found on PATH
  std::map<std::string, std::string> env;  // added to (overriding) the caller's environment
  std::string working_dir;                 // "" = the caller's
  std::string log_file;                    // stdout and stderr appended here; "" = /dev/null
};

struct ProcessHandle {
  int pid = 0;
  uint64_t start_ticks = 0;  // 0 = unknown (not checked)
  bool operator==(const ProcessHandle&) const = default;
};

struct ExitInfo {
  int code = 0;    // exit code when signal == 0
  int signal = 0;  // the signal that ended it, or 0
  // "exited with code N" / "killed by signal N".
  std::string ToString() const;
};

class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;
  // Starts the process in a session of its own (setsid), stdin from /dev/null.
  // kInvalidArgument for an empty argv; kUnavailable naming argv[0] when it cannot run.
  virtual Result<ProcessHandle> Start(const ProcessSpec& spec) = 0;
  // True while the process exists, is not a zombie, and is the one the handle names.
  virtual bool IsAlive(const ProcessHandle& handle) = 0;
  // Sends `signal` to the process (its whole process group when `group`). A process that
  // is already gone is OK.
  virtual Status Kill(const ProcessHandle& handle, int signal, bool group = true) = 0;
  // Collects the exit of a child of this runner: nullopt while it runs (or, with
  // wait = true, blocks until it exits). kNotFound when it is not our child (adopted
  // after a restart, or already reaped).
  virtual Result<std::optional<ExitInfo>> Reap(const ProcessHandle& handle, bool wait = false) = 0;
};

// fork/exec on Linux.
class RealProcessRunner : public ProcessRunner {
 public:
  Result<ProcessHandle> Start(const ProcessSpec& spec) override;
  bool IsAlive(const ProcessHandle& handle) override;
  Status Kill(const ProcessHandle& handle, int signal, bool group = true) override;
  Result<std::optional<ExitInfo>> Reap(const ProcessHandle& handle, bool wait = false) override;
};

// The start time (clock ticks since boot) of pid from /proc/<pid>/stat, and its state
// letter ('R', 'S', 'Z', ...); nullopt when the process does not exist.
struct ProcStat {
  char state = '?';
  uint64_t start_ticks = 0;
};
std::optional<ProcStat> ReadProcStat(int pid);

}  // namespace kops::cloud::local
