// FakeProcessRunner: a ProcessRunner that runs nothing. Start records the spec and hands
// out pids from 1000 up; a test ends a process with Exit() and the runner then reports it
// dead and reapable, as the real one would.
#pragma once

#include <map>
#include <vector>

#include "cloud/local/process_runner.h"

namespace kops::cloud::local {

class FakeProcessRunner : public ProcessRunner {
 public:
  struct Proc {
    ProcessSpec spec;
    bool alive = true;
    bool reaped = false;
    ExitInfo exit;
    std::vector<int> signals;  // every signal sent, in order
  };

  Result<ProcessHandle> Start(const ProcessSpec& spec) override {
    if (spec.argv.empty()) return InvalidArgument("process: argv is empty");
    if (fail_next_start) {
      fail_next_start = false;
      return Unavailable("cannot run " + spec.argv[0] + ": injected failure");
    }
    int pid = next_pid_++;
    procs[pid] = Proc{spec, true, false, {}, {}};
    started.push_back(pid);
    return ProcessHandle{pid, static_cast<uint64_t>(pid) * 10};
  }
  bool IsAlive(const ProcessHandle& h) override {
    auto it = procs.find(h.pid);
    return it != procs.end() && it->second.alive;
  }
  // SIGTERM and SIGKILL end the process unless ignore_sigterm is set (SIGTERM only).
  Status Kill(const ProcessHandle& h, int signal, bool /*group*/ = true) override {
    auto it = procs.find(h.pid);
    if (it == procs.end() || !it->second.alive) return Status::Ok();
    it->second.signals.push_back(signal);
    if (signal == 9 || (signal == 15 && !ignore_sigterm)) Exit(h.pid, 0, signal);
    return Status::Ok();
  }
  Result<std::optional<ExitInfo>> Reap(const ProcessHandle& h, bool /*wait*/ = false) override {
    auto it = procs.find(h.pid);
    if (it == procs.end() || it->second.reaped) return NotFound("not our child");
    if (it->second.alive) return std::optional<ExitInfo>();
    it->second.reaped = true;
    return std::optional<ExitInfo>(it->second.exit);
  }

  // Test hook: the process ends with code (or signal).
  void Exit(int pid, int code, int signal = 0) {
    auto& p = procs.at(pid);
    p.alive = false;
    p.exit = ExitInfo{code, signal};
  }
  int alive_count() const {
    int n = 0;
    for (const auto& [pid, p] : procs) n += p.alive ? 1 : 0;
    return n;
  }

  std::map<int, Proc> procs;
  std::vector<int> started;  // pids in start order
  bool ignore_sigterm = false;
  bool fail_next_start = false;

 private:
  int next_pid_ = 1000;
};

}  // namespace kops::cloud::local
