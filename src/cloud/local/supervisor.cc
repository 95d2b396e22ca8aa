#include "cloud/local/supervisor.h"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>

#include "cloud/local/proc_tree.h"

namespace kops::cloud::local {

namespace {

// Reaps every exited child; sets *main_status when `main` is among them.
void ReapAll(pid_t main, bool* main_done, int* main_status) {
  int status = 0;
  pid_t pid;
  while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
    if (pid == main) {
      *main_done = true;
      *main_status = status;
    }
  }
}

// Waits for a signal on sfd for at most timeout_ms; returns its number or 0.
int NextSignal(int sfd, int timeout_ms) {
  pollfd p{sfd, POLLIN, 0};
  if (poll(&p, 1, timeout_ms) <= 0) return 0;
  signalfd_siginfo info;
  if (read(sfd, &info, sizeof info) != sizeof info) return 0;
  return static_cast<int>(info.ssi_signo);
}

void EndTheRest(int sfd, int grace_ms) {
  for (int pid : DescendantPids(getpid())) kill(pid, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(grace_ms);
  bool unused_done = false;
  int unused_status = 0;
  while (!DescendantPids(getpid()).empty()) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    NextSignal(sfd, static_cast<int>(std::min<int64_t>(left.count(), 100)));
    ReapAll(-1, &unused_done, &unused_status);
  }
  for (int pid : DescendantPids(getpid())) kill(pid, SIGKILL);
  while (waitpid(-1, nullptr, 0) > 0 || errno == EINTR) {
  }
}

}  // namespace

int RunSupervisor(const std::vector<std::string>& argv, const SupervisorOptions& options) {
  if (argv.empty()) {
    std::cerr << "supervise: no program given\n";
    return 127;
  }
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  sigset_t handled;
  sigemptyset(&handled);
  for (int s : {SIGTERM, SIGINT, SIGHUP, SIGCHLD}) sigaddset(&handled, s);
  sigprocmask(SIG_BLOCK, &handled, nullptr);
  int sfd = signalfd(-1, &handled, SFD_CLOEXEC);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t main = fork();
  if (main < 0) {
    std::cerr << "supervise: fork: " << std::strerror(errno) << "\n";
    return 127;
  }
  if (main == 0) {
    sigprocmask(SIG_UNBLOCK, &handled, nullptr);
    execvp(args[0], args.data());
    std::cerr << "supervise: cannot run " << argv[0] << ": " << std::strerror(errno) << "\n";
    _exit(127);
  }
  bool done = false;
  int status = 0;
  while (!done) {
    int sig = NextSignal(sfd, 1000);
    if (sig == SIGTERM || sig == SIGINT || sig == SIGHUP) kill(main, sig);
    ReapAll(main, &done, &status);
  }
  EndTheRest(sfd, options.cleanup_grace_ms);
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    signal(sig, SIG_DFL);
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, sig);
    sigprocmask(SIG_UNBLOCK, &one, nullptr);
    raise(sig);
  }
  _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}

}  // namespace kops::cloud::local
