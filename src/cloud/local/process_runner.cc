#include "cloud/local/process_runner.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

extern char** environ;

namespace kops::cloud::local {

std::string ExitInfo::ToString() const {
  if (signal != 0) return "killed by signal " + std::to_string(signal);
  return "exited with code " + std::to_string(code);
}

std::optional<ProcStat> ReadProcStat(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  // "pid (comm) S ppid ...": comm may hold spaces and parentheses; cut at the last ')'.
  size_t close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream rest(line.substr(close + 1));
  ProcStat st;
  rest >> st.state;
  std::string field;
  for (int i = 4; i <= 21 && rest >> field; ++i) {
  }                        // fields 4..21
  rest >> st.start_ticks;  // field 22
  return st;
}

namespace {

// Everything the child needs, prepared before fork (the child may only call
// async-signal-safe functions).
struct ExecArgs {
  std::vector<std::string> env_strings;
  std::vector<char*> argv, envp;
};

ExecArgs Prepare(const ProcessSpec& spec) {
  ExecArgs a;
  std::map<std::string, std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string kv(*e);
    size_t eq = kv.find('=');
    if (eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& [k, v] : spec.env) env[k] = v;
  for (const auto& [k, v] : env) a.env_strings.push_back(k + "=" + v);
  for (const auto& s : spec.argv) a.argv.push_back(const_cast<char*>(s.c_str()));
  a.argv.push_back(nullptr);
  for (auto& s : a.env_strings) a.envp.push_back(s.data());
  a.envp.push_back(nullptr);
  return a;
}

[[noreturn]] void ChildExec(const ProcessSpec& spec, ExecArgs& a, int err_fd) {
  setsid();
  int in = open("/dev/null", O_RDONLY);
  int out = spec.log_file.empty()
                ? open("/dev/null", O_WRONLY)
                : open(spec.log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  if (in < 0 || out < 0) {
    int e = errno;
    (void)!write(err_fd, &e, sizeof e);
    _exit(127);
  }
  dup2(in, 0);
  dup2(out, 1);
  dup2(out, 2);
  if (!spec.working_dir.empty() && chdir(spec.working_dir.c_str()) != 0) {
    int e = errno;
    (void)!write(err_fd, &e, sizeof e);
    _exit(127);
  }
  for (int sig = 1; sig < NSIG; ++sig) signal(sig, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  execvpe(a.argv[0], a.argv.data(), a.envp.data());
  int e = errno;
  (void)!write(err_fd, &e, sizeof e);
  _exit(127);
}

}  // namespace

Result<ProcessHandle> RealProcessRunner::Start(const ProcessSpec& spec) {
  if (spec.argv.empty()) return InvalidArgument("process: argv is empty");
  ExecArgs args = Prepare(spec);
  int pipefd[2];
  if (pipe2(pipefd, O_CLOEXEC) != 0) return Internal(std::string("pipe: ") + strerror(errno));
  pid_t pid = fork();
  if (pid < 0) {
    close(pipefd[0]);
    close(pipefd[1]);
    return Unavailable(std::string("fork: ") + strerror(errno));
  }
  if (pid == 0) {
    close(pipefd[0]);
    ChildExec(spec, args, pipefd[1]);
  }
  close(pipefd[1]);
  int child_errno = 0;
  ssize_t n;
  do {
    n = read(pipefd[0], &child_errno, sizeof child_errno);
  } while (n < 0 && errno == EINTR);
  close(pipefd[0]);
  if (n == sizeof child_errno) {  // exec (or setup) failed; the pipe closes on success
    waitpid(pid, nullptr, 0);
    return Unavailable("cannot run " + spec.argv[0] + ": " + strerror(child_errno));
  }
  ProcessHandle h{pid, 0};
  if (auto st = ReadProcStat(pid)) h.start_ticks = st->start_ticks;
  return h;
}

bool RealProcessRunner::IsAlive(const ProcessHandle& handle) {
  if (handle.pid <= 0) return false;
  auto st = ReadProcStat(handle.pid);
  if (!st || st->state == 'Z' || st->state == 'X') return false;
  return handle.start_ticks == 0 || st->start_ticks == handle.start_ticks;
}

Status RealProcessRunner::Kill(const ProcessHandle& handle, int signal, bool group) {
  if (!IsAlive(handle)) return Status::Ok();
  int rc = group ? ::kill(-handle.pid, signal) : ::kill(handle.pid, signal);
  if (rc != 0 && group && errno == ESRCH) rc = ::kill(handle.pid, signal);
  if (rc != 0 && errno != ESRCH) {
    return Internal("kill " + std::to_string(handle.pid) + ": " + strerror(errno));
  }
  return Status::Ok();
}

Result<std::optional<ExitInfo>> RealProcessRunner::Reap(const ProcessHandle& handle, bool wait) {
  int status = 0;
  pid_t rc;
  do {
    rc = waitpid(handle.pid, &status, wait ? 0 : WNOHANG);
  } while (rc < 0 && errno == EINTR);
  if (rc < 0) return NotFound("process " + std::to_string(handle.pid) + " is not our child");
  if (rc == 0) return std::optional<ExitInfo>();
  ExitInfo info;
  if (WIFSIGNALED(status))
    info.signal = WTERMSIG(status);
  else
    info.code = WEXITSTATUS(status);
  return std::optional<ExitInfo>(info);
}

}  // namespace kops::cloud::local
