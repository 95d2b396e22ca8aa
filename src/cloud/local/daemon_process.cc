#include "cloud/local/daemon_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace kops::cloud::local {

std::string DefaultStateDirPath() {
  if (const char* d = std::getenv("KOPS_LOCAL_CLOUD_DIR"); d && *d) return d;
  if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) {
    return std::string(x) + "/kops-local-cloud";
  }
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : "/tmp") + "/.local/share/kops-local-cloud";
}

std::string DaemonSocketPath(const std::string& d) { return d + "/daemon.sock"; }
std::string DaemonLockPath(const std::string& d) { return d + "/daemon.lock"; }
std::string DaemonLogPath(const std::string& d) { return d + "/daemon.log"; }

Result<int> AcquireDaemonLock(const std::string& state_dir) {
  std::string path = DaemonLockPath(state_dir);
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Internal("open " + path + ": " + std::strerror(errno));
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int e = errno;
    close(fd);
    if (e == EWOULDBLOCK) return AlreadyExists("another daemon holds " + path);
    return Internal("flock " + path + ": " + std::strerror(e));
  }
  return fd;
}

Status SpawnDetached(const std::vector<std::string>& argv, const std::string& log_file) {
  if (argv.empty()) return InvalidArgument("daemon: argv is empty");
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t child = fork();
  if (child < 0) return Unavailable(std::string("fork: ") + std::strerror(errno));
  if (child == 0) {
    setsid();
    if (fork() != 0) _exit(0);  // the grandchild is no session leader: no controlling tty
    int in = open("/dev/null", O_RDONLY);
    int out = open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (in >= 0) dup2(in, 0);
    if (out >= 0) {
      dup2(out, 1);
      dup2(out, 2);
    }
    close_range(3, ~0U, 0);  // nothing of the caller's (pipes, sockets) is kept open
    if (chdir("/") != 0) _exit(127);
    for (int sig = 1; sig < NSIG; ++sig) signal(sig, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  return Status::Ok();
}

}  // namespace kops::cloud::local
