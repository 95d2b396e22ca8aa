#include "cloud/local/daemon.h"

#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iostream>
#include <map>
#include <vector>

#include "cloud/local/daemon_process.h"
#include "cloud/local/unix_socket.h"

namespace kops::cloud::local {

namespace {

struct Conn {
  std::string in;
  std::vector<std::string> out;  // answers waiting for the save
};

// Blocks the daemon's signals and returns a signalfd for them.
int SignalFd() {
  sigset_t set;
  sigemptyset(&set);
  for (int s : {SIGCHLD, SIGTERM, SIGINT, SIGHUP}) sigaddset(&set, s);
  sigprocmask(SIG_BLOCK, &set, nullptr);
  signal(SIGPIPE, SIG_IGN);
  return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

// Drains the signalfd; true when a terminating signal arrived.
bool ReadSignals(int sfd) {
  bool stop = false;
  signalfd_siginfo info;
  while (read(sfd, &info, sizeof info) == sizeof info) {
    if (info.ssi_signo != SIGCHLD) {
      std::cerr << "daemon: signal " << info.ssi_signo << ", exiting\n";
      stop = true;
    }
  }
  return stop;
}

void AcceptAll(int listen_fd, std::map<int, Conn>& conns) {
  int fd;
  while ((fd = accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK)) >= 0) {
    conns[fd] = Conn{};
  }
}

// Reads what a client sent and handles its complete lines; false when it hung up.
bool ReadAndHandle(int fd, Conn& c, DaemonCore& core) {
  char buf[65536];
  ssize_t n;
  bool open = true;
  while ((n = read(fd, buf, sizeof buf)) > 0) c.in.append(buf, static_cast<size_t>(n));
  if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) open = false;
  size_t nl;
  while ((nl = c.in.find('\n')) != std::string::npos) {
    std::string line = c.in.substr(0, nl);
    c.in.erase(0, nl + 1);
    if (!line.empty()) c.out.push_back(core.HandleLine(line) + "\n");
  }
  return open;
}

}  // namespace

Status RunDaemon(DaemonOptions options, ProcessRunner& runner, Clock& clock) {
  StateDir dir(options.state_dir);
  int lock_fd = -1, sfd = -1;
  if (options.as_process) umask(077);
  RETURN_IF_ERROR(dir.Init());
  if (options.as_process) {
    ASSIGN_OR_RETURN(lock_fd, AcquireDaemonLock(options.state_dir));
    sfd = SignalFd();
  }
  std::string socket_path = DaemonSocketPath(options.state_dir);
  options.core.applier.socket_path = socket_path;
  DaemonCore core(dir, runner, clock, options.core);
  RETURN_IF_ERROR(core.Load());
  core.Step();
  RETURN_IF_ERROR(core.Save());
  ASSIGN_OR_RETURN(int listen_fd, ListenUnix(socket_path));
  std::cerr << "daemon " << getpid() << ": serving " << socket_path << "\n";
  if (options.on_ready) options.on_ready();

  std::map<int, Conn> conns;
  Clock::TimePoint idle_since = clock.Now();
  bool stop = false;
  int tick_ms =
      static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(options.tick).count());
  while (!stop) {
    std::vector<pollfd> fds{{listen_fd, POLLIN, 0}};
    if (sfd >= 0) fds.push_back({sfd, POLLIN, 0});
    for (const auto& [fd, c] : conns) fds.push_back({fd, POLLIN, 0});
    poll(fds.data(), fds.size(), tick_ms);
    if (sfd >= 0) stop = ReadSignals(sfd);
    AcceptAll(listen_fd, conns);
    bool handled = false;
    std::vector<int> closed;
    for (auto& [fd, c] : conns) {
      size_t before = c.out.size();
      if (!ReadAndHandle(fd, c, core)) closed.push_back(fd);
      handled = handled || c.out.size() != before;
    }
    bool changed = core.Step();
    if (handled || changed) {
      if (Status st = core.Save(); !st.ok()) std::cerr << "daemon: save: " << st.message() << "\n";
    }
    for (auto& [fd, c] : conns) {
      for (const auto& answer : c.out) (void)WriteAll(fd, answer);
      c.out.clear();
    }
    for (int fd : closed) {
      close(fd);
      conns.erase(fd);
    }
    if (!core.Idle()) idle_since = clock.Now();
    if (options.idle_exit.count() > 0 && clock.Now() - idle_since >= options.idle_exit) {
      std::cerr << "daemon: nothing to run, exiting\n";
      stop = true;
    }
    stop = stop || core.shutdown_requested();
  }
  for (const auto& [fd, c] : conns) close(fd);
  close(listen_fd);
  unlink(socket_path.c_str());
  Status saved = core.Save();
  if (sfd >= 0) close(sfd);
  if (lock_fd >= 0) close(lock_fd);  // last: a new daemon may take over from here
  std::cerr << "daemon " << getpid() << ": stopped\n";
  return saved;
}

}  // namespace kops::cloud::local
