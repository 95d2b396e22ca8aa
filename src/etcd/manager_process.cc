#include "etcd/manager_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace kops::etcd {
namespace {

class ForkedEtcd : public EtcdProcess {
 public:
  ForkedEtcd(pid_t pid, std::string log_path) : pid_(pid), log_path_(std::move(log_path)) {}
  ~ForkedEtcd() override { Kill(); }

  std::optional<int> Poll() override {
    if (pid_ <= 0) return exit_;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) != pid_) return std::nullopt;
    kill(-pid_, SIGKILL);  // anything it left in its group
    pid_ = -1;
    exit_ = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    return exit_;
  }

  void Kill() override {
    if (pid_ <= 0) return;
    kill(-pid_, SIGKILL);
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    exit_ = -SIGKILL;
  }

  std::string OutputTail() override {
    std::ifstream in(log_path_, std::ios::binary);
    if (!in) return "";
    in.seekg(0, std::ios::end);
    std::streamoff size = in.tellg();
    std::streamoff from = size > 4096 ? size - 4096 : 0;
    in.seekg(from);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

 private:
  pid_t pid_;
  std::string log_path_;
  std::optional<int> exit_;
};

}  // namespace

Result<std::unique_ptr<EtcdProcess>> ForkEtcdLauncher::Start(const std::vector<std::string>& argv,
                                                             const std::string& log_path) {
  if (argv.empty()) return InvalidArgument("etcd launcher: empty argv");
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return Unavailable("etcd launcher: open " + log_path + ": " + std::strerror(errno));
  pid_t pid = fork();
  if (pid < 0) {
    close(fd);
    return Unavailable(std::string("etcd launcher: fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    dup2(fd, 1);
    dup2(fd, 2);
    execv(args[0], args.data());
    _exit(127);
  }
  setpgid(pid, pid);
  close(fd);
  return std::unique_ptr<EtcdProcess>(std::make_unique<ForkedEtcd>(pid, log_path));
}

}  // namespace kops::etcd
